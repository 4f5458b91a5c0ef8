import time


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.elapsed = time.perf_counter() - self.start
        return True  # want [exit-suppresses-all] "`__exit__` returning `True` unconditionally"


class AsyncTimer:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return (True)  # want [exit-suppresses-all] "`__aexit__`"


class OneLine:
    def __exit__(self, *exc): return True  # want [exit-suppresses-all]


# --- not flagged ---------------------------------------------------------


class ReturnsNone:
    def __exit__(self, *exc):
        self.close()


class ReturnsFalse:
    def __exit__(self, *exc):
        return False


class Conditional:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is FileNotFoundError:
            return True


class Expression:
    def __exit__(self, exc_type, exc, tb):
        return exc_type is None or issubclass(exc_type, KeyError)


class EarlyReturn:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and not issubclass(exc_type, OSError):
            return False
        return True


class RaisesFirst:
    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            raise RuntimeError("failed") from exc
        return True


class NestedDef:
    def __exit__(self, *exc):
        def helper():
            return True

        return helper()


# Not a method: a module-level function named __exit__.
def __exit__(*exc):
    return True
