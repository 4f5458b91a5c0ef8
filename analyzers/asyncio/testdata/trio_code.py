# trio runs its own event loop: asyncio's advice does not apply.
import time

import trio


async def child():
    await trio.sleep(1)


async def main():
    time.sleep(1)
    child()
    async with trio.open_nursery() as nursery:
        nursery.start_soon(child)
