"""The kiosk admin PIN: rules, salted hashing, verification and a limiter for wrong guesses."""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12

SCRYPT = "scrypt"
PBKDF2 = "pbkdf2-sha256"
SCHEMES = (SCRYPT, PBKDF2)

#: OWASP's scrypt minimum (N=2^17, r=8, p=1): 128 MiB and about 0.4 s on a small PC,
#: paid once per unlock attempt. A 4-digit PIN is a small space whatever the cost;
#: the hash keeps the PIN out of sight, the rate limiter guards the keypad.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
PBKDF2_ITERATIONS = 600_000
SALT_BYTES = 16
HASH_BYTES = 32

# Bounds for parameters read from a file: a hand-edited n=2**30 must not freeze the kiosk.
SCRYPT_N_RANGE = (2**10, 2**20)
SCRYPT_R_RANGE = (1, 16)
SCRYPT_P_RANGE = (1, 4)
SCRYPT_MAX_MEMORY = 2**30
PBKDF2_ITERATIONS_RANGE = (10_000, 10_000_000)
SALT_BYTES_RANGE = (16, 64)
HASH_BYTES_RANGE = (16, 64)


class PinFormatError(ValueError):
    """A PIN that breaks the rules (digits only, 4–12 of them)."""


def check_pin_format(pin: str) -> str:
    """Return the PIN if it is 4–12 ASCII digits, else raise `PinFormatError` saying why."""
    if not pin:
        raise PinFormatError("the PIN is empty")
    if not all("0" <= ch <= "9" for ch in pin):
        # ASCII only: the kiosk keypad has 0-9, and full-width ０ would never match it.
        raise PinFormatError("the PIN must contain digits 0-9 only")
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinFormatError(f"the PIN must have {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
    return pin


def _scrypt_memory(n: int, r: int, p: int) -> int:
    # OpenSSL's own account: the V array (128·r·(n+2)) plus the B array (128·r·p).
    return 128 * r * (n + 2) + 128 * r * p


@dataclass(frozen=True, slots=True)
class PinHash:
    """A salted PIN hash with the parameters that made it, as stored in kiosk.toml."""

    scheme: str
    # Out of repr: a logged config must not carry what an offline guesser needs.
    salt: bytes = field(repr=False)
    digest: bytes = field(repr=False)
    n: int = 0
    r: int = 0
    p: int = 0
    iterations: int = 0

    def derive(self, pin: str) -> bytes:
        """The digest this hash's scheme and parameters give for a PIN."""
        secret = pin.encode("ascii", errors="replace")
        if self.scheme == SCRYPT:
            return hashlib.scrypt(
                secret,
                salt=self.salt,
                n=self.n,
                r=self.r,
                p=self.p,
                maxmem=_scrypt_memory(self.n, self.r, self.p) + 2**20,
                dklen=len(self.digest),
            )
        if self.scheme == PBKDF2:
            return hashlib.pbkdf2_hmac(
                "sha256", secret, self.salt, self.iterations, dklen=len(self.digest)
            )
        raise ValueError(f"unknown PIN hash scheme {self.scheme!r}")

    def verify(self, pin: str) -> bool:
        """True when the PIN matches; the comparison takes the same time either way."""
        return hmac.compare_digest(self.derive(pin), self.digest)

    def parameter_problems(self) -> list[tuple[str, str]]:
        """(key, message) for every stored parameter outside its safe range."""
        problems: list[tuple[str, str]] = []
        if self.scheme not in SCHEMES:
            problems.append(("scheme", f"must be one of {', '.join(SCHEMES)}"))
        if not SALT_BYTES_RANGE[0] <= len(self.salt) <= SALT_BYTES_RANGE[1]:
            problems.append(("salt", f"must be {SALT_BYTES_RANGE[0]}-{SALT_BYTES_RANGE[1]} bytes"))
        if not HASH_BYTES_RANGE[0] <= len(self.digest) <= HASH_BYTES_RANGE[1]:
            problems.append(("hash", f"must be {HASH_BYTES_RANGE[0]}-{HASH_BYTES_RANGE[1]} bytes"))
        if self.scheme == SCRYPT:
            low, high = SCRYPT_N_RANGE
            if not (low <= self.n <= high and self.n & (self.n - 1) == 0):
                problems.append(("n", f"must be a power of two from {low} to {high}"))
            for key, value, (low, high) in (
                ("r", self.r, SCRYPT_R_RANGE),
                ("p", self.p, SCRYPT_P_RANGE),
            ):
                if not low <= value <= high:
                    problems.append((key, f"must be from {low} to {high}"))
            if not problems and _scrypt_memory(self.n, self.r, self.p) > SCRYPT_MAX_MEMORY:
                problems.append(("n", "n, r and p together need more than 1 GiB"))
        elif self.scheme == PBKDF2:
            low, high = PBKDF2_ITERATIONS_RANGE
            if not low <= self.iterations <= high:
                problems.append(("iterations", f"must be from {low} to {high}"))
        return problems


def default_scheme() -> str:
    """The scheme for new hashes: scrypt if OpenSSL has it, else PBKDF2-HMAC-SHA256."""
    return SCRYPT if hasattr(hashlib, "scrypt") else PBKDF2


def hash_pin(
    pin: str,
    *,
    scheme: str | None = None,
    n: int = SCRYPT_N,
    r: int = SCRYPT_R,
    p: int = SCRYPT_P,
    iterations: int = PBKDF2_ITERATIONS,
) -> PinHash:
    """Hash a valid PIN with a fresh random salt (so one PIN never hashes the same twice)."""
    check_pin_format(pin)
    chosen = scheme or default_scheme()
    salt = secrets.token_bytes(SALT_BYTES)
    if chosen == SCRYPT:
        template = PinHash(SCRYPT, salt, bytes(HASH_BYTES), n=n, r=r, p=p)
    elif chosen == PBKDF2:
        template = PinHash(PBKDF2, salt, bytes(HASH_BYTES), iterations=iterations)
    else:
        raise ValueError(f"unknown PIN hash scheme {chosen!r}")
    problems = template.parameter_problems()
    if problems:
        raise ValueError("; ".join(f"{key} {message}" for key, message in problems))
    return PinHash(
        template.scheme,
        salt,
        template.derive(pin),
        n=template.n,
        r=template.r,
        p=template.p,
        iterations=template.iterations,
    )


class RateLimiter:
    """Growing delays after wrong PINs: 0, 1, 2, 4, 8 … seconds, capped at `cap`.

    Kept in memory only and never cleared by the idle reset, so waiting for a
    reset does not buy a stranger fresh guesses. A quiet spell of `forget_after`
    seconds since the last wrong PIN starts over, so yesterday's typo is forgiven.
    """

    def __init__(
        self,
        *,
        cap: float = 60.0,
        forget_after: float = 15 * 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cap = cap
        self._forget_after = forget_after
        self._clock = clock
        self._failures = 0
        self._last_failure = 0.0

    @property
    def failures(self) -> int:
        """Wrong PINs in a row (after forgetting old ones)."""
        self._forget_if_quiet()
        return self._failures

    def delay_after(self, failures: int) -> float:
        """How long the keypad stays locked after this many wrong PINs in a row."""
        if failures <= 1:
            return 0.0
        return float(min(self._cap, 2 ** min(failures - 2, 32)))

    def seconds_remaining(self) -> float:
        """Seconds until the next PIN may be tried; 0 when it may be tried now."""
        self._forget_if_quiet()
        if self._failures == 0:
            return 0.0
        ready_at = self._last_failure + self.delay_after(self._failures)
        return max(0.0, ready_at - self._clock())

    def record_failure(self) -> float:
        """Count a wrong PIN; returns the wait before the next try."""
        self._forget_if_quiet()
        self._failures += 1
        self._last_failure = self._clock()
        return self.delay_after(self._failures)

    def record_success(self) -> None:
        """A right PIN clears the count."""
        self._failures = 0

    def _forget_if_quiet(self) -> None:
        if self._failures and self._clock() - self._last_failure >= self._forget_after:
            self._failures = 0


class UnlockOutcome(enum.Enum):
    """What happened to one PIN typed on the admin keypad."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    #: Typed while still locked out: not checked, not counted.
    TOO_SOON = "too-soon"


@dataclass(frozen=True, slots=True)
class UnlockResult:
    """The outcome and how long the keypad must now wait (seconds, 0 = may try now)."""

    outcome: UnlockOutcome
    wait: float


class AdminUnlock:
    """The admin keypad's logic: check a PIN against the hash, through the rate limiter."""

    def __init__(self, pin_hash: PinHash, limiter: RateLimiter | None = None) -> None:
        self._hash = pin_hash
        self.limiter = limiter or RateLimiter()

    def seconds_remaining(self) -> float:
        """Seconds until the keypad accepts another PIN."""
        return self.limiter.seconds_remaining()

    def try_pin(self, pin: str) -> UnlockResult:
        """Check one PIN; a PIN typed during the lock-out is refused without checking."""
        wait = self.limiter.seconds_remaining()
        if wait > 0:
            return UnlockResult(UnlockOutcome.TOO_SOON, wait)
        try:
            check_pin_format(pin)
            right = self._hash.verify(pin)
        except PinFormatError:
            right = False
        if right:
            self.limiter.record_success()
            return UnlockResult(UnlockOutcome.ACCEPTED, 0.0)
        return UnlockResult(UnlockOutcome.REJECTED, self.limiter.record_failure())
