/*
Package asyncio defines an Analyzer for coroutines, tasks and the event loop.

# Analyzer asyncio

asyncio: anchors async defs, awaits, async for/with and the asyncio entry
points, and reports blocking calls inside coroutines, coroutines called
without await, and tasks whose only reference is dropped.

One thread runs every task; a task gives control back only at an await:

	async def poll(url):
	    time.sleep(5)                   # blocking-call-in-async
	    refresh(url)                    # unawaited-coroutine: refresh is async def
	    asyncio.create_task(log(url))   # dangling-task: nothing keeps the task

Use instead: `await asyncio.sleep(5)`, `await refresh(url)`, and keep the
task (`task = asyncio.create_task(...)`, stored in a set) or use
asyncio.TaskGroup.
*/
package asyncio
