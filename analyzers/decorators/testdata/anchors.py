import functools
from dataclasses import dataclass


def timer(func):
    @functools.wraps(func)
    #^^^^^^^^^^^^^^^^^^^^^ anchor: decorators
    def wrapper(*args):
#   ^^^^^^^^^^^ anchor: decorators
        return func(*args)
    return wrapper


class Holder:
    def deco(self, func):
#   ^^^^^^^^ anchor: decorators
        @functools.wraps(func)
        def inner(*a):
#       ^^^^^^^^^ anchor: decorators
            return func(*a)
        return inner

    @property
    #^^^^^^^^ anchor: decorators
    def value(self):
        return 1

    @value.setter
    #^^^^^^^^^^^^ anchor: decorators
    def value(self, v):
        pass

    @staticmethod
    #^^^^^^^^^^^^ anchor: decorators
    def make():
        return Holder()

    @classmethod
    @timer
    #^^^^^ anchor: decorators
    def build(cls):
        return cls()


def repeat(times):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorator


class Factories:
    def repeat(self, times):
#   ^^^^^^^^^^ anchor: decorators
        def decorator(func):
#       ^^^^^^^^^^^^^ anchor: decorators
            @functools.wraps(func)
            def wrapper(*args):
                return [func(*args) for _ in range(times)]
            return wrapper
        return decorator


def uses():
    @repeat(3)
    #^^^^^^^^^ anchor: decorators
    @timer
    def slow():
        return 1

    @dataclass(frozen=True)
    #^^^^^^^^^^^^^^^^^^^^^^ anchor: decorators
    class Point:
        x: int

    return slow, Point
