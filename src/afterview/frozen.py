"""Frozen records declared like dataclasses, without ``dataclasses``.

The domain's records (an interview, a note request, a draft) and the settings are
defined at start-up by every read path, and a frozen ``dataclass`` costs about 0.6 ms
each to define here (it compiles six generated methods), besides the import of
``dataclasses``, which imports ``inspect``: about 15 ms of ``afterview draft
--offline``. A ``Frozen`` subclass declares its fields the same way, as annotations
with optional defaults, and gets the same behaviour from methods shared by every
record: keyword or positional construction, ``__post_init__``, equality and hashing
by value, a ``repr``, immutability, pickling; ``replace`` makes changed copies, as
``dataclasses.replace`` does.

    class Usage(Frozen):
        prompt_tokens: int = 0
        completion_tokens: int = 0

A default may be ``field(default_factory=..., repr=False)``; ``afterview.fields.rule``
makes such a field with its validation rule (``afterview.records``).

``NamedTuple`` here is ``typing.NamedTuple`` without its check of every annotation:
with ``from __future__ import annotations`` that check compiles each annotation's text
(``typing.ForwardRef``), two thirds of what defining a named tuple costs; the classes
it makes are the same ``collections.namedtuple`` subclasses.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound="Frozen")

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""A field without a default."""


class FrozenError(AttributeError):
    """Assigning to a field of a frozen record."""


class Field:
    """One declared field: its name, default, whether ``repr`` shows it, and metadata."""

    __slots__ = ("name", "default", "default_factory", "repr", "metadata")

    def __init__(
        self,
        default: Any = MISSING,
        *,
        default_factory: Callable[[], Any] | None = None,
        repr: bool = True,  # noqa: A002 - the dataclasses spelling
        metadata: dict[str, Any] | None = None,
    ) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.metadata = metadata or {}

    @property
    def required(self) -> bool:
        """True when the field has neither a default nor a default factory."""
        return self.default is MISSING and self.default_factory is None


def field(
    default: Any = MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    repr: bool = True,  # noqa: A002 - the dataclasses spelling
    metadata: dict[str, Any] | None = None,
) -> Any:
    """A field's default given with options, as ``dataclasses.field`` takes them."""
    return Field(default, default_factory=default_factory, repr=repr, metadata=metadata)


class _FrozenMeta(type):
    """Collects the annotated fields of a class body into ``__slots__`` and ``_fields``."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
        inherited: dict[str, Field] = {}
        for base in reversed(bases):
            inherited.update(getattr(base, "_field_map", {}))
        annotations = namespace.get("__annotations__", {})
        # Names with a leading underscore and ClassVars are class attributes, not fields.
        own = [key for key, kind in annotations.items() if not key.startswith("_") and "ClassVar" not in str(kind)]
        for key in own:
            value = namespace.pop(key, MISSING)
            declared = value if isinstance(value, Field) else Field(value)
            declared.name = key
            inherited[key] = declared
        slots = tuple(namespace.get("__slots__", ()))
        namespace["__slots__"] = (*slots, *(key for key in own if key not in slots and key not in _inherited_slots(bases)))
        namespace.setdefault("__init__", _first_init)
        cls = super().__new__(mcls, name, bases, namespace)
        cls._field_map = inherited
        cls._fields = tuple(inherited.values())
        cls._field_names = tuple(inherited)
        return cls


def _first_init(self: Frozen, *args: Any, **kwargs: Any) -> None:
    """Each class's ``__init__`` until its first construction, which compiles the real one.

    Compiled like a dataclass's (one assignment a field: as fast to call), but only for
    the classes a run constructs, and only ``__init__``: the rest is shared.
    """
    cls = type(self)
    if cls.__dict__.get("__init__") is _first_init:
        cls.__init__ = _compiled_init(cls)  # type: ignore[misc]
    cls.__init__(self, *args, **kwargs)


def _compiled_init(cls: type[Frozen]) -> Callable[..., None]:
    """``__init__(self, <fields>)``: positional or keyword, keyword-only from the first
    field with a default when a field without one follows it (as ``kw_only`` would)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": MISSING}
    params, body, keyword_only = ["self"], [], False
    fields_ = cls._fields
    for index, item in enumerate(fields_):
        name = item.name
        if item.required:
            params.append(name)
        else:
            if not keyword_only and any(later.required for later in fields_[index + 1 :]):
                params.append("*")
                keyword_only = True
            scope[f"_default_{name}"] = item.default_factory if item.default_factory else item.default
            params.append(f"{name}=_MISSING" if item.default_factory else f"{name}=_default_{name}")
        value = f"_default_{name}() if {name} is _MISSING else {name}" if item.default_factory else name
        body.append(f"    _set(self, {name!r}, {value})")
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__({', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # noqa: S102 - our own field names, checked identifiers
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _inherited_slots(bases: tuple[type, ...]) -> set[str]:
    """Slot names the bases already define (a field a subclass re-declares keeps its slot)."""
    return {name for base in bases for klass in base.__mro__ for name in getattr(klass, "__slots__", ())}


class Frozen(metaclass=_FrozenMeta):
    """Base of the frozen records: fields from annotations, behaviour from here."""

    __slots__ = ()
    _fields: tuple[Field, ...]
    _field_names: tuple[str, ...]
    _field_map: dict[str, Field]

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, key) for key in self._field_names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}" for item in self._fields if item.repr)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, key: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {key!r}")

    def __delattr__(self, key: str) -> None:
        raise FrozenError(f"cannot delete field {key!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuild, (type(self), self._values())


def _rebuild(cls: type[F], values: tuple[Any, ...]) -> F:
    """Unpickle a record: its stored values, set as they were (no ``__post_init__``)."""
    record = object.__new__(cls)
    for key, value in zip(cls._field_names, values):
        object.__setattr__(record, key, value)
    return record


def replace(record: F, /, **changes: Any) -> F:
    """A copy of ``record`` with ``changes`` (validated again by its ``__post_init__``)."""
    values = {key: getattr(record, key) for key in record._field_names}
    for key in changes:
        if key not in values:
            raise TypeError(f"{type(record).__name__} has no field {key!r}")
    values.update(changes)
    return type(record)(**values)


def fields(record: Frozen | type[Frozen]) -> tuple[Field, ...]:
    """The declared fields of a record or record class, in order (base classes' first)."""
    return record._fields


# -- NamedTuple -------------------------------------------------------------------------
_NOT_COPIED = frozenset({"__module__", "__qualname__", "__annotations__", "__orig_bases__"})
_PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make",
                         "_replace", "_asdict", "_source"})


class _NamedTupleMeta(type):
    def __new__(mcls, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
        if bases != (_NamedTupleBase,):
            raise TypeError("a NamedTuple class can only inherit from NamedTuple")
        annotations = namespace.get("__annotations__", {})
        with_default: list[str] = []
        for name in annotations:
            if name in namespace:
                with_default.append(name)
            elif with_default:
                raise TypeError(f"non-default field {name!r} cannot follow default field {with_default[0]!r}")
        made = namedtuple(
            typename, list(annotations), defaults=[namespace[name] for name in with_default],
            module=namespace["__module__"],
        )
        made.__annotations__ = dict(annotations)
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"cannot overwrite NamedTuple attribute {key}")
            if key not in _NOT_COPIED and key not in annotations:
                setattr(made, key, value)
        return made


_NamedTupleBase = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})


def NamedTuple(*args: Any, **kwargs: Any) -> type:  # noqa: N802 - spelled as typing's
    """Base to write a named tuple as a class with annotated fields: ``class Span(NamedTuple): ...``.

    A function, as ``typing.NamedTuple`` is: a class statement asks it for the real base.
    """
    raise TypeError("NamedTuple is used as a base class: class Name(NamedTuple): ...")


NamedTuple.__mro_entries__ = lambda bases: (_NamedTupleBase,)  # type: ignore[attr-defined]
