"""Only a docstring and a future import precede the code."""
from __future__ import annotations
def timed(func):
    def wrapper(*args, **kwargs):  # want [wrapper-without-wraps]
        return func(*args, **kwargs)
    return wrapper
