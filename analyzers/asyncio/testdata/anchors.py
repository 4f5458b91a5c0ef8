import asyncio
#      ^^^^^^^ anchor: asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
#   ^^^^^ anchor: asyncio
    return f"{name} after {delay}s"


async def stream():
    yield 1


class Service:
    async def handle(self):
#   ^^^^^^^^^^^^^^^^ anchor: asyncio
        await fetch("x", 0)

    async def events(self):
#   ^^^^^^^^^^^^^^^^ anchor: asyncio
        yield 1


async def main():
    results = await asyncio.gather(fetch("a", 0.2), fetch("b", 0.1))
#                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: asyncio
    task = asyncio.create_task(fetch("c", 0))
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: asyncio
    async for x in stream():
#   ^^^^^^^^^ anchor: asyncio
        print(x)
    async with asyncio.TaskGroup() as tg:
#   ^^^^^^^^^^ anchor: asyncio
#              ^^^^^^^^^^^^^^^^^^^ anchor: asyncio
        tg.create_task(fetch("d", 0))
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: asyncio
    squares = [y async for y in stream()]
#                ^^^^^^^^^ anchor: asyncio
    await asyncio.to_thread(print, "x")
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: asyncio
    return results, task, squares


if __name__ == "__main__":
    asyncio.run(main())
#   ^^^^^^^^^^^^^^^^^^^ anchor: asyncio
