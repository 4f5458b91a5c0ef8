# No asyncio pitfalls: look-alikes, rebinding and other libraries' names.
import helpers


async def save(x):
    return x


if helpers.SYNC:
    def save(x):  # rebinding: save is no longer known to be a coroutine function
        return x


def run():
    save(1)
    helpers.create_task(save(2))
    helpers.sleep(1)


class Loop:
    def create_task(self, coro):
        return coro


async def main():
    loop = Loop()
    loop.create_task(save(3))
    time = helpers.clock
    time.sleep(1)
