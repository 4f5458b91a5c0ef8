import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor
from concurrent import futures
from threading import Thread as T

import numpy as np


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return count


def sum_squares(n):
    return sum(i * i for i in range(n))


def spin(n):
    while n:
        n -= 1


def helper(x):
    return math.sqrt(x) + abs(x)


def uses_helper(n):
    out = []
    for i in range(n):
        out.append(helper(i) * 2)
    return out


def recursive(n):
    total = 0
    for i in range(n):
        total += recursive(i - 1) if i > 1 else i
    return total


# Not CPU-bound, or not clearly pure: never reported.
def sleeps(n):
    for i in range(n):
        n += i
        time.sleep(0.1)


def prints(n):
    for i in range(n):
        print(i * 2)


def vectorised(n):
    total = 0
    for row in range(n):
        total += np.sum(np.arange(row))
    return total


def no_loop(n):
    return n * n + 1


def calls_param(n, f):
    total = 0
    for i in range(n):
        total += f(i)
    return total


def string_building(items):
    s = ""
    for x in items:
        s += "x"
    return s


def with_lock(n, lock):
    total = 0
    for i in range(n):
        with lock:
            total += i


def key_function(items):
    total = 0
    for i in range(3):
        total += max(items, key=prints)
    return total


def calls_impure_helper(n):
    total = 0
    for i in range(n):
        total += sleeps(i) or 0
    return total


def method_on_param(n, out):
    for i in range(n):
        out.append(i * i)


@staticmethod
def decorated(n):
    total = 0
    for i in range(n):
        total += i
    return total


def pool_map(sizes):
    with ThreadPoolExecutor() as pool:
        results = list(pool.map(count_primes, sizes))  # want [cpu-bound-thread] "`count_primes` is pure-Python computation: the GIL lets only one thread run Python bytecode at a time, so the pool's threads take turns"
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: gil
    return results


def pool_submit(sizes):
    ex = ThreadPoolExecutor(max_workers=4)
    futs = [ex.submit(sum_squares, n) for n in sizes]  # want [cpu-bound-thread]
    for n in sizes:
        ex.submit(uses_helper, n)  # want [cpu-bound-thread]
    ex.submit(recursive, 10)  # want [cpu-bound-thread]
    ex.submit(recursive, 20)  # want [cpu-bound-thread]
    ex.submit(spin, 10)  # a single task: not reported
    return futs


def threads(n):
    workers = [threading.Thread(target=spin, args=(n,)) for _ in range(4)]  # want [cpu-bound-thread] "so these threads take turns"
    for w in workers:
        w.start()
    a = T(target=count_primes, args=(n,))  # want [cpu-bound-thread]
    b = T(target=count_primes, args=(n,))  # want [cpu-bound-thread]
    pair = [T(target=sum_squares), T(target=sum_squares)]  # want [cpu-bound-thread] [cpu-bound-thread]
    lonely = threading.Thread(target=sum_squares, args=(n,))  # one background thread: not reported
    return a, b, pair, lonely


def near_misses(sizes):
    with ThreadPoolExecutor() as pool:
        pool.map(sleeps, sizes)
        pool.map(prints, sizes)
        pool.map(vectorised, sizes)
        pool.map(no_loop, sizes)
        pool.map(calls_param, sizes)
        pool.map(string_building, sizes)
        pool.map(with_lock, sizes)
        pool.map(key_function, sizes)
        pool.map(calls_impure_helper, sizes)
        pool.map(method_on_param, sizes)
        pool.map(decorated, sizes)
        pool.map(lambda n: count_primes(n), sizes)
    with ProcessPoolExecutor() as procs:
        procs.map(count_primes, sizes)  # processes: the right tool
    with ThreadPoolExecutor(max_workers=1) as single:
        single.map(count_primes, sizes)
    with futures.ThreadPoolExecutor(1) as single2:
        single2.map(count_primes, sizes)
    for n in sizes:
        threading.Thread(target=sleeps, args=(n,)).start()


def shadowing(sizes):
    def count_primes(n):
        return n

    with ThreadPoolExecutor() as pool:
        pool.map(count_primes, sizes)


import sys


def reads_stdin(n):
    total = 0
    for line in sys.stdin:
        total += n
    return total


def stdin_pool(sizes):
    with ThreadPoolExecutor() as pool:
        pool.map(reads_stdin, sizes)
