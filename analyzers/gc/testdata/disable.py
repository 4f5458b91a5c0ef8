import gc
#      ^^ anchor: gc
import gc as collector
from gc import disable as gc_off, enable as gc_on
#    ^^ anchor: gc


def build_index(records):
    gc.disable()  # want [gc-disable] "`gc.disable\\(\\)` is undone by a `gc.enable\\(\\)` outside `finally`"
#   ^^^^^^^^^^^^ anchor: gc
    index = {r.key: r for r in records}
    gc.enable()
#   ^^^^^^^^^^^ anchor: gc
    return index


def build_alias(records):
    collector.disable()  # want [gc-disable]
    try:
        index = dict(records)
    except KeyError:
        collector.enable()  # an except clause is not a finally
        raise
    collector.enable()
    return index


def build_from_import(records):
    gc_off()  # want [gc-disable]
    out = list(records)
    gc_on()
    return out


async def build_async(records):
    gc.disable()  # want [gc-disable]
    out = await records.load()
    gc.enable()
    return out


class Builder:
    def build(self, records):
        gc.disable()  # want [gc-disable]
        self.index = dict(records)
        gc.enable()

    gc.disable()  # class body: runs once at import, like module level


def enable_only_in_nested_finally(records):
    gc.disable()  # want [gc-disable]

    def cleanup():
        try:
            pass
        finally:
            gc.enable()  # another function's finally

    out = list(records)
    gc.enable()
    return out, cleanup


def build_except_exception(work):
    gc.disable()  # want [gc-disable]
    try:
        out = work()
    except Exception:  # KeyboardInterrupt and SystemExit skip it
        gc.enable()
        raise
    gc.enable()
    return out


# Near misses.


def fork_like(work):
    gc.disable()
    try:
        pid = work()
    except:  # a bare except runs on every exception, like finally
        gc.enable()
        raise
    gc.enable()
    return pid


def catch_all(work):
    gc.disable()
    try:
        work()
    except BaseException as err:
        gc.enable()
        raise err
    gc.enable()



def build_safe(records):
    was_enabled = gc.isenabled()
#                 ^^^^^^^^^^^^^^ anchor: gc
    gc.disable()
    try:
        return {r.key: r for r in records}
    finally:
        if was_enabled:
            gc.enable()


def build_safe_alias(records):
    gc_off()
    try:
        return list(records)
    finally:
        gc_on()


def build_cleanup(self):
    self.addCleanup(gc.enable)  # registered cleanup
    gc.disable()
    self.run()
    gc.enable()


def restore_disabled(work):
    gc.enable()  # GC on for the work, then back to its previous state
    work()
    gc.disable()


def finally_restores(enabled, work):
    try:
        work()
    finally:
        if not enabled:
            gc.disable()


def switch_off_for_good(run):
    gc.disable()  # no gc.enable() at all: a deliberate, program-wide choice
    run()


def setUp(self):
    gc.disable()  # paired with a tearDown that re-enables


def enable_in_nested_function_only():
    gc.disable()

    def done():
        gc.enable()

    return done


def shadowed(gc, work):
    gc.disable()  # a parameter, not the gc module
    work()
    gc.enable()


off = lambda: gc.disable()

gc.disable()  # module level: a deliberate, program-wide choice
gc.enable()


def prefork():
    gc.freeze()
#   ^^^^^^^^^^^ anchor: gc
