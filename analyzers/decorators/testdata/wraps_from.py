"""With `from functools import wraps` (here aliased) the fix uses that name."""
from functools import wraps as keep_meta
import functools


def timed(func):
    def wrapper(*args, **kwargs):  # want [wrapper-without-wraps]
        return func(*args, **kwargs)
    return wrapper


def good_from(func):
    @keep_meta(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def shadows(keep_meta):
    def deco(func):
        def wrapper(*args):  # want [wrapper-without-wraps]
            return func(*args)
        return wrapper
    return deco
