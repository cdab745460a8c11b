"""Record classes: what ``dataclasses.dataclass`` writes for the engine's value objects, for less at start-up.

Every command imports some forty record classes (the rule set's model, the language's
expressions and kinds, the evaluation's results, the loader's documents and diagnostics).
``dataclass`` compiles six methods for each frozen class with one ``exec`` apiece, about
0.5 ms a class: close to a fifth of what ``subsidie evaluate`` spends starting. :func:`record`
compiles only ``__init__`` (one short ``exec``, so constructing a record is as fast as with
``dataclass``), and only once ``COMPILE_AFTER`` records of the class were made (those first ones
by one ``__init__`` that works from the list of fields), and gives every record the
same ``__repr__``, ``__eq__``, ``__hash__``, ordering and read-only attributes, driven by the
class's tuple of field names.

The behaviour is ``dataclass``'s, for the subset the engine uses: fields from the class's
annotations in order (``ClassVar`` skipped), defaults given as values or with
:func:`dataclasses.field` (``default``, ``default_factory``, ``repr``, ``compare``), ``frozen``
(the default here; assigning raises :class:`dataclasses.FrozenInstanceError`), ``order`` and
``slots``. Equality and hashing use the tuple of the fields with ``compare`` true, as
``dataclass`` does, so sets and dict keys behave the same. Records do not inherit from one
another and are not dataclasses to :mod:`dataclasses` (no ``fields()``, ``replace()``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, field
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["field", "record"]

T = TypeVar("T", bound=type)


class _Spec:
    """One field: its name, default (or factory) and whether it shows in repr and counts in comparisons."""

    __slots__ = ("compare", "default", "factory", "name", "repr")

    def __init__(self, name: str, default: Any, factory: Any, repr: bool, compare: bool):
        self.name = name
        self.default = default
        self.factory = factory
        self.repr = repr
        self.compare = compare


def _specs(cls: type) -> list[_Spec]:
    specs = []
    for name, annotation in inspect.get_annotations(cls).items():
        if isinstance(annotation, str) and annotation.split("[")[0].strip() in ("ClassVar", "typing.ClassVar"):
            continue
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            if not value.init or value.hash is not None or value.kw_only is True:
                raise TypeError(
                    f"{cls.__qualname__}.{name}: a record field takes only default, default_factory, repr, compare"
                )
            specs.append(_Spec(name, value.default, value.default_factory, value.repr, bool(value.compare)))
        else:
            specs.append(_Spec(name, value, MISSING, True, True))
    return specs


def _init(cls: type, specs: list[_Spec], frozen: bool, slots: bool) -> Callable[..., None]:
    """Compile ``__init__``: one assignment a field, defaults bound as default arguments."""
    names: dict[str, Any] = {"_MISSING": MISSING, "_set": object.__setattr__}
    parameters, lines = [], []
    for spec in specs:
        value = spec.name
        if spec.factory is not MISSING:
            names[f"_factory_{spec.name}"] = spec.factory
            parameters.append(f"{spec.name}=_MISSING")
            value = f"_factory_{spec.name}() if {spec.name} is _MISSING else {spec.name}"
        elif spec.default is not MISSING:
            names[f"_default_{spec.name}"] = spec.default
            parameters.append(f"{spec.name}=_default_{spec.name}")
        else:
            parameters.append(spec.name)
        if frozen:  # as dataclass does: writing into __dict__ directly would cost every later read of the field
            lines.append(f"_set(self, {spec.name!r}, {value})")
        else:
            lines.append(f"self.{spec.name} = {value}")
    body = "\n    ".join(lines or ["pass"])
    source = f"def __init__(self, {', '.join(parameters)}):\n    {body}\n"
    exec(source, names)
    function: Callable[..., None] = names["__init__"]
    function.__qualname__ = f"{cls.__qualname__}.__init__"
    return function


def _key(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function from a record to the tuple of the named fields (always a tuple, as ``dataclass`` compares)."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        name = names[0]
        return lambda self: (getattr(self, name),)
    from operator import attrgetter

    getter: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return getter


def _repr(self: Any) -> str:
    return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in self._record_repr)})"


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        return self._record_key(self) == self._record_key(other)
    return NotImplemented


def _hash(self: Any) -> int:
    return hash(self._record_key(self))


def _comparison(operator: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return operator(self._record_key(self), self._record_key(other))
        return NotImplemented

    return compare


def _read_only(self: Any, name: str, value: Any = None) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _no_delete(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


_ORDER = {
    "__lt__": _comparison(lambda a, b: a < b),
    "__le__": _comparison(lambda a, b: a <= b),
    "__gt__": _comparison(lambda a, b: a > b),
    "__ge__": _comparison(lambda a, b: a >= b),
}


def _build(cls: type, frozen: bool, order: bool, slots: bool) -> type:
    specs = _specs(cls)
    names = tuple(spec.name for spec in specs)
    namespace = dict(cls.__dict__)
    for spec in specs:  # a default stays a class attribute (as with dataclass) unless slots take the name
        namespace.pop(spec.name, None)
        if not slots and spec.default is not MISSING:
            namespace[spec.name] = spec.default
    if slots:
        namespace.pop("__dict__", None)
        namespace.pop("__weakref__", None)
        namespace["__slots__"] = names
    namespace["__match_args__"] = names
    namespace["_record_repr"] = tuple(spec.name for spec in specs if spec.repr)
    namespace["_record_key"] = _key(tuple(spec.name for spec in specs if spec.compare))
    namespace["__repr__"] = _repr
    namespace["__eq__"] = _eq
    namespace["__hash__"] = _hash if frozen else None
    if frozen:
        namespace["__setattr__"] = _read_only
        namespace["__delattr__"] = _no_delete
    if order:
        namespace.update(_ORDER)
    if slots:
        namespace["__qualname__"] = cls.__qualname__
        cls = type(cls)(cls.__name__, cls.__bases__, namespace)
    else:
        for name in [n for n in cls.__dict__ if n not in namespace]:
            delattr(cls, name)
        for name, value in namespace.items():
            if name not in ("__dict__", "__weakref__") and cls.__dict__.get(name, MISSING) is not value:
                setattr(cls, name, value)
    cls.__init__ = _first_init(cls, specs, frozen, slots)  # type: ignore[misc]
    return cls


COMPILE_AFTER = 32
"""The records of a class made by :func:`_generic_init` before its own ``__init__`` is compiled."""


def _first_init(cls: type, specs: list[_Spec], frozen: bool, slots: bool) -> Callable[..., None]:
    """An ``__init__`` that makes the first records of the class with :func:`_generic_init`, then compiles the
    record's own (:func:`_init`), puts it in its place and runs it: a command compiles only the ``__init__`` of
    the records it makes often (compiling one costs about 0.7 M instructions, some 200 generic constructions),
    not of every record it imports or makes a few of. A call the generic one cannot take as it stands (an
    argument too many, too few, twice or unknown) compiles at once, so it fails as a dataclass's would."""
    generic = _generic_init(specs, frozen)
    made = 0

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        nonlocal made
        made += 1
        if made <= COMPILE_AFTER and generic(self, args, kwargs):
            return
        function = _init(cls, specs, frozen, slots)
        cls.__init__ = function  # type: ignore[misc]
        function(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _generic_init(specs: list[_Spec], frozen: bool) -> Callable[[Any, tuple[Any, ...], dict[str, Any]], bool]:
    """What the compiled ``__init__`` of :func:`_init` does, from the list of fields: each field set from its
    argument, else its default or a new value of its factory (an argument that is ``MISSING`` too, as there).
    Returns False, having set nothing, for a call it cannot take as it stands."""
    names = tuple(spec.name for spec in specs)
    places = {name: i for i, name in enumerate(names)}
    put = object.__setattr__ if frozen else setattr

    def generic(self: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        if len(args) > len(names):
            return False
        values = list(args) + [_ABSENT] * (len(names) - len(args))
        for name, value in kwargs.items():
            i = places.get(name)
            if i is None or values[i] is not _ABSENT:
                return False
            values[i] = value
        for i, spec in enumerate(specs):
            if spec.factory is not MISSING:
                if values[i] is _ABSENT or values[i] is MISSING:
                    values[i] = spec.factory()
            elif values[i] is _ABSENT:
                if spec.default is MISSING:
                    return False
                values[i] = spec.default
        for name, value in zip(names, values):
            put(self, name, value)
        return True

    return generic


_ABSENT = object()


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, frozen: bool = True, order: bool = False, slots: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: Any = None, /, *, frozen: bool = True, order: bool = False, slots: bool = False) -> Any:
    """Make ``cls`` a record: ``@record`` for a frozen one, ``@record(frozen=False)`` for a mutable one."""

    def wrap(cls: T) -> T:
        built: T = _build(cls, frozen, order, slots)  # type: ignore[assignment]
        return built

    return wrap if cls is None else wrap(cls)
