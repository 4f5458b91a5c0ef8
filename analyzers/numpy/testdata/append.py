import numpy as np
import numpy as numeric
from numpy import append, concatenate as cat


def read_samples(sensor, n):
    samples = np.array([])
    for _ in range(n):
        samples = np.append(samples, sensor.read())  # want [numpy-append-in-loop] "growing `samples` with `np.append` in a loop copies the whole array on every iteration"
    return samples


def stack_rows(rows):
    table = np.empty((0, 3))
    for row in rows:
        table = np.vstack((table, row))  # want [numpy-append-in-loop] "`np.vstack`"
    return table


def join(chunks):
    out = np.zeros(0)
    while chunks:
        out = numeric.concatenate([out, chunks.pop()])  # want [numpy-append-in-loop]
        out = cat((out, chunks.pop()), axis=0)  # want [numpy-append-in-loop]
        out = np.hstack([out, chunks.pop()])  # want [numpy-append-in-loop]
        out = append(out, 1)  # want [numpy-append-in-loop]
        out = np.append(0, out)  # want [numpy-append-in-loop]
    return out


def columns(cols):
    m = np.empty((3, 0))
    for c in cols:
        m = np.column_stack([m, c])  # want [numpy-append-in-loop]
        m = np.row_stack([m, c])  # want [numpy-append-in-loop]


class Recorder:
    def __init__(self):
        self.history = np.empty((0, 2))

    def record_all(self, points):
        for p in points:
            self.history = np.vstack([self.history, p])  # want [numpy-append-in-loop] "growing `self.history`"


async def gather(stream):
    buf = np.array([])
    async for x in stream:
        buf = np.append(buf, x)  # want [numpy-append-in-loop]
    return buf


total = np.array([])
for value in [1, 2, 3]:
    total = np.append(total, value)  # want [numpy-append-in-loop]


# Near misses.


def collect_then_join(chunks):
    parts = []
    for c in chunks:
        parts.append(c)  # list.append is cheap
    return np.concatenate(parts)  # once, after the loop


def different_name(a, b):
    for i in range(len(a)):
        row = np.hstack([a[i], b[i]])  # the result does not feed the next iteration
        print(row)


def outside_loop(a, b):
    a = np.append(a, b)
    return a


def defined_in_loop(items):
    for item in items:
        def grow(arr):
            arr = np.append(arr, item)  # a nested function: runs when called
            return arr

        print(grow)


def else_clause(items, arr):
    for item in items:
        print(item)
    else:
        arr = np.append(arr, 0)  # runs once
    return arr


def not_assigned(items, arr):
    for item in items:
        np.append(arr, item)  # result discarded: wasteful, but not growth
        result = [np.append(arr, item)]


def shadowed(items):
    np = ListHelpers()
    arr = []
    for item in items:
        arr = np.append(arr, item)  # not numpy


def in_condition(arr, x):
    while len(arr := np.append(arr, x)) < 10:
        pass
