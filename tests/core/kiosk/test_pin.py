"""Admin PIN: rules, salted hashing, constant-time verification and the wrong-PIN limiter."""

import hashlib

import pytest

from jiangbei_reader.core.kiosk.pin import (
    PBKDF2,
    SCRYPT,
    AdminUnlock,
    PinFormatError,
    PinHash,
    RateLimiter,
    UnlockOutcome,
    check_pin_format,
    hash_pin,
)
from tests.core.kiosk.conftest import cheap_hash


@pytest.mark.parametrize("pin", ["1234", "000000", "123456789012"])
def test_pins_of_four_to_twelve_digits_are_accepted(pin):
    assert check_pin_format(pin) == pin


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("", "empty"),
        ("123", "4 to 12 digits"),
        ("1234567890123", "4 to 12 digits"),
        ("12a4", "digits 0-9 only"),
        ("12 34", "digits 0-9 only"),
        ("１２３４", "digits 0-9 only"),  # full-width digits are not on the keypad
        ("١٢٣٤", "digits 0-9 only"),  # nor are Arabic-Indic ones, though str.isdigit() says yes
    ],
)
def test_pins_breaking_the_rules_are_refused_with_the_reason(pin, reason):
    with pytest.raises(PinFormatError, match=reason):
        check_pin_format(pin)


def test_two_hashes_of_one_pin_differ_because_each_has_its_own_salt():
    first, second = cheap_hash("1357"), cheap_hash("1357")
    assert first.salt != second.salt
    assert first.digest != second.digest
    assert first.verify("1357") and second.verify("1357")


def test_verify_accepts_the_right_pin_and_refuses_a_wrong_one(pin_hash):
    assert pin_hash.verify("2468")
    assert not pin_hash.verify("2469")
    assert not pin_hash.verify("24680")


def test_scrypt_hash_is_what_hashlib_scrypt_gives_with_the_stored_parameters(pin_hash):
    assert pin_hash.scheme == SCRYPT
    expected = hashlib.scrypt(
        b"2468", salt=pin_hash.salt, n=pin_hash.n, r=pin_hash.r, p=pin_hash.p, dklen=32
    )
    assert pin_hash.digest == expected


def test_pbkdf2_hashes_verify_too():
    hashed = hash_pin("8642", scheme=PBKDF2, iterations=10_000)
    assert hashed.iterations == 10_000
    assert hashed.verify("8642") and not hashed.verify("8643")


def test_new_hashes_use_the_strong_default_cost():
    hashed = hash_pin("1111")
    assert (hashed.n, hashed.r, hashed.p) == (2**17, 8, 1)


def test_hash_repr_shows_neither_salt_nor_digest(pin_hash):
    text = repr(pin_hash)
    assert pin_hash.digest.hex() not in text and repr(pin_hash.digest) not in text
    assert repr(pin_hash.salt) not in text


def test_hashing_refuses_a_pin_that_breaks_the_rules():
    with pytest.raises(PinFormatError):
        hash_pin("12")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"n": 1000}, "n"),  # not a power of two
        ({"n": 2**30}, "n"),  # would freeze the kiosk
        ({"r": 0}, "r"),
        ({"p": 99}, "p"),
        ({"salt": b"short"}, "salt"),
        ({"digest": b"x" * 8}, "hash"),
        ({"scheme": "md5"}, "scheme"),
    ],
)
def test_unsafe_stored_parameters_are_reported_by_key(pin_hash, changes, key):
    fields = {
        "scheme": pin_hash.scheme,
        "salt": pin_hash.salt,
        "digest": pin_hash.digest,
        "n": pin_hash.n,
        "r": pin_hash.r,
        "p": pin_hash.p,
    }
    broken = PinHash(**(fields | changes))
    assert key in [k for k, _ in broken.parameter_problems()]


def test_pbkdf2_iterations_below_the_floor_are_reported():
    hashed = PinHash(PBKDF2, b"s" * 16, b"d" * 32, iterations=1000)
    assert [k for k, _ in hashed.parameter_problems()] == ["iterations"]


def test_rate_limiter_delays_grow_0_1_2_4_8_and_stop_at_60(clock):
    limiter = RateLimiter(clock=clock)
    waits = [limiter.record_failure() for _ in range(10)]
    assert waits == [0, 1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_rate_limiter_counts_down_with_the_clock(clock):
    limiter = RateLimiter(clock=clock)
    limiter.record_failure()
    assert limiter.seconds_remaining() == 0
    limiter.record_failure()
    limiter.record_failure()
    assert limiter.seconds_remaining() == 2
    clock.advance(1.5)
    assert limiter.seconds_remaining() == pytest.approx(0.5)
    clock.advance(0.5)
    assert limiter.seconds_remaining() == 0


def test_rate_limiter_forgets_after_a_quiet_spell_and_after_success(clock):
    limiter = RateLimiter(clock=clock, forget_after=900)
    for _ in range(5):
        limiter.record_failure()
    clock.advance(899)
    assert limiter.failures == 5
    clock.advance(1)
    assert limiter.failures == 0
    assert limiter.record_failure() == 0
    limiter.record_failure()
    limiter.record_success()
    assert limiter.failures == 0 and limiter.seconds_remaining() == 0


def test_unlock_accepts_the_right_pin(pin_hash, clock):
    unlock = AdminUnlock(pin_hash, RateLimiter(clock=clock))
    assert unlock.try_pin("2468").outcome is UnlockOutcome.ACCEPTED


def test_unlock_rejects_wrong_pins_with_growing_waits(pin_hash, clock):
    unlock = AdminUnlock(pin_hash, RateLimiter(clock=clock))
    first = unlock.try_pin("0000")
    assert (first.outcome, first.wait) == (UnlockOutcome.REJECTED, 0)
    second = unlock.try_pin("1111")
    assert (second.outcome, second.wait) == (UnlockOutcome.REJECTED, 1)


def test_a_pin_typed_during_the_lock_out_is_not_checked_even_if_right(pin_hash, clock):
    unlock = AdminUnlock(pin_hash, RateLimiter(clock=clock))
    unlock.try_pin("0000")
    unlock.try_pin("0000")
    refused = unlock.try_pin("2468")
    assert refused.outcome is UnlockOutcome.TOO_SOON
    assert refused.wait == 1
    assert unlock.limiter.failures == 2  # not counted either
    clock.advance(1)
    assert unlock.try_pin("2468").outcome is UnlockOutcome.ACCEPTED
    assert unlock.limiter.failures == 0


def test_malformed_input_on_the_keypad_counts_as_a_wrong_pin(pin_hash, clock):
    unlock = AdminUnlock(pin_hash, RateLimiter(clock=clock))
    assert unlock.try_pin("").outcome is UnlockOutcome.REJECTED
    assert unlock.limiter.failures == 1
