# Nothing is reported where a syntax error makes the facts unreliable.
import asyncio
import time


async def save():
    pass


async def main():
    save()
    time.sleep(1)
    asyncio.create_task(save())
    x = [
