import asyncio
import gc
import gc as collector
import time
from gc import collect


def process_all(batches):
    for batch in batches:
        handle(batch)
        gc.collect()  # want [gc-collect-in-loop] "`gc.collect\\(\\)` in a `for` loop runs a full collection on every iteration"
#       ^^^^^^^^^^^^ anchor: gc


def drain(queue):
    while queue:
        queue.pop()
        collector.collect()  # want [gc-collect-in-loop] "`while` loop"


def from_import(items):
    for item in items:
        handle(item)
        collect(2)  # want [gc-collect-in-loop]
        collect(generation=2)  # want [gc-collect-in-loop]
        gc.collect(0)  # generation 0 only: a quick pass
#       ^^^^^^^^^^^^^ anchor: gc
        gc.collect(1)
        gc.collect(generation=level)


async def async_loop(items):
    async for item in items:
        await handle(item)
        gc.collect()  # want [gc-collect-in-loop]


class Loader:
    def load_all(self, paths):
        for path in paths:
            with open(path) as f:
                self.parse(f)
            gc.collect()  # want [gc-collect-in-loop]

    def nested(self, rows):
        for row in rows:
            for cell in row:
                self.handle(cell)
                gc.collect()  # want [gc-collect-in-loop]


for path in ["a", "b"]:
    load(path)
    gc.collect()  # want [gc-collect-in-loop]


# Near misses.


def every_n(items):
    for i, item in enumerate(items):
        handle(item)
        if i % 1000 == 0:
            gc.collect()  # every N iterations, as the rule suggests


def until_stable():
    for _ in range(3):
        gc.collect()  # the loop only collects: deliberately repeated
    while gc.collect():  # the condition, not the body
        pass


def periodic(stop):
    while not stop.is_set():
        time.sleep(60)  # a periodic background collector
        gc.collect()


async def periodic_async(stop):
    while not stop.is_set():
        await asyncio.sleep(60)
        gc.collect()


def after_loop(items):
    for item in items:
        handle(item)
    gc.collect()


def defined_in_loop(items, callbacks):
    for item in items:
        def later():
            gc.collect()  # runs when called, not per iteration here

        callbacks.append(later)
        callbacks.append(lambda: gc.collect())


def else_clause(items):
    for item in items:
        handle(item)
    else:
        gc.collect()  # runs once, after the loop


def shadowed(items):
    gc = Collector()
    for item in items:
        handle(item)
        gc.collect()  # a local object, not the gc module


def in_iterable():
    for n in [gc.collect()]:  # evaluated once
        print(n)
