import asyncio
import asyncio as aio
from asyncio import create_task, ensure_future

background_tasks = set()


async def send_welcome_email(address):
    await asyncio.sleep(1)


async def register(address):
    asyncio.create_task(send_welcome_email(address))  # want [dangling-task] "the task from `asyncio.create_task\\(...\\)` is dropped at once: the event loop keeps only a weak reference"
    aio.create_task(send_welcome_email(address))  # want [dangling-task]
    create_task(send_welcome_email(address))  # want [dangling-task]
    ensure_future(send_welcome_email(address))  # want [dangling-task]
    asyncio.ensure_future(send_welcome_email(address))  # want [dangling-task]
    loop = asyncio.get_running_loop()
    loop.create_task(send_welcome_email(address))  # want [dangling-task]
    asyncio.get_event_loop().create_task(send_welcome_email(address))  # want [dangling-task]
    return "ok"


async def kept(address, fut, loop_param):
    task = asyncio.create_task(send_welcome_email(address))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
    background_tasks.add(asyncio.create_task(send_welcome_email(address)))
    await asyncio.create_task(send_welcome_email(address))
    tasks = [asyncio.create_task(send_welcome_email(a)) for a in "xy"]
    asyncio.ensure_future(fut)  # may be an existing future, returned unchanged
    loop_param.create_task(send_welcome_email(address))  # unknown object
    async with asyncio.TaskGroup() as tg:
        tg.create_task(send_welcome_email(address))  # the group keeps a reference
    return asyncio.create_task(send_welcome_email(address)), tasks


class Tests:
    def test_errors(self):
        with self.assertRaises(RuntimeError):
            asyncio.create_task(send_welcome_email("x"))
