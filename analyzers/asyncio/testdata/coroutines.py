import asyncio
import functools
from helpers import remote_save


async def save(record):
    await asyncio.sleep(0.1)


async def ticker():
    yield 1


def plain():
    return 1


def decorator(f):
    return f


@decorator
async def wrapped():
    pass


async def main():
    save({"id": 1})  # want [unawaited-coroutine] "`save\\(...\\)` only creates a coroutine and discards it: the body of `save` never runs.*add `await`"
    (save(2))  # want [unawaited-coroutine]
    await save(3)
    coro = save(4)
    await coro
    await asyncio.gather(save(5), save(6))
    asyncio.create_task(save(7))  # want [dangling-task]
    ticker()  # an async generator: returns an iterator, not a coroutine
    plain()
    wrapped()  # decorated: the decorator may return anything
    remote_save(1)  # another module: unknown
    return save(8)


def sync_caller():
    save(9)  # want [unawaited-coroutine] "run it with `asyncio.run\\(...\\)`"
    asyncio.run(save(10))
    lambda: save(11)


def nested():
    async def inner():
        pass

    inner()  # want [unawaited-coroutine]

    def shadow():
        save = plain
        save(1)

    return shadow


class Repo:
    async def write(self, row):
        await asyncio.sleep(0)

    def close(self):
        pass

    async def flush(self):
        self.write(1)  # want [unawaited-coroutine] "body of `write` never runs"
        await self.write(2)
        self.close()
        other = Repo()
        other.write(3)  # not self: unknown class

    @staticmethod
    async def helper(self):
        self.write(4)  # `self` is not the instance of a static method


class Test:
    def test_warns(self):
        with self.assertWarns(RuntimeWarning):
            save(1)  # expected: tests create and drop coroutines on purpose
        with self.assertRaises(TypeError):
            save()



class WithDecorators:
    @property
    @functools.cache
    async def cached(self):
        pass

    def use(self):
        self.cached()  # stacked decorators: may not be a coroutine


lam = lambda: save(1)  # a lambda returns the coroutine
