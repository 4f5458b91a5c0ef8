# No pitfalls: wrappers use functools.wraps, caches are on functions.
import functools


def timer(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@functools.lru_cache(maxsize=128)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Service:
    @functools.cached_property
    def config(self):
        return {}

    @staticmethod
    @functools.cache
    def parse(text):
        return text.split()


def make_adder(n):
    def add(x):
        return x + n
    return add


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


@timer
def work():
    return fib(10)
