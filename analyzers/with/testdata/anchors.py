import threading
from contextlib import contextmanager, suppress

lock = threading.Lock()


def read(path):
    with open(path) as f:
#   ^^^^^^^^^^^^^^^^^^^^ anchor: with
        return f.read()


def guarded(items):
    with lock:
#   ^^^^^^^^^ anchor: with
        items.append(1)
    with suppress(KeyError):
#   ^^^^^^^^^^^^^^^^^^^^^^^ anchor: with
        items.remove(2)
    with open("a") as a, open("b") as b:
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: with
        items.append(a.read() + b.read())
    with (
#   ^^^^^^ anchor: with
        open("a") as a,
        open("b") as b,
    ):
        pass


async def fetch(session, url):
    async with session.get(url) as resp:
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: with
        return await resp.text()


class Timer:
    def __enter__(self):
#   ^^^^^^^^^^^^^ anchor: with
        return self

    def __exit__(self, *exc):
#   ^^^^^^^^^^^^ anchor: with
        pass

    async def __aenter__(self):
#   ^^^^^^^^^^^^^^^^^^^^ anchor: with
        return self

    async def __aexit__(self, *exc):
#   ^^^^^^^^^^^^^^^^^^^ anchor: with
        pass


class Tags:
    @staticmethod
    @contextmanager
    def tag(name):
        print(f"<{name}>")
        try:
            yield
        finally:
            print(f"</{name}>")
