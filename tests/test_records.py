"""``record`` classes behave as the dataclasses they replace: construction, defaults,
equality, hashing, ordering, immutability, and the ``dataclasses`` functions."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest

from leadaudit.records import COMPILE_AFTER, record


@record
class Point:
    """A frozen record with defaults and a default factory."""

    x: int
    label: str = "origin"
    tags: tuple[str, ...] = ()
    notes: list[str] = dataclasses.field(default_factory=list)


@record(order=True)
class Place:
    """An ordered record."""

    file: str
    line: int


@record(frozen=False)
class Tally:
    """A mutable record."""

    count: int = 0


@record(frozen=False, eq=False)
class Handle:
    """A mutable record compared by identity."""

    name: str


@record
class Child(Point):
    """A record that inherits fields."""

    depth: int = 0


def test_arguments_bind_by_position_and_name_with_defaults() -> None:
    p = Point(1, tags=("a",))
    assert (p.x, p.label, p.tags, p.notes) == (1, "origin", ("a",), [])
    assert Point(x=2, label="b").label == "b"


def test_each_instance_gets_its_own_factory_default() -> None:
    assert Point(1).notes is not Point(1).notes


def fresh_classes(compiled: bool) -> tuple[Any, Any]:
    """New Point- and Place-like record classes, their __init__ compiled or not yet."""

    @record
    class NewPoint:
        x: int
        label: str = "origin"
        notes: list[str] = dataclasses.field(default_factory=list)

    @record
    class NewPlace:
        file: str
        line: int

    if compiled:
        for _ in range(COMPILE_AFTER):
            NewPoint(0)
            NewPlace("a", 1)
    return NewPoint, NewPlace


@pytest.mark.parametrize("compiled", [False, True], ids=["bound", "compiled"])
@pytest.mark.parametrize(
    ("which", "args", "kwargs", "message"),
    [
        (0, (), {}, "missing 1 required positional argument: 'x'"),
        (0, (1,), {"y": 2}, "unexpected keyword argument 'y'"),
        (0, (1,), {"x": 2}, "multiple values for argument 'x'"),
        (1, ("a", 1, 2), {}, "takes 3 positional arguments but 4 were given"),
    ],
)
def test_bad_arguments_raise_type_error(
    compiled: bool, which: int, args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    cls = fresh_classes(compiled)[which]
    with pytest.raises(TypeError, match=message):
        cls(*args, **kwargs)


@pytest.mark.parametrize("compiled", [False, True], ids=["bound", "compiled"])
def test_both_inits_bind_alike(compiled: bool) -> None:
    point, place = fresh_classes(compiled)
    first, second = point(1), point(2, "b", ["n"])
    assert (first.x, first.label, first.notes) == (1, "origin", [])
    assert (second.x, second.label, second.notes) == (2, "b", ["n"])
    assert point(3).notes is not first.notes
    assert place(line=2, file="f") == place("f", 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.x = 5


def test_the_init_is_compiled_after_a_few_dozen_instances() -> None:
    point, _ = fresh_classes(compiled=False)
    bound = point.__init__
    for n in range(COMPILE_AFTER):
        assert point.__init__ is bound, n
        point(n)
    assert point.__init__ is not bound


def test_equality_and_hash_follow_the_fields_and_the_class() -> None:
    assert Place("a", 1) == Place("a", 1)
    assert hash(Place("a", 1)) == hash(Place("a", 1))
    assert Place("a", 1) != Place("a", 2)
    assert Point(1) != Child(1)
    assert len({Place("a", 1), Place("a", 1), Place("b", 1)}) == 2


def test_frozen_fields_cannot_be_set_or_deleted() -> None:
    p = Place("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.line = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.line


def test_order_compares_field_by_field() -> None:
    places = [Place("b", 1), Place("a", 10), Place("a", 2)]
    assert sorted(places) == [Place("a", 2), Place("a", 10), Place("b", 1)]
    assert Place("a", 1) <= Place("a", 1) < Place("a", 2)
    with pytest.raises(TypeError):
        _ = Place("a", 1) < Point(1)  # type: ignore[operator]


def test_mutable_records_change_and_are_unhashable() -> None:
    t = Tally()
    t.count += 1
    assert t == Tally(1)
    with pytest.raises(TypeError):
        hash(t)


def test_identity_records_compare_as_themselves() -> None:
    a, b = Handle("x"), Handle("x")
    assert a != b
    assert a == a
    assert len({a, b}) == 2


def test_a_field_without_a_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):

        @record
        class Bad:
            a: int = 0
            b: int  # type: ignore[misc]


def test_the_dataclasses_functions_see_a_dataclass() -> None:
    p = Child(1, depth=3)
    assert dataclasses.is_dataclass(p)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "label", "tags", "notes", "depth"]
    assert dataclasses.replace(p, label="moved") == Child(1, "moved", depth=3)
    assert dataclasses.asdict(Place("a", 1)) == {"file": "a", "line": 1}
    assert Place.__match_args__ == ("file", "line")


def test_repr_and_pickle() -> None:
    assert repr(Place("a", 1)) == "Place(file='a', line=1)"
    assert pickle.loads(pickle.dumps(Place("a", 1))) == Place("a", 1)
