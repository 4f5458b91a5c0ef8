import contextlib
import logging

log = logging.getLogger(__name__)


def process_all(paths):
    for path in paths:
        try:
            process(path)
        # want +1 [swallowed-exception] "`except Exception:` with only `pass` silently discards every error"
        except Exception:
            pass


def skip_bad(paths):
    for path in paths:
        try:
            process(path)
        # want +1 [swallowed-exception] "only `continue`"
        except Exception as err:
            continue


def base(x):
    try:
        process(x)
    # want +1 [swallowed-exception]
    except BaseException:
        ...


def bare(x):
    try:
        process(x)
    # want +1 [bare-except] [swallowed-exception] "`except:` with only `pass`"
    except:
        pass


def in_tuple(x):
    try:
        process(x)
    # want +1 [swallowed-exception]
    except (OSError, Exception):
        pass


def docstring_only(x):
    try:
        process(x)
    # want +1 [swallowed-exception] "a string"
    except Exception:
        "ignore"


def suppression_is_not_an_explanation(x):
    try:
        process(x)
    except Exception:  # pyhint: ignore[bare-except]  # want [swallowed-exception]
        pass


class Worker:
    def run(self):
        while True:
            try:
                self.step()
            # want +1 [swallowed-exception]
            except Exception:
                pass

    async def arun(self):
        try:
            await self.astep()
        # want +1 [swallowed-exception]
        except Exception:
            pass


# Near misses.

def specific(d):
    try:
        return d["k"]
    except KeyError:
        pass


def specific_tuple(x):
    try:
        process(x)
    except (KeyError, IndexError):
        pass


def logs(x):
    try:
        process(x)
    except Exception:
        log.exception("failed on %s", x)


def returns(x):
    try:
        return process(x)
    except Exception:
        return None


def sets_flag(x):
    ok = True
    try:
        process(x)
    except Exception:
        ok = False
    return ok


def reraises(x):
    try:
        process(x)
    except Exception:
        raise


def commented_above(x):
    try:
        process(x)
    except Exception:
        # The cache is optional: a failure here only costs speed.
        pass


def commented_after(x):
    try:
        process(x)
    except Exception:  # best effort: the file may already be gone
        pass


def commented_inline(x):
    try:
        process(x)
    except Exception:
        pass  # interpreter shutdown: modules may be gone


def report_failure(conn, msg):
    try:
        conn.send(msg)
    except Exception:
        # A failure while reporting a failure must not hide the first one.
        try:
            conn.send(("#TRACEBACK", msg))
        except Exception:
            pass
        raise


def secondary_in_nested_function(conn):
    try:
        conn.send(1)
    except OSError:
        def retry():
            try:
                conn.send(2)
            # want +1 [swallowed-exception]
            except Exception:
                pass
        return retry


def shadowed(x):
    Exception = KeyError
    try:
        process(x)
    except Exception:
        pass


def suppress(x):
    with contextlib.suppress(FileNotFoundError):
        process(x)
