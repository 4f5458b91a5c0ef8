"""Async jobs and processes."""
import asyncio
import multiprocessing
import time


async def fetch(n):
    time.sleep(0.1)
    return n


async def notify(user):
    await asyncio.sleep(0)
    return user


async def main():
    asyncio.create_task(fetch(1))
    notify("ada")
    results = await asyncio.gather(fetch(2), fetch(3))
    return results


def square(x):
    return x * x


pool = multiprocessing.Pool(2)

if __name__ == "__main__":
    asyncio.run(main())
