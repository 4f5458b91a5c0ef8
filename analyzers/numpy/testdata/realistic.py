"""A small signal-processing module, written the way such code often is."""

import logging

import numba
import numpy as np
from numba import njit

log = logging.getLogger(__name__)


def moving_average(signal, window):
    x = np.asarray(signal, dtype=np.float64)
    out = np.zeros_like(x)
    for i in range(len(x)):  # a window of x, never the element x[i]: not reported
        lo = max(0, i - window + 1)
        out[i] = x[lo : i + 1].mean()
    return out


def threshold(signal, level):
    x = np.array(signal)
    mask = np.zeros(len(x), dtype=bool)
    for i in range(x.shape[0]):  # want [numpy-python-loop]
        mask[i] = x[i] > level
    return mask


def scale(signal, gain):
    x = np.asarray(signal, dtype=float)
    for i in range(len(x)):  # want [numpy-python-loop] "array `x`"
        x[i] = min(x[i] * gain, 1.0)
    return x


def cumulative(signal):
    x = np.asarray(signal, dtype=float)
    acc = np.empty(x.size)
    acc[0] = x[0]
    for i in range(1, len(x)):  # start 1: not range(len(x)), not reported
        acc[i] = acc[i - 1] + x[i]
    return acc


def peaks(signal):
    x = np.asarray(signal)
    found = []
    for i in range(len(x)):  # builds a Python list: not reported
        if x[i] > 0:
            found.append(i)
    return np.array(found)


def log_values(signal):
    x = np.asarray(signal)
    for i in range(len(x)):  # logging per element: not reported
        log.debug("value %d = %f", i, x[i])


def rows(matrix):
    m = np.asarray(matrix)
    totals = np.zeros(m.shape[0])
    for i in range(m.shape[0]):  # m may be 2-D, but m[i] is never used as a plain element
        totals[i] = m[i, :].sum()
    return totals


@njit
def fast_cumsum(values):
    out = np.empty(len(values))
    acc = 0.0
    for i in range(len(out)):  # compiled by Numba: explicit loops are the fast way
        acc += values[i]
        out[i] = acc
    return out


@numba.jit(nopython=True, cache=True)
def fast_clip(n, hi):
    a = np.random.rand(n)
    for i in range(len(a)):
        if a[i] > hi:
            a[i] = hi
    return a


def collect(batches):
    features = np.empty((0, 8))
    labels = np.array([], dtype=int)
    for batch in batches:
        features = np.vstack([features, batch.features])  # want [numpy-append-in-loop]
        labels = np.append(labels, batch.labels)  # want [numpy-append-in-loop]
    return features, labels


def collect_well(batches):
    features, labels = [], []
    for batch in batches:
        features.append(batch.features)
        labels.append(batch.labels)
    return np.vstack(features), np.concatenate(labels)


def pad(signal, n):
    x = np.asarray(signal)
    if len(x) < n:
        x = np.append(x, np.zeros(n - len(x)))  # once, not in a loop
    return x


def windows(signal, size):
    x = np.asarray(signal)
    for start in range(0, len(x), size):
        chunk = np.concatenate([x[start : start + size], np.zeros(1)])  # a new name each time
        yield chunk
