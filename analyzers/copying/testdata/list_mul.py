import collections
import collections as co
from collections import defaultdict as dd

n = 4
w, h = 3, 2

grid = [[0] * 3] * 4  # want [list-multiplication-aliasing] "`\\[\\[0\\] \\* 3\\] \\* 4` repeats one reference: every slot is the same list"
buckets = [[]] * n  # want [list-multiplication-aliasing] "same list"
left = n * [[]]  # want [list-multiplication-aliasing]
dicts = [{}] * n  # want [list-multiplication-aliasing] "same dict"
sets = [set()] * n  # want [list-multiplication-aliasing] "same set"
lists = [list()] * n  # want [list-multiplication-aliasing] "same list"
maps = [dict()] * n  # want [list-multiplication-aliasing] "same dict"
spaced = [ [] ] * (w + h)  # want [list-multiplication-aliasing]
rows = [[None] * w] * h  # want [list-multiplication-aliasing]
counts = [co.Counter()] * n  # want [list-multiplication-aliasing] "same Counter"
groups = [dd(list)] * n  # want [list-multiplication-aliasing] "same defaultdict"
queues = [collections.deque()] * n  # want [list-multiplication-aliasing] "same deque"
parens = ([[]]) * n  # want [list-multiplication-aliasing]
uses_underscore = [[_] * w] * h  # want [list-multiplication-aliasing]
cube = [[[0] * 3] * 3] * 3  # want [list-multiplication-aliasing] [list-multiplication-aliasing]


def in_function(size):
    table = [{}] * size  # want [list-multiplication-aliasing]
    return table


class Board:
    # Inside a class body a comprehension cannot see the class's names, so
    # an element that uses one is reported without a fix.
    WIDTH = 3
    cells = [[0] * WIDTH] * 3  # want [list-multiplication-aliasing]
    empty = [[]] * 3  # want [list-multiplication-aliasing]


# Evaluating the element once per slot would call gen() n times: no fix.
def gen():
    return []


called = [[gen()] * 2] * n  # want [list-multiplication-aliasing]


def shadowed_range(range):
    return [[]] * 3  # want [list-multiplication-aliasing]


# Near misses: immutable, unknown or read-only elements.
zeros = [0] * n
nones = [None] * n
tuples = [()] * n
strings = [""] * n
x = []
names = [x] * n
added = [[]] + [[]]
fresh = [[0] * 3 for _ in range(4)]
one = [[]] * 1
none = [[]] * 0
literal = [[1, 2, 3]] * 5
literal_dict = [{"k": 1}] * 2
from_iter = [list("abc")] * n
buffers = [bytearray(16)] * n
frozen = [frozenset()] * n
splat = [*x] * n
two = [[], []] * n
comprehension = [i for i in range(3)] * n


def shadowed_list(list):
    return [list()] * 3  # a parameter called list: not the builtin


def compares(rows):
    assert rows == [[0] * 3] * 2  # an expected value: never mutated
    return rows != ([[]] * 2)
