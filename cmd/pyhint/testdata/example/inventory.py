"""A small inventory service: the kind of code pyhint reads."""
import copy
import functools
import gc
import sys
import threading
import time

sys.path.append("/opt/inventory/lib")

stock = {"apples": [3, 4], "pears": [1]}
request_count = 0


def record_request():
    global request_count
    request_count += 1


def snapshot():
    view = copy.copy(stock)
    view["apples"].append(0)
    return view


def add_item(name, qty, history=[]):
    history.append((name, qty))
    stock.setdefault(name, []).append(qty)
    return history


def timed(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            print(func.__name__, time.perf_counter() - start)

    return wrapper


@timed
def total():
    return sum([sum(v) for v in stock.values()])


def checksum(n):
    acc = 0
    for i in range(n):
        acc = (acc * 31 + i) % 1_000_003
    return acc


def run_checksums():
    workers = [threading.Thread(target=checksum, args=(10_000_000,)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def start_reporter():
    t = threading.Thread(target=record_request())
    t.start()


def load(path):
    f = open(path)
    data = f.read()
    return data


def parse(text):
    try:
        return int(text)
    except:
        return None


def cleanup():
    for _ in range(3):
        gc.collect()


class Item:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return f"Item({self.name})"

    @functools.lru_cache(maxsize=None)
    def price(self):
        return len(self.name) * 1.5


grid = [[0] * 3] * 3
