# Nothing here is a copy pitfall.
import copy


def build(n, rows):
    grid = [[0] * n for _ in range(n)]
    zeros = [0] * n
    names = [None] * n
    pairs = [()] * n
    grid[0][0] = 1
    clone = copy.deepcopy(rows)
    clone[0].append(1)
    fresh = rows.copy()
    fresh.append([])
    fresh[0] = []
    fresh[0].append(1)
    return grid, zeros, names, pairs, clone, fresh


def defaults(a=(), b=None, c="", d=0, e=frozenset(), f=1.5, g=b"", *, h=True):
    if b is None:
        b = []
    b.append(a)
    return b


def reads(options={}, names=[]):
    return options.get("x"), len(names)


handler = lambda event, seen=(): event in seen
