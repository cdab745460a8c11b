"""engine.records: a record behaves as the same class under ``dataclasses.dataclass`` does, for what the engine uses."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from engine import records
from engine.records import field, record


@record
class Stored:
    """A record at module level, as the engine's are (pickle finds its class by name)."""

    number: int
    items: list[int] = field(default_factory=list)


def _pair(**options: bool) -> tuple[type, type]:
    """The same class body as a record and as a dataclass with the same options."""

    def body() -> type:
        class Point:
            """A point."""

            x: int
            y: str
            tags: tuple[str, ...] = ()
            note: str = field(default="", compare=False)
            seen: list[int] = field(default_factory=list, repr=False, compare=False)

        return Point

    frozen = options.pop("frozen", True)
    return record(frozen=frozen, **options)(body()), dataclasses.dataclass(frozen=frozen, **options)(body())


@pytest.mark.parametrize("options", [{}, {"frozen": False}, {"order": True}, {"frozen": False, "slots": True}])
def test_construction_repr_and_equality_are_dataclass_s(options: dict[str, bool]) -> None:
    mine, theirs = _pair(**options)
    for args, kwargs in [((1, "a"), {}), ((1, "a", ("t",)), {"note": "n"}), ((2,), {"y": "b", "seen": [3]})]:
        a, b = mine(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a) == repr(b)
        assert (a.x, a.y, a.tags, a.note, a.seen) == (b.x, b.y, b.tags, b.note, b.seen)
    assert mine(1, "a", note="one") == mine(1, "a", note="two")  # compare=False is left out
    assert mine(1, "a") != mine(1, "b")
    assert mine(1, "a") != theirs(1, "a")  # another class is never equal
    assert mine(1, "a").seen is not mine(1, "a").seen  # a fresh list from the factory each time
    assert mine.__match_args__ == theirs.__match_args__ == ("x", "y", "tags", "note", "seen")


def test_a_frozen_record_hashes_as_a_dataclass_and_refuses_assignment() -> None:
    mine, theirs = _pair()
    assert hash(mine(1, "a", ("t",))) == hash(theirs(1, "a", ("t",))) == hash((1, "a", ("t",)))
    assert len({mine(1, "a", note="x"), mine(1, "a", note="y")}) == 1
    point = mine(1, "a")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        point.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'x'"):
        del point.x
    assert pickle.loads(pickle.dumps(Stored(1, [2]))) == Stored(1, [2])  # batch workers send records
    assert mine.tags == () and mine.note == ""  # defaults stay class attributes, as with dataclass


def test_a_mutable_record_is_unhashable_and_assignable() -> None:
    mine, _ = _pair(frozen=False)
    point = mine(1, "a")
    point.x = 5
    assert point == mine(5, "a")
    with pytest.raises(TypeError, match="unhashable"):
        hash(point)


def test_slots_leave_no_instance_dictionary() -> None:
    mine, _ = _pair(frozen=False, slots=True)
    point = mine(1, "a")
    assert mine.__slots__ == ("x", "y", "tags", "note", "seen")
    assert not hasattr(point, "__dict__")
    with pytest.raises(AttributeError):
        point.other = 1  # type: ignore[attr-defined]


def test_order_compares_the_fields_in_turn() -> None:
    mine, theirs = _pair(order=True)
    values = [(2, "a"), (1, "b"), (1, "a"), (1, "a", ("z",))]
    assert [(p.x, p.y, p.tags) for p in sorted(mine(*v) for v in values)] == [
        (p.x, p.y, p.tags) for p in sorted(theirs(*v) for v in values)
    ]
    assert mine(1, "a") <= mine(1, "a") and mine(1, "b") > mine(1, "a") and mine(2, "a") >= mine(1, "z")
    with pytest.raises(TypeError):
        _ = mine(1, "a") < theirs(1, "a")


def test_class_variables_are_no_fields() -> None:
    from typing import ClassVar

    @record
    class Counted:
        """A record with a class-level constant."""

        LIMIT: ClassVar[int] = 3
        value: int

    assert Counted.__match_args__ == ("value",)
    assert Counted(2).LIMIT == 3
    assert repr(Counted(2)) == "test_class_variables_are_no_fields.<locals>.Counted(value=2)"


def test_field_options_a_record_does_not_know_are_refused() -> None:
    class Hashless:
        """hash= is not one of the options records support."""

        value: int = field(default=0, hash=False)

    with pytest.raises(
        TypeError, match=r"Hashless\.value: a record field takes only default, default_factory, repr, compare"
    ):
        record(Hashless)


@pytest.mark.parametrize("options", [{}, {"frozen": False, "slots": True}])
def test_init_is_compiled_on_the_first_construction_and_checks_its_arguments_as_before(options):
    made, _ = _pair(**options)
    first = made.__init__
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'y'"):
        made(1)
    compiled = made.__init__
    assert compiled is not first
    assert compiled.__qualname__ == first.__qualname__ == "_pair.<locals>.body.<locals>.Point.__init__"
    assert made(1, "a") == made(x=1, y="a", tags=())
    assert made.__init__ is compiled  # compiled once


@pytest.mark.parametrize("options", [{}, {"frozen": False}, {"order": True}, {"frozen": False, "slots": True}])
def test_the_first_records_are_made_from_the_list_of_fields_then_init_is_compiled(options):
    made, reference = _pair(**options)
    generic = made.__init__
    calls = [
        ((1, "a"), {}),
        ((), {"y": "b", "x": 2}),
        ((3, "c", ("t",)), {"seen": [4]}),
        ((4,), {"y": "d", "note": "n", "tags": ()}),
        ((6, "f", (), "g", [7]), {}),
    ]
    for number in range(records.COMPILE_AFTER - 1):
        args, kwargs = calls[number % len(calls)]
        one, other = made(*args, **kwargs), reference(*args, **kwargs)
        assert made.__init__ is generic
        assert repr(one) == repr(other).replace(reference.__qualname__, made.__qualname__)
        assert (one.x, one.y, one.tags, one.note, one.seen) == (other.x, other.y, other.tags, other.note, other.seen)
    assert made(5, "e", seen=dataclasses.MISSING).seen == []  # a factory's field given MISSING: a new value
    assert made.__init__ is generic
    first, second = made(1, "a"), made(5, "e", seen=dataclasses.MISSING)
    assert made.__init__ is not generic  # compiled now, and alike
    assert first.seen == second.seen == [] and first.seen is not second.seen
    assert made(*calls[2][0], **calls[2][1]) == made(3, "c", ("t",), seen=[4])


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((1, "a", (), "", [], 9), {}, "takes from 3 to 6 positional arguments but 7 were given"),
        ((1,), {"x": 2, "y": "a"}, "got multiple values for argument 'x'"),
        ((1, "a"), {"z": 0}, "got an unexpected keyword argument 'z'"),
        ((), {"y": "a"}, "missing 1 required positional argument: 'x'"),
    ],
)
def test_a_call_the_generic_init_cannot_take_fails_as_a_dataclass_s(args, kwargs, message):
    made, reference = _pair()
    for cls in (made, reference):
        with pytest.raises(TypeError, match=message):
            cls(*args, **kwargs)
    assert made(1, "a") == made(x=1, y="a")
