"""Immutable value objects that cost nothing to define.

The edition model, diagnostics, routes and preferences were frozen dataclasses. Python 3.11
compiles each dataclass's methods from source when the class is made: about
0.9 ms a class, 10 ms at every start of the reader for the classes it needs
before its first paint. A :class:`Value` subclass annotates its fields,
lists them in ``__slots__`` and writes its ``__init__`` (setting each field
with :data:`set_field`); equality, hashing, ``repr``, pickling, immutability and
:meth:`Value.replace` come from here, the same for every field list.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, Self

#: Sets a field of a value in its ``__init__``, past the refusal of ``__setattr__``.
set_field: Callable[[object, str, object], None] = object.__setattr__


class Value:
    """An immutable record whose fields are its annotated attributes, in order.

    Every field is a slot. Slots whose names start with ``_`` hold derived state:
    they take no part in equality, hashing or ``repr``, and ``__init__`` rebuilds them.
    """

    __slots__ = ()

    #: The fields, in ``__init__``'s order (set for each subclass).
    fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Callable[[Any], tuple[object, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # The annotations keep the order of the class body (``__slots__`` is sorted).
        annotated = cls.__annotations__  # its own (Python >= 3.10), not a base's
        own = tuple(name for name in annotated if not name.startswith("_"))
        slots = {name for name in cls.__dict__.get("__slots__", ()) if not name.startswith("_")}
        if set(own) != slots:
            raise TypeError(f"{cls.__qualname__}: fields {own} are not its slots {sorted(slots)}")
        cls.fields = cls.fields + own
        names = cls.fields
        # attrgetter of one name returns the value, not a 1-tuple.
        cls._values = attrgetter(*names) if len(names) > 1 else lambda v: (getattr(v, names[0]),)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return type(self)._values(self) == type(self)._values(other)

    def __hash__(self) -> int:
        return hash(type(self)._values(self))

    def __repr__(self) -> str:
        values = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self.fields, type(self)._values(self), strict=True)
        )
        return f"{type(self).__qualname__}({values})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__qualname__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__qualname__} is immutable: cannot delete {name!r}")

    def __reduce__(self) -> tuple[type[Self], tuple[object, ...]]:
        # Pickle and copy through __init__, which the frozen __setattr__ leaves the only way in.
        return type(self), type(self)._values(self)

    def as_dict(self) -> dict[str, object]:
        """The fields by name (as ``dataclasses.asdict``, without copying their values)."""
        return dict(zip(self.fields, type(self)._values(self), strict=True))

    def replace(self, **changes: object) -> Self:
        """A copy with some fields changed (as ``dataclasses.replace``)."""
        unknown = changes.keys() - set(self.fields)
        if unknown:
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        return type(self)(**(self.as_dict() | changes))
