import sys
import unittest

import errors
from errors import ParseError as PE


class ConfigError(Exception):
    pass


def get_setting(settings, name):
    try:
        return settings[name]
    except KeyError:
        raise ValueError(f"unknown setting: {name}")  # want [raise-without-from] "raising `ValueError` while handling `KeyError` without `from`.*bind the caught error"


def named(settings, name):
    try:
        return settings[name]
    except KeyError as err:
        raise ConfigError(name)  # want [raise-without-from] "raise ... from err"


def nested_if(text):
    try:
        return int(text)
    except (ValueError, TypeError) as e:
        if text:
            for _ in range(1):
                raise errors.ParseError(text)  # want [raise-without-from] "`errors.ParseError`"
        raise PE  # want [raise-without-from] "`PE`"


def bare_handler(x):
    try:
        x.run()
    except:  # want [bare-except]
        raise RuntimeError("failed")  # want [raise-without-from] "while handling an exception"


def in_method_and_else(x):
    class Runner:
        def go(self):
            try:
                x.run()
            except OSError as exc:
                try:
                    x.close()
                finally:
                    raise ConfigError("closed")  # want [raise-without-from]
    return Runner


async def group(x):
    try:
        await x.run()
    except* OSError as eg:
        raise ConfigError("io")  # want [raise-without-from]


def finally_inside(x):
    try:
        x.run()
    except OSError:
        try:
            x.close()
        finally:
            raise ConfigError("cleanup")  # want [raise-without-from]


def outer_try_other_class(d):
    try:
        try:
            return d["k"]
        except KeyError:
            raise ValueError("k")  # want [raise-without-from]
    except TypeError:
        return None


# Near misses.

def outer_try_catches(cls, value):
    try:
        try:
            return cls(value)
        except TypeError:
            for member in cls:
                if member.value == value:
                    return member
            else:
                raise KeyError(value)
    except KeyError:
        return None


def outer_try_user_class(x):
    try:
        try:
            x.run()
        except OSError:
            raise ConfigError("retry")
    except ConfigError:
        return None


class Items:
    def __next__(self):
        try:
            return self.items.pop()
        except IndexError:
            raise StopIteration


def signals(x):
    try:
        import _ssl
    except ImportError:
        raise unittest.SkipTest("no ssl")
    try:
        x.run()
    except ValueError:
        raise SystemExit("bad value")
    except OSError:
        raise _GiveUp()

def chained(settings, name):
    try:
        return settings[name]
    except KeyError as err:
        raise ValueError(name) from err


def hidden(settings, name):
    try:
        return settings[name]
    except KeyError:
        raise ValueError(name) from None


def reraise(x):
    try:
        x.run()
    except OSError as err:
        x.close()
        raise


def reraise_by_name(x):
    try:
        x.run()
    except OSError as err:
        x.close()
        raise err


def nested_def(x):
    try:
        x.run()
    except OSError:
        def fail():
            raise ConfigError("later")
        lam = lambda: fail()
        return fail


def caught_inside(x):
    try:
        x.run()
    except OSError:
        try:
            raise ConfigError("retry")
        except ConfigError:
            pass


def outside_handler(x):
    if not x:
        raise ValueError("empty")
    try:
        x.run()
    finally:
        raise ConfigError("always")


def variables_and_factories(x, make_error):
    try:
        x.run()
    except OSError as err:
        error = ConfigError("x")
        raise error
    except ValueError:
        raise make_error(x)
    except TypeError as err:
        raise err.with_traceback(None)
    except KeyError:
        raise type(x)("copy")
    except LookupError:
        raise ERRORS


ERRORS = ConfigError("constant")


class _GiveUp(Exception):
    pass
