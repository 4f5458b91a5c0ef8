import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor


def work():
    pass


def run(pool: "ThreadPoolExecutor") -> threading.Thread:
    pool.submit(work())  # a parameter: not known to be a pool
    return threading.Thread(target=work())  # want [thread-target-called]


class Holder:
    thread = threading.Thread(target=work())  # want [thread-target-called]
    worker = lambda self: threading.Thread(target=work())  # want [thread-target-called]
