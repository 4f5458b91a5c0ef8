# In a file that imports numpy, x.copy() may be a deep ndarray copy and x[:]
# a view: neither is anchored as a shallow copy nor followed.
import numpy as np


def normalise(a):
    b = a.copy()
    b[0].sort()
    c = a[:]
    c[0][1] = 0
    return np.asarray(b), c


def still_known(rows):
    r = list(rows)
#       ^^^^^^^^^^ anchor: copy
    r[0].append(1)  # want [shallow-copy-nested-mutation]
