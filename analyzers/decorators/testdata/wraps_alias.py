import functools as ft
import os


def timed(f):
    def inner(*args):  # want [wrapper-without-wraps]
        return f(*args)
    return inner
