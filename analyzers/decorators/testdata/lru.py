import enum
import functools
import functools as ft
from functools import cache, lru_cache as memo


class Report:
    def __init__(self, rows):
        self.rows = rows

    @functools.lru_cache(maxsize=None)  # want [lru-cache-on-method] "`@lru_cache` on method `total` keys its class-wide cache on `self`"
    def total(self):
        return sum(self.rows)

    @functools.lru_cache  # want [lru-cache-on-method]
    def average(self):
        return self.total() / len(self.rows)

    @cache  # want [lru-cache-on-method] "`@cache`"
    def maximum(self):
        return max(self.rows)

    @memo()  # want [lru-cache-on-method]
    def minimum(self):
        return min(self.rows)

    @ft.cache  # want [lru-cache-on-method]
    async def fetch(self, key):
        return key

    @property
    @functools.lru_cache()  # want [lru-cache-on-method]
    def first(self):
        return self.rows[0]

    # Near misses.
    @staticmethod
    @functools.lru_cache
    def parse(text):
        return text.split()

    @classmethod
    @functools.cache
    def default(cls):
        return cls([])

    @functools.cached_property
    def median(self):
        return sorted(self.rows)[len(self.rows) // 2]

    def nested(self):
        @functools.cache
        def helper(self):  # a local function, not a method
            return self
        return helper

    if True:
        @functools.cache
        def conditional(self):  # not directly in the class body
            return 1


@functools.lru_cache
def module_level(self):
    return self


class Color(enum.Enum):
    RED = 1

    @functools.cache
    def label(self):  # members live as long as the class anyway
        return self.name.lower()


def lru_cache(f):  # a local function with the same name
    return f


class Shadowed:
    @lru_cache
    def fine(self):
        return 1
