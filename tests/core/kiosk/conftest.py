"""Fixtures for the kiosk core tests: cheap PIN hashes and a fake clock."""

from __future__ import annotations

import pytest

from jiangbei_reader.core.kiosk.pin import PinHash, hash_pin


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def cheap_hash(pin: str = "2468") -> PinHash:
    """A real scrypt hash with the smallest allowed cost, so tests stay fast."""
    return hash_pin(pin, n=2**10, r=8, p=1)


@pytest.fixture
def pin_hash() -> PinHash:
    return cheap_hash()
