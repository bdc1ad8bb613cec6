"""``record``: a dataclass decorator whose classes cost almost nothing to define.

``dataclasses.dataclass`` writes each generated method (``__init__``, ``__repr__``,
``__eq__``, ``__hash__``, the frozen ``__setattr__`` and ``__delattr__``, the orderings)
as source text and compiles it while the module is imported: some 4 million instructions
a class, more than half of what importing leadaudit's own modules cost. ``record`` asks
``dataclass`` for the fields alone and installs methods shared by every record, so a
record is still a dataclass to ``fields``, ``replace``, ``asdict`` and ``is_dataclass``,
and behaves as a frozen dataclass does:

- ``__init__`` takes the fields positionally or by name and fills defaults and default
  factories, as a dataclass's does; it binds them without compiled code at first, and
  is compiled once the class has been instantiated a few dozen times, so a class a run
  makes a few times costs nothing to compile and one it makes often is as fast as a
  dataclass;
- instances compare equal when their classes are the same and their fields are equal,
  and hash by their fields when frozen (a mutable record is unhashable, as a dataclass
  with ``eq`` is);
- a frozen record's fields cannot be set or deleted (``dataclasses.FrozenInstanceError``);
- ``order=True`` compares field by field, as tuples do, with records of the same class.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from itertools import pairwise
from operator import attrgetter
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


def _compiled_init(cls: type[Any], frozen: bool) -> Callable[..., None]:
    """The ``__init__`` of ``cls``, written out and compiled as dataclass would write it."""
    fields = [f for f in dataclasses.fields(cls) if f.init]
    namespace: dict[str, Any] = {"__record_set": object.__setattr__, "__record_none": _MISSING}
    params, body = [], []
    for f in fields:
        if f.default is not _MISSING:
            namespace[f"__record_default_{f.name}"] = f.default
            params.append(f"{f.name}=__record_default_{f.name}")
        elif f.default_factory is not _MISSING:
            namespace[f"__record_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=__record_none")
            body.append(f"  if {f.name} is __record_none: {f.name} = __record_factory_{f.name}()")
        else:
            params.append(f.name)
    for f in fields:
        if frozen:
            body.append(f"  __record_set(__record_self, {f.name!r}, {f.name})")
        else:
            body.append(f"  __record_self.{f.name} = {f.name}")
    if hasattr(cls, "__post_init__"):
        body.append("  __record_self.__post_init__()")
    source = f"def __init__(__record_self, {', '.join(params)}):\n" + "\n".join(body or ["  pass"])
    exec(source, namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _bound_init(cls: type[Any], frozen: bool) -> Callable[..., None]:
    """An ``__init__`` of ``cls`` that binds its fields from the arguments without compiling
    anything: slower per instance than a compiled one, cheaper for a class made a few times."""
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
                    raise TypeError(
                        f"{qualname}.__init__() missing 1 required positional argument: {name!r}"
                    )
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


COMPILE_AFTER = 32
"""Instances of a class made with the bound ``__init__`` before its own is compiled."""


def _init_for(cls: type[Any], frozen: bool) -> Callable[..., None]:
    """The ``__init__`` a record starts with: the bound one, until the class has been
    instantiated COMPILE_AFTER times, when the compiled one replaces it."""
    bound = _bound_init(cls, frozen)
    made = 0

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        made += 1
        if made == COMPILE_AFTER:
            cls.__init__ = _compiled_init(cls, frozen)
        bound(self, *args, **kwargs)

    init.__name__ = "__init__"
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _values(self: Any) -> tuple[Any, ...]:
    values: tuple[Any, ...] = type(self).__record_values__(self)
    return values


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


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not _MISSING or f.default_factory is not _MISSING


def _build(decorated: type[T], frozen: bool, eq: bool, order: bool) -> type[T]:
    # Fields only: with init, repr and eq off and not frozen, dataclass compiles nothing.
    cls: Any = dataclasses.dataclass(init=False, repr=False, eq=False)(decorated)
    fields = dataclasses.fields(cls)
    init_fields = [f for f in fields if f.init]
    for before, after in pairwise(init_fields):
        if _has_default(before) and not _has_default(after):
            raise TypeError(f"non-default argument {after.name!r} follows default argument")
    compared = [f.name for f in fields if f.compare]
    # attrgetter of several names gives their tuple, in C; of one name, the value alone.
    getter = attrgetter(*compared) if compared else (lambda _: ())
    cls.__record_values__ = getter if len(compared) != 1 else (lambda obj: (getter(obj),))
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
    """Make ``cls`` a dataclass (frozen unless ``frozen=False``), compiling nothing until
    it has been instantiated COMPILE_AFTER times.

    Used bare (``@record``) or with options (``@record(order=True)``); ``eq=False`` keeps
    comparison and hashing by identity.
    """
    if cls is None:
        return lambda decorated: _build(decorated, frozen, eq, order)
    return _build(cls, frozen, eq, order)
