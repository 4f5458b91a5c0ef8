#!/usr/bin/env python3
"""A module that imports no functools: the fix adds the import after the
leading imports."""
from __future__ import annotations

import os
import sys as system

CONSTANT = os.sep


def timed(func):
    def wrapper(*args, **kwargs):  # want [wrapper-without-wraps]
        return func(*args, **kwargs)
    return wrapper


class Views:
    def guard(self, view):
        def wrapped(request, *args):  # want [wrapper-without-wraps]
            return view(request, *args)
        return wrapped


import functools as late  # not at the top: not reused, not trusted at def time
