import builtins
from builtins import min as smallest


def totals(orders, users, names, groups, f):
    total = sum([o.amount for o in orders])  # want [list-comprehension-in-call] "only for `sum\(\)` to read it once; pass a generator expression \(drop the brackets\)"
    has_admin = any([u.is_admin for u in users])  # want [list-comprehension-in-call] "cannot stop at the first true one"
    all_valid = all([u.age > 0 for u in users])  # want [list-comprehension-in-call] "first false one"
    longest = max([len(n) for n in names], default=0)  # want [list-comprehension-in-call] "turn the brackets into parentheses"
    shortest = min([len(n) for n in names], key=f)  # want [list-comprehension-in-call]
    flat = sum([g.members for g in groups], [])  # want [list-comprehension-in-call] "parentheses"
    start = sum([x for x in range(3)], start=10)  # want [list-comprehension-in-call]
    trailing = sum([x for x in range(3)],)  # want [list-comprehension-in-call]
    spaced = max(  # want [list-comprehension-in-call]
        [len(n) for n in names]  # a comment
    )
    attr = builtins.sum([x for x in range(3)])  # want [list-comprehension-in-call]
    least = smallest([len(n) for n in names])  # want [list-comprehension-in-call] "for `smallest\(\)`"
    return least, total, has_admin, all_valid, longest, shortest, flat, start, trailing, spaced, attr


def side_effects(users, check):
    # any/all would stop early: reported, but no fix.
    a = any([check(u) for u in users])  # want [list-comprehension-in-call] "if its calls may run fewer times"
    b = all([(seen := u) for u in users])  # want [list-comprehension-in-call] "fewer times"
    # sum runs every element either way: fixed.
    c = sum([check(u) for u in users])  # want [list-comprehension-in-call]
    return a, b, c


class Stats:
    values = [1, 2, 3]
    total = sum([v * 2 for v in values])  # want [list-comprehension-in-call]

    def mean(self):
        return sum([v for v in self.values]) / len(self.values)  # want [list-comprehension-in-call]


key = lambda xs: max([abs(x) for x in xs])  # want [list-comprehension-in-call]


# --- not flagged ---------------------------------------------------------


def near_misses(xs, ys, a, b, rest, kw):
    max([a, b])  # a list display, not a comprehension
    sum({x for x in xs})  # a set comprehension drops duplicates
    max({x: 1 for x in xs})
    sorted([x for x in xs])  # builds a list anyway
    "".join([str(x) for x in xs])  # join is faster with a list
    list([x for x in xs])
    max([x for x in xs], ys)  # compares the list with ys
    min([x for x in xs], *rest)
    max([x for x in xs], **kw)
    sum(x for x in xs)  # already a generator expression
    any(x for x in xs)
    sum(xs, [x for x in ys])  # the comprehension is not the iterable


async def asynchronous(xs, aiter):
    total = sum([await x for x in xs])  # a generator expression with await is async
    found = any([x async for x in aiter])
    return total, found


def shadowed(xs):
    def sum(items):
        return 0

    return sum([x for x in xs])

