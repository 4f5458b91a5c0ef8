import functools
import multiprocessing
import multiprocessing as mp
import threading
import threading as th
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import Pool
from threading import Thread as T

import helpers


def download_reports():
    print("downloading")


def compute(n):
    return n * 2


def make_worker(queue):
    def worker():
        queue.get()

    return worker


def make_lambda():
    return lambda: None


def returns_name():
    return download_reports


def maybe_callable(x):
    if x:
        return 1
    return x


@functools.lru_cache
def decorated():
    pass


async def coro():
    pass


def gen():
    yield 1


t1 = threading.Thread(target=download_reports())  # want [thread-target-called] "`target=download_reports\\(\\)` calls `download_reports` now, in the calling thread, and hands the thread its return value \\(None\\) instead"
t2 = th.Thread(target=download_reports())  # want [thread-target-called]
t3 = T(target=download_reports())  # want [thread-target-called]
t4 = T(None, download_reports())  # want [thread-target-called] "pass the function itself"
t5 = threading.Thread(target=compute(3))  # want [thread-target-called] "return value instead.*target=compute, args=\\(\\.\\.\\.\\)"
t6 = threading.Thread(target=(download_reports()))  # want [thread-target-called]
p1 = multiprocessing.Process(target=download_reports())  # want [thread-target-called] "in the parent process, and hands the process"
p2 = mp.get_context("spawn").Process(target=download_reports())  # want [thread-target-called]
ctx = mp.get_context("forkserver")
p3 = ctx.Process(target=download_reports())  # want [thread-target-called]

# Near misses: the function itself, a lambda, factories and unknown callees.
ok1 = threading.Thread(target=download_reports)
ok2 = threading.Thread(target=lambda: download_reports())
ok3 = threading.Thread(target=functools.partial(compute, 3))
ok4 = threading.Thread(target=make_worker(None))
ok5 = threading.Thread(target=make_lambda())
ok6 = threading.Thread(target=returns_name())
ok7 = threading.Thread(target=maybe_callable(1))
ok8 = threading.Thread(target=helpers.factory())
ok9 = threading.Thread(target=decorated())
ok10 = threading.Thread(target=coro())
ok11 = threading.Thread(target=gen())
ok12 = threading.Thread(target=getattr(helpers, "run")())
ok13 = threading.Thread(name=download_reports())  # not the target
ok14 = threading.Thread(*helpers.args, download_reports())  # positions unknown


def shadowed():
    def download_reports():
        return lambda: None

    return threading.Thread(target=download_reports())


def submits():
    with ThreadPoolExecutor() as ex:
        ex.submit(download_reports())  # want [thread-target-called] "`ex.submit\\(download_reports\\(\\)\\)` runs `download_reports` now, in the caller"
        ex.submit(compute(1))  # want [thread-target-called] "ex.submit\\(compute, \\.\\.\\.\\)"
        ex.submit(download_reports)
        ex.submit(make_worker(None))
    pex = ProcessPoolExecutor()
    pex.submit(download_reports())  # want [thread-target-called]
    pool = Pool(4)
    pool.apply_async(download_reports())  # want [thread-target-called]
    pool.apply_async(download_reports)


def unknown_receivers(session, executor):
    session.submit(download_reports())  # a parameter: not known to be a pool
    executor.submit(download_reports())
    other = helpers.Submitter()
    other.submit(download_reports())
    pool = Pool(2)
    pool.submit(download_reports())  # Pool has no submit


class Service:
    def run(self):
        print("run")

    def factory(self):
        return self.run

    def start(self):
        threading.Thread(target=self.run()).start()  # want [thread-target-called] "pass the function itself: `target=self.run`"
        threading.Thread(target=self.factory()).start()
        threading.Thread(target=self.missing()).start()

    @staticmethod
    def static():
        self = Service()
        threading.Thread(target=self.run()).start()

    @staticmethod
    def static2(self):
        threading.Thread(target=self.run()).start()  # `self` is not the instance here


def deco(f):
    return f


@deco
@functools.wraps(download_reports)
def stacked():
    pass


stacked_thread = threading.Thread(target=stacked())  # stacked decorators: may return anything
