import collections
from collections import OrderedDict as OD, defaultdict
from typing import TYPE_CHECKING, Optional


def add_tag(tag, tags=[]):  # want [mutable-default-argument] "default `\\[\\]` of `tags` is created once, when the def runs, and shared by every call; this function changes it in place"
    tags.append(tag)
    return tags


def documented(key, value, table={}):  # want [mutable-default-argument] "changes it in place"
    """Record key in table."""
    table.update({key: value})
    return table


def returns_it(items=[]):  # want [mutable-default-argument] "returns it"
    return items


def extends(items=list()):  # want [mutable-default-argument] "create the list inside"
    items += [1]


def annotated(tags: list[str] = [], seen: Optional[set] = set(), names: "list[str]" = []):  # want [mutable-default-argument] [mutable-default-argument] [mutable-default-argument]
    tags.append("x")
    seen.add("x")
    names.append("y")


async def fetch(url, headers=dict()):  # want [mutable-default-argument] "dict"
    headers.setdefault("Accept", "*/*")
    return url, headers


def groups(word, index=defaultdict(list)):  # want [mutable-default-argument] "defaultdict"
    index[word[0]].append(word)


def ordered(k, d=OD(), q=collections.deque()):  # want [mutable-default-argument] "OrderedDict" [mutable-default-argument] "deque"
    d.setdefault(k, [])
    q.appendleft(k)


def one_liner(x=[]): return x  # want [mutable-default-argument]


def docstring_then_code(x=[]):  # want [mutable-default-argument]
    """Doc."""; x.append(1)


def outer(acc=[]):  # want [mutable-default-argument]
    def inner(v):
        acc.append(v)
    return inner


BASE = 1


def captures(x=[BASE], y={"k": max}):  # want [mutable-default-argument] [mutable-default-argument]
    x.append(1)  # [BASE] names a module global: no fix, it would be read at call time
    y.clear()  # max is a builtin: fixable


class Registry:
    def __init__(self, names=[]):  # want [mutable-default-argument] "stores it in `self.names`, which the class changes in place"
        self.names = names

    def register(self, name):
        self.names.append(name)


class ReadOnly:
    def __init__(self, options={}):  # stored but never changed in place
        self.options = options

    def get(self, k):
        return self.options.get(k)


if TYPE_CHECKING:
    def typed_only(x=[]):  # want [mutable-default-argument]
        x.append(1)

push = lambda x, stack=[]: stack.append(x)  # want [mutable-default-argument] "when the lambda is created"
ident = lambda stack=[]: stack  # want [mutable-default-argument] "returns it"


# Near misses.
def reads_only(x, opts={}, names=[]):
    if x in names:
        return opts.get(x)
    return len(opts)


def rebinds_first(items=[]):
    items = list(items)
    items.append(1)
    return items


def counter_cell(n=[0]):
    n[0] += 1  # the deliberate "static variable" idiom
    return n[0]


def memo(p, seen={}):
    if p in seen:
        return True
    seen[p] = True


def private_cache(x, _cache={}):
    _cache.setdefault(x, x * 2)
    return _cache[x]


def named_cache(x, cache=[]):
    cache.append(x)


def passes_it_on(x, acc=[]):
    helper(acc, x)  # we cannot see what helper does


def helper(a, x):
    pass


def shrinks(x, opts={}, order=[]):
    opts.pop("a", None)  # removing from an empty default leaves it empty
    order.sort()
    return x


def immutable(a=(), b=frozenset(), c=None, d="", e=0, f=collections.namedtuple):
    return a, b, c, d, e, f


def shadows(x, y=[]):
    def inner(y):
        y.append(1)  # inner's own y
    return inner


def local_list():
    list = tuple

    def f(x=list()):  # list is tuple here
        x.append(1)
    return f


def tabbed(x=[]):  # want [mutable-default-argument]
	# a comment line first
	x.append(1)
