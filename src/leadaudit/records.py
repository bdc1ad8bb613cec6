"""``record``: a dataclass decorator whose classes cost almost nothing to define.

``dataclasses.dataclass`` writes each generated method (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, the frozen ``__setattr__`` and ``__delattr__``, the orderings)
as source text and compiles it while the module is imported: some 4 million instructions
a class, more than half of what importing leadaudit's own modules cost. ``record`` asks
``dataclass`` for the fields alone and installs methods shared by every record, so a
record is still a dataclass to ``fields``, ``replace``, ``asdict`` and ``is_dataclass``,
and behaves as a frozen dataclass does:

- ``__init__`` takes the fields positionally or by name, fills defaults and default
  factories, and raises ``TypeError`` for a missing, repeated or unknown argument;
- instances compare equal when their classes are the same and their fields are equal,
  and hash by their fields when frozen (a mutable record is unhashable, as a dataclass
  with ``eq`` is);
- a frozen record's fields cannot be set or deleted (``dataclasses.FrozenInstanceError``);
- ``order=True`` compares field by field, as tuples do, with records of the same class.

The shared ``__init__`` is slower per instance than a generated one (about a microsecond
more), which is why records are for objects made a few hundred at a time, never per post.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[Any], Any]:
        """Typing marker only; the checker reads it from typing_extensions."""
        return lambda decorated: decorated


__all__ = ["record"]

T = TypeVar("T")

_MISSING = dataclasses.MISSING


def _init_for(cls: type[Any], frozen: bool) -> Callable[..., None]:
    """The ``__init__`` of ``cls``: binds its fields from positional and named arguments."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    names = tuple(f.name for f in fields)
    known = frozenset(names)
    defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
    factories = {f.name: f.default_factory for f in fields if f.default_factory is not _MISSING}
    post_init = getattr(cls, "__post_init__", None)
    qualname = cls.__qualname__
    count = len(names)

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > count:
            raise TypeError(
                f"{qualname}.__init__() takes {count + 1} positional arguments "
                f"but {len(args) + 1} were given"
            )
        values = dict(zip(names, args, strict=False))
        for name, value in kwargs.items():
            if name not in known:
                raise TypeError(
                    f"{qualname}.__init__() got an unexpected keyword argument {name!r}"
                )
            if name in values:
                raise TypeError(f"{qualname}.__init__() got multiple values for argument {name!r}")
            values[name] = value
        if len(values) < count:
            for name in names:
                if name in values:
                    continue
                if name in defaults:
                    values[name] = defaults[name]
                elif name in factories:
                    values[name] = factories[name]()
                else:
                    raise TypeError(f"{qualname}.__init__() missing required argument: {name!r}")
        if frozen:
            for name in names:
                object.__setattr__(self, name, values[name])
        else:
            self.__dict__.update(values)
        if post_init is not None:
            post_init(self)

    init.__name__ = "__init__"
    init.__qualname__ = f"{qualname}.__init__"
    return init


def _values(self: Any) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in type(self).__record_compared__)


def _repr(self: Any) -> str:
    shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in type(self).__record_shown__)
    return f"{type(self).__qualname__}({shown})"


def _eq(self: Any, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _frozen_setattr(_self: Any, name: str, _value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(_self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def _ordering(compare: Callable[[tuple[Any, ...], tuple[Any, ...]], bool]) -> Callable[..., Any]:
    def method(self: Any, other: object) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return compare(_values(self), _values(other))

    return method


_ORDERINGS = {
    "__lt__": _ordering(lambda a, b: a < b),
    "__le__": _ordering(lambda a, b: a <= b),
    "__gt__": _ordering(lambda a, b: a > b),
    "__ge__": _ordering(lambda a, b: a >= b),
}


def _build(decorated: type[T], frozen: bool, eq: bool, order: bool) -> type[T]:
    # Fields only: with init, repr and eq off and not frozen, dataclass compiles nothing.
    cls: Any = dataclasses.dataclass(init=False, repr=False, eq=False)(decorated)
    fields = dataclasses.fields(cls)
    cls.__record_compared__ = tuple(f.name for f in fields if f.compare)
    cls.__record_shown__ = tuple(f.name for f in fields if f.repr)
    setattr(cls, "__match_args__", tuple(f.name for f in fields if f.init))  # noqa: B010
    cls.__init__ = _init_for(cls, frozen)
    cls.__repr__ = _repr
    if eq:
        cls.__eq__ = _eq
        cls.__hash__ = _hash if frozen else None
    if frozen:
        cls.__setattr__ = _frozen_setattr
        cls.__delattr__ = _frozen_delattr
    if order:
        for name, method in _ORDERINGS.items():
            setattr(cls, name, method)
    return decorated


@dataclass_transform(frozen_default=True, eq_default=True)
def record(
    cls: type[T] | None = None, *, frozen: bool = True, eq: bool = True, order: bool = False
) -> Any:
    """Make ``cls`` a dataclass (frozen unless ``frozen=False``) without compiling code.

    Used bare (``@record``) or with options (``@record(order=True)``); ``eq=False`` keeps
    comparison and hashing by identity.
    """
    if cls is None:
        return lambda decorated: _build(decorated, frozen, eq, order)
    return _build(cls, frozen, eq, order)
