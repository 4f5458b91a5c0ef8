import contextlib
import os
from contextlib import asynccontextmanager, contextmanager
from contextlib import contextmanager as cm


@contextmanager
def working_directory(path):
    previous = os.getcwd()
    os.chdir(path)
    yield  # want [contextmanager-without-finally] "thrown in at this `yield`"
    os.chdir(previous)


@contextlib.contextmanager
def attr_form(obj):
    obj.busy = True
    value = yield obj  # want [contextmanager-without-finally]
    obj.busy = False


@cm
def aliased(obj):
    yield obj  # want [contextmanager-without-finally]
    obj.close()


@asynccontextmanager
async def connection(pool):
    conn = await pool.get()
    yield conn  # want [contextmanager-without-finally]
    await pool.put(conn)


class Resource:
    @staticmethod
    @contextmanager
    def stacked(r):
        r.open()
        if r.ready:
            yield r  # want [contextmanager-without-finally]
        else:
            yield None  # want [contextmanager-without-finally]
        r.close()


@contextmanager
def narrow_handler(r):
    try:
        yield r  # want [contextmanager-without-finally]
    except ValueError:
        pass
    r.close()


# --- not flagged ---------------------------------------------------------


@contextmanager
def with_finally(path):
    previous = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


@contextmanager
def nothing_after(x):
    print("setup")
    yield x


@contextmanager
def only_pass_after(x):
    yield x
    pass


@contextmanager
def inner_with(path):
    with open(path) as f:
        yield f


@contextmanager
def transaction(conn):
    try:
        yield conn
    except:
        conn.rollback()
        raise
    else:
        conn.commit()


@contextmanager
def transaction_exception(conn):
    try:
        yield conn
    except Exception:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def expect_error():
    try:
        yield
    except KeyError:
        pass
    else:
        raise AssertionError("no KeyError")


@contextmanager
def early_return(skip, r):
    if skip:
        yield
        return
    try:
        yield r
    finally:
        r.close()


@contextmanager
def yield_in_finally(r):
    try:
        r.open()
    finally:
        yield r


@contextmanager
def nested_generator(items):
    def gen():
        yield 1
        print("after")

    yield gen
    return


# Not a context manager: a plain generator.
def plain(items):
    yield items
    items.clear()


# A local decorator named contextmanager is not contextlib's.
def local():
    def contextmanager(f):
        return f

    @contextmanager
    def not_contextlib(r):
        yield r
        r.close()

    return not_contextlib
