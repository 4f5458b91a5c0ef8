import functools
import functools as ft
from typing import TYPE_CHECKING


def timed(func):
    def wrapper(*args, **kwargs):  # want [wrapper-without-wraps] "wrapper `wrapper` returned by decorator `timed` does not use `functools.wraps\\(func\\)`"
        return func(*args, **kwargs)
    return wrapper


def logged(fn):
    async def runner(*args, **kwargs):  # want [wrapper-without-wraps] "`runner`"
        return await fn(*args, **kwargs)
    return runner


def retry(times):
    def decorator(func):
        def wrapper(*args, **kwargs):  # want [wrapper-without-wraps] "decorator `decorator`"
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except OSError:
                    pass
        return wrapper
    return decorator


class Hooks:
    def around(self, func):
        def wrapper(obj, value):  # want [wrapper-without-wraps]
            return func(obj, value)
        return wrapper

    @staticmethod
    def static_deco(func):
        def wrapper(*a):  # want [wrapper-without-wraps]
            return func(*a)
        return wrapper


def maybe(func, *, enabled=True):
    if not enabled:
        return func
    def wrapper(self, x=None):  # want [wrapper-without-wraps]
        return func(self, x=x)
    return wrapper


def keeps_result(func):
    def wrapper(request):  # want [wrapper-without-wraps]
        result = func(request)
        print("done")
        return result
    return wrapper


def stacked(func):
    @staticmethod
    def wrapper(*args):  # want [wrapper-without-wraps]
        return func(*args)
    return wrapper


if TYPE_CHECKING:
    def typed(func):
        def wrapper(*args):  # want [wrapper-without-wraps]
            return func(*args)
        return wrapper


# Near misses.
def good(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def good_alias(func):
    @ft.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def manual(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    functools.update_wrapper(wrapper, func)
    return wrapper


def by_hand(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    wrapper.__name__ = func.__name__
    return wrapper


def _copy_meta(new, old):
    new.__doc__ = old.__doc__


def helper_copies(func):
    def wrapper(*args):
        return func(*args)
    _copy_meta(wrapper, func)
    return wrapper


def register(func):
    registry.append(func)
    return func


registry = []


def not_calling(func):
    def wrapper(*args):
        return len(args)
    return wrapper


def returns_other(func):
    def wrapper(*args):
        return func(*args)
    return functools.partial(wrapper)


def sometimes_other(parse_float):
    if parse_float is float:
        return float
    def checked(s):
        return parse_float(s)
    return checked


def adapter(fn):
    def on_event(event):
        return fn(event.data)  # a different signature: not a stand-in
    return on_event


def injects(self, func):
    def search(pat):
        return func(self, pat)
    return search


def thunk(error):
    def raiser():
        raise error()
    return raiser


def filtered(nodes):
    def iterate(v):
        for w in nodes(v):  # a generator over the result: a combinator
            if w:
                yield w
    return iterate


def post_processed(fro):
    def repl(nu, z):
        return fro(nu, z).expand()
    return repl


def uncurry(func):
    def uncurry_rl(args):
        return func(*args)  # a different signature: one tuple in, many out
    return uncurry_rl


def for_effect(handler):
    def on_message(msg):
        handler(msg)
        return True
    return on_message


def partial(func, *args):
    def call(*more):
        return func(*more)
    return call


def two_required(func, name):
    def wrapper(*a):
        return func(*a)
    return wrapper


async def async_outer(func):
    def wrapper(*a):
        return func(*a)
    return wrapper


def shadowed(func):
    def wrapper(*args):
        func = print
        return func(*args)  # wrapper's own func
    return wrapper


class ClassDecorator:
    def __init__(self, func):
        self.func = func

    def __call__(self, *args):
        return self.func(*args)
