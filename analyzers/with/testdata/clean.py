# Idiomatic code: nothing to report.
import threading
from contextlib import contextmanager

_lock = threading.Lock()
_cache = {}


def load(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def remember(key, value):
    with _lock:
        _cache[key] = value


@contextmanager
def opened(path):
    f = open(path)
    try:
        yield f
    finally:
        f.close()


class Session:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    def close(self):
        pass


if __name__ == "__main__":
    with Session() as s, opened(__file__) as f:
        print(f.readline())
