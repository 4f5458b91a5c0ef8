import math
from typing import TYPE_CHECKING

import numpy as np
from numpy import zeros as Z
from numpy.random import rand

if TYPE_CHECKING:
    from numpy.typing import NDArray


def normalise(values):
    data = np.asarray(values, dtype=float)
    result = np.empty_like(data)
    for i in range(len(data)):  # want [numpy-python-loop] "element-by-element loop over NumPy array `data`: each `data\\[i\\]` is a bounds-checked access"
        result[i] = (data[i] - data.mean()) / data.std()
    return result


def squares(n):
    out = np.zeros(n)
    for k in range(out.shape[0]):  # want [numpy-python-loop] "`out\\[k\\]`"
        out[k] = k * k
    return out


def clip_negative(n):
    a = rand(n)
    for i in range(0, a.size):  # want [numpy-python-loop]
        if a[i] < 0:
            a[i] = 0
    return a


def hypotenuse(n):
    xs = Z(n)
    total = 0.0
    for i in range(len(xs)):  # want [numpy-python-loop]
        total += math.sqrt(xs[i] ** 2 + 1) + abs(xs[i])
    return total


def same_name(x):
    x = np.asarray(x)  # the parameter is rebound to an array before the loop
    count = 0
    for i in range(len(x)):  # want [numpy-python-loop]
        count += x[i] > 0
    return count


def nested(n):
    a = np.arange(n)
    b = np.linspace(0, 1, n)
    total = 0.0
    for i in range(len(a)):  # want [numpy-python-loop]
        for j in range(len(b)):  # reported once, on the outer loop
            total += a[i] * b[j]
    return total


class Model:
    def fit(self, n):
        weights = np.random.normal(0, 1, size=n)
        for i in range(len(weights)):  # want [numpy-python-loop]
            weights[i] = np.tanh(weights[i])
        self.weights = weights


async def scaled(n):
    arr = np.ones(n)
    for i in range(len(arr)):  # want [numpy-python-loop]
        arr[i] *= 2
    return arr


prices = np.array([10.0, 20.0, 30.0])
for i in range(len(prices)):  # want [numpy-python-loop]
    prices[i] = prices[i] * 1.2


# Near misses.


def from_parameter(arr):
    for i in range(len(arr)):  # a parameter: type unknown
        arr[i] = arr[i] * 2


def list_not_array(n):
    items = [0] * n
    for i in range(len(items)):  # a list, not an array
        items[i] = i * 2


def unrelated_range(n):
    a = np.zeros(10)
    for i in range(n):  # n is not a's length
        a[i % 10] += 1


def does_not_index(n):
    a = np.zeros(n)
    seen = []
    for i in range(len(a)):
        seen.append(i)  # never indexes a


def io_in_body(n):
    a = np.arange(n)
    for i in range(len(a)):
        print(a[i])  # I/O per element: nothing to vectorise


def helper_call(n, model):
    a = np.arange(n)
    for i in range(len(a)):
        a[i] = model.predict(a[i])  # a Python-level call per element


def early_exit(n, target):
    a = np.arange(n)
    for i in range(len(a)):
        if a[i] == target:
            break  # a search that stops early


def returns_early(n):
    a = np.arange(n)
    for i in range(len(a)):
        if a[i] > 3:
            return i
    return -1


def guarded(n):
    a = np.arange(n)
    for i in range(len(a)):
        try:
            a[i] = int(a[i])
        except ValueError:
            pass


def two_dimensional():
    grid = np.zeros((3, 3))
    for i in range(len(grid)):  # a[i] is a row, not an element
        grid[i] = np.linspace(0, 1, 3)
    table = np.array([[1, 2], [3, 4]])
    for i in range(len(table)):
        table[i] = table[i] * 2


def conditionally_made(values, fast):
    if fast:
        values = np.asarray(values)
    for i in range(len(values)):  # may still be the parameter
        values[i] = values[i] * 2


def rebound_in_loop(n):
    a = np.zeros(n)
    for i in range(len(a)):
        a = a[::-1]
        a[i] = 1


def made_elsewhere(n):
    a = np.zeros(n)

    def inner():
        for i in range(len(a)):  # a belongs to the enclosing function
            a[i] = 1

    return inner


def rows_of_matrix(m):
    matrix = np.asarray(m)
    for row in matrix:  # iterates rows, not indices
        print(row.sum())


def tuple_index(n):
    a = np.zeros(n)
    for i in range(len(a)):
        a[i, 0] = 1  # not a plain a[i]


def shadowed(n):
    np = FakeNumpy()
    a = np.zeros(n)
    for i in range(len(a)):  # np here is not numpy
        a[i] = 1


def generator(n):
    a = np.zeros(n)
    for i in range(len(a)):
        yield a[i]


def comprehension(n):
    a = np.arange(n)
    return [a[i] * 2 for i in range(len(a))]  # not a for statement
