import builtins
import socket


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None
    except FileNotFoundError:  # want [except-order] "`except FileNotFoundError` can never run: the earlier `except OSError` already catches it, since FileNotFoundError is a subclass of OSError"
        return ""


def lookup(d, k):
    try:
        return d[k]
    except Exception:
        return None
    except KeyError:  # want [except-order] "subclass of Exception"
        return 0


def deep(x):
    try:
        x.connect()
    except (ValueError, OSError):
        pass
    except ConnectionResetError as e:  # want [except-order] "subclass of OSError"
        pass
    except (UnicodeDecodeError, BrokenPipeError):  # want [except-order] "every class it names is already caught"
        pass
    except builtins.TimeoutError:  # want [except-order]
        pass


def aliases(x):
    try:
        x.read()
    except OSError:
        pass
    except IOError:  # want [except-order] "remove the duplicate"
        pass
    except EnvironmentError:  # want [except-order]
        pass


def duplicate(x):
    try:
        x.read()
    except KeyError:
        pass
    except KeyError:  # want [except-order] "already catches KeyError"
        pass


class Reader:
    def read(self):
        try:
            return self.f.read()
        except LookupError:
            return None
        except (IndexError):  # want [except-order]
            return None


async def group(x):
    try:
        await x.run()
    except* OSError:
        pass
    except* PermissionError:  # want [except-order] "`except\\* PermissionError`"
        pass


def exception_group(x):
    try:
        x.run()
    except Exception:
        x.fail()
    except ExceptionGroup:  # want [except-order]
        pass


# Near misses.

def right_order(path):
    try:
        return open(path).read()
    except FileNotFoundError:
        return ""
    except OSError:
        return None
    except Exception:
        return None


def unrelated(x):
    try:
        x.run()
    except KeyError:
        pass
    except ValueError:
        pass
    except TypeError:
        pass


def partly_covered(x):
    try:
        x.run()
    except LookupError:
        pass
    except (KeyError, ValueError):
        pass


def user_classes(x):
    class MyError(Exception):
        pass

    class Sub(MyError):
        pass

    try:
        x.run()
    except MyError:
        pass
    except Sub:
        pass


def shadowed(x):
    KeyError = socket.timeout
    try:
        x.run()
    except LookupError:
        pass
    except KeyError:
        pass


def imported_name(x):
    try:
        x.run()
    except OSError:
        pass
    except socket.timeout:  # an alias of TimeoutError, but not followed
        pass


def base_exception_group(x):
    try:
        x.run()
    except Exception:
        x.fail()
    except BaseExceptionGroup:
        pass
    except KeyboardInterrupt:
        pass


def separate_tries(x):
    try:
        x.run()
    except OSError:
        pass
    try:
        x.run()
    except FileNotFoundError:
        pass
