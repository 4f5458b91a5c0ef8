import asyncio
import multiprocessing
import threading
from typing import TYPE_CHECKING
import threading as th
from threading import Lock, RLock as Reentrant

lock = threading.Lock()
rlock = Reentrant()
sem = th.BoundedSemaphore(2)
cond = threading.Condition()
mlock = multiprocessing.Lock()
orders = []


def add_order(raw):
    lock.acquire()  # want [lock-without-with] "between `lock.acquire\(\)` and `lock.release\(\)` raises"
    orders.append(int(raw))
    lock.release()


def aliases(raw):
    rlock.acquire()  # want [lock-without-with] "`rlock` stays held"
    orders.append(raw)
    rlock.release()
    sem.acquire()  # want [lock-without-with] "use `with sem:`"
    orders.append(raw)
    sem.release()
    cond.acquire()  # want [lock-without-with]
    cond.notify()
    cond.release()
    mlock.acquire()  # want [lock-without-with]
    orders.append(raw)
    mlock.release()


def local_lock(items):
    guard = Lock()
    guard.acquire()  # want [lock-without-with]
    items.append(1)
    guard.release()


def non_blocking(raw):
    if lock.acquire(blocking=False):  # want [lock-without-with]
        orders.append(raw)
        lock.release()


class Store:
    counter_lock = threading.RLock()

    def __init__(self):
        self._lock = threading.Lock()
        self.items = []

    def add(self, item):
        self._lock.acquire()  # want [lock-without-with] "`self._lock` stays held"
        self.items.append(item)
        self._lock.release()

    def count(self):
        self.counter_lock.acquire()  # want [lock-without-with]
        n = len(self.items)
        self.counter_lock.release()
        return n

    # --- not flagged -----------------------------------------------------

    def with_lock(self, item):
        with self._lock:
            self.items.append(item)

    def try_finally(self, item):
        self._lock.acquire()
        try:
            self.items.append(item)
        finally:
            self._lock.release()

    def __enter__(self):
        self._lock.acquire()  # released in __exit__
        return self

    def __exit__(self, *exc):
        self._lock.release()


class AsyncStore:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.items = []

    async def add(self, item):
        await self.lock.acquire()  # want [lock-without-with]
        self.items.append(item)
        self.lock.release()

    async def add_ok(self, item):
        await self.lock.acquire()
        try:
            self.items.append(item)
        finally:
            self.lock.release()


# --- not flagged ---------------------------------------------------------


def timeout_try_finally(raw):
    if lock.acquire(timeout=1):
        try:
            orders.append(raw)
        finally:
            lock.release()


def non_blocking_try_finally(raw):
    if not lock.acquire(False):
        return
    try:
        orders.append(raw)
    finally:
        lock.release()


def probe():
    if lock.acquire(False):
        lock.release()
        return False
    return True


def release_on_error(raw):
    lock.acquire()
    try:
        orders.append(int(raw))
    except BaseException:
        lock.release()
        raise
    lock.release()


def hand_over():
    lock.acquire()  # the caller releases
    return orders


def signal_between_threads(start):
    done = threading.Lock()
    done.acquire()

    def worker():
        orders.append(1)
        done.release()

    start(worker)
    orders.append(2)
    done.release()


def not_a_lock(conn, pool):
    conn.acquire()
    orders.append(1)
    conn.release()
    res = pool.get()
    res.acquire()
    orders.append(1)
    res.release()


def rebound_lock(factory):
    lk = threading.Lock()
    lk = factory()
    lk.acquire()
    orders.append(1)
    lk.release()


class Mixed:
    def __init__(self, lock=None):
        self._lock = lock or threading.Lock()

    def add(self):
        self._lock.acquire()
        orders.append(1)
        self._lock.release()


if TYPE_CHECKING:
    from threading import Lock as LockType


def typed_parameter(lk: "LockType"):
    lk.acquire()  # a parameter: what it is is unknown
    orders.append(1)
    lk.release()


def in_lambda_and_nested():
    inner_lock = threading.Lock()

    def nested():
        inner_lock.acquire()  # want [lock-without-with]
        orders.append(1)
        inner_lock.release()

    return nested
