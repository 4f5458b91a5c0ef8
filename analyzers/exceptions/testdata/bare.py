import logging

log = logging.getLogger(__name__)


def load_port(text):
    try:
        return int(text)
    except:  # want [bare-except] "bare `except:` also catches KeyboardInterrupt and SystemExit"
        return 8080


def stacked(text):
    try:
        return int(text)
    except ValueError:
        return 0
    except:  # want [bare-except]
        log.exception("unexpected")
        return -1


class Loader:
    def load(self):
        try:
            self.read()
        except:  # want [bare-except]
            self.failed = True

    async def aload(self):
        try:
            await self.aread()
        except:  # want [bare-except]
            self.failed = True


# The cleanup-and-re-raise idiom lets KeyboardInterrupt through: not flagged.
def cleanup(path):
    try:
        write(path)
    except:
        remove(path)
        raise


# A conditional re-raise still swallows sometimes: flagged.
def sometimes(path, strict):
    try:
        write(path)
    except:  # want [bare-except]
        if strict:
            raise
        return None


# A raise inside a nested function does not re-raise this exception.
def nested_raise():
    try:
        write("x")
    except:  # want [bare-except]
        def later():
            raise
        return later


# Typed handlers are fine.
def typed():
    try:
        write("x")
    except Exception:
        log.exception("failed")
    except BaseException:
        log.error("interrupted")
        raise


# except* always names a type.
def group():
    try:
        write("x")
    except* OSError:
        log.error("io")


lam = lambda: 1
