import abc
import dataclasses
import enum
import functools
from dataclasses import dataclass as dc
from typing import NamedTuple

import attr


class Money:  # want [str-without-repr] "class Money defines `__str__` but not `__repr__`"
    def __init__(self, amount, currency):
        self.amount = amount
        self.currency = currency

    def __str__(self):
        return f"{self.amount:.2f} {self.currency}"


class Explicit(object):  # want [str-without-repr]
    def __str__(self):
        return "explicit"


class Plain:
    def __init__(self, x):
        self.x = x


class FromPlain(Plain):  # want [str-without-repr] "class FromPlain"
    def __str__(self):
        return str(self.x)


@functools.total_ordering
class Ordered:  # want [str-without-repr]
    def __str__(self):
        return "ordered"

    def __lt__(self, other):
        return False


@dataclasses.dataclass(repr=False)
class NoGeneratedRepr:  # want [str-without-repr]
    x: int

    def __str__(self):
        return str(self.x)


class WithAbcMeta(metaclass=abc.ABCMeta):  # want [str-without-repr]
    def __str__(self):
        return "abc"


def factory():
    class Local:  # want [str-without-repr]
        __str__ = lambda self: "local"

    return Local


class Outer:
    class Inner:  # want [str-without-repr]
        def __str__(self):
            return "inner"

    def __repr__(self):
        return "Outer()"


class Versioned:  # want [str-without-repr]
    if True:
        def __str__(self):
            return "v"


# Near misses.

class Both:
    def __repr__(self):
        return "Both()"

    def __str__(self):
        return "both"


class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"


class Aliased:
    def __str__(self):
        return "aliased"

    __repr__ = __str__


@dataclasses.dataclass
class Point:
    x: int

    def __str__(self):
        return f"({self.x})"


@dc(frozen=True)
class Frozen:
    x: int

    def __str__(self):
        return str(self.x)


@attr.s
class Attrs:
    def __str__(self):
        return "attrs"


def register(cls):
    return cls


@dataclass(repr=False)  # not dataclasses.dataclass: unknown, may add a __repr__
class NotImported:
    def __str__(self):
        return "?"


@register
class Unknown:
    def __str__(self):
        return "unknown decorator"


class Error(Exception):
    def __str__(self):
        return "error"


class Color(enum.Enum):
    RED = 1

    def __str__(self):
        return self.name


class Pair(NamedTuple):
    a: int

    def __str__(self):
        return str(self.a)


class HasRepr:
    def __repr__(self):
        return "HasRepr()"


class Child(HasRepr):
    def __str__(self):
        return "child"


class Grandchild(Child):
    def __str__(self):
        return "grandchild"


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    def __str__(self):
        return "meta"


# Reported once, on the base that defines __str__.
class Base:  # want [str-without-repr]
    def __str__(self):
        return "base"


class Derived(Base):
    def __str__(self):
        return "derived"


# An abstract base whose concrete subclasses define __repr__.
class Node:
    def __str__(self):
        return "node"


class Leaf(Node):
    def __repr__(self):
        return "Leaf()"


class FormatMixin:
    def __str__(self):
        return "mixin"


def object_shadowed():
    object = Exception

    class Uses(object):
        def __str__(self):
            return "uses"

    return Uses
