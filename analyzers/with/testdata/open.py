import io
import io as iomod
import json
import pathlib
from typing import TYPE_CHECKING
from contextlib import closing, ExitStack
from io import open as io_open
from pathlib import Path


def read_config(path):
    f = open(path, encoding="utf-8")  # want [open-without-with] "`f.close\(\)` is skipped when an exception is raised before it"
    text = f.read()
    f.close()
    return text


def never_closed(path):
    f = open(path)  # want [open-without-with] "file `f` is never closed"
    for line in f:
        print(line)


def aliases(path):
    a = io.open(path)  # want [open-without-with] "never closed"
    b = iomod.open(path)  # want [open-without-with] "never closed"
    c = io_open(path)  # want [open-without-with] "never closed"
    d = Path(path).open()  # want [open-without-with] "never closed"
    e = pathlib.Path(path).open("rb")  # want [open-without-with] "never closed"
    return a.read() + b.read() + c.read() + d.read() + e.read()


def one_liners(path):
    data = open(path).read()  # want [open-without-with] "`open\(path\).read\(\)` leaves closing the file to the garbage collector"
    for line in open(path):  # want [open-without-with] "`for ... in open\(path\)`"
        print(line)
    open(path, "w").write(data)  # want [open-without-with] "write\(\)"
    open(path, "a").close()  # touch: closed at once
    return data


class Writer:
    def save(self, path, rows):
        out = open(path, "w")  # want [open-without-with] "`out.close\(\)` is skipped"
        for row in rows:
            print(row, file=out)
        json.dump(rows, out)
        out.close()

    async def asave(self, path):
        out = open(path, "w")  # want [open-without-with] "never closed"
        out.write("x")


def outer(path):
    def inner():
        f = open(path)  # want [open-without-with]
        return f.read()

    return inner


# --- not flagged ---------------------------------------------------------


def with_item(path):
    with open(path) as f:
        return f.read()


def with_items(a, b):
    with open(a) as f, (open(b)) as g:
        return f.read() + g.read()


def returned(path):
    return open(path)


def returned_conditionally(path):
    return open(path) if path else None


def yielded(paths):
    for p in paths:
        yield open(p)


def passed(path):
    data = json.load(open(path))
    reader = closing(open(path))
    return data, reader


def stored(self, path, files):
    self.f = open(path)
    files[path] = open(path)
    return [open(p) for p in files]


def closed_in_finally(path):
    f = open(path)
    try:
        return f.read()
    finally:
        f.close()


def closed_in_finally_guarded(path):
    f = None
    try:
        f = open(path)
        return f.read()
    finally:
        if f is not None:
            f.close()


def closed_on_error(path):
    f = open(path)
    try:
        data = f.read()
    except BaseException:
        f.close()
        raise
    f.close()
    return data


def later_with(path):
    f = open(path)
    with f:
        return f.read()


def escapes(path, stack: ExitStack, registry):
    a = open(path)
    stack.enter_context(a)
    b = open(path)
    registry.append(b)
    c = open(path)
    d = c
    e = open(path)
    return d, e


def closed_by_callback(path, atexit):
    f = open(path)
    atexit.register(f.close)


def closure_closes(path):
    f = open(path)

    def cleanup():
        f.close()

    return cleanup


def probe(path):
    try:
        f = open(path)
    except OSError:
        return False
    else:
        f.close()
    g = open(path)
    g.close()
    return True


def parameter(path, out=None):
    if out is None:
        out = open(path, "w")
    out.write("x")


def global_file(path):
    global LOG
    LOG = open(path, "a")


def conditional_file(path, sys):
    f = open(path) if path != "-" else sys.stdin
    try:
        return f.read()
    finally:
        if f is not sys.stdin:
            f.close()


# Shadowed open: not the built-in.
def shadowed(path):
    def open(p):
        return p

    f = open(path)
    return f.upper()


class Files:
    def open(self, path):
        return path

    def use(self, path):
        f = self.open(path)
        return f


# Module level and class level: scripts and long-lived objects.
LOG = open("/tmp/log", "a")


class Config:
    handle = open("/tmp/config")


lam = lambda p: open(p)


def mocked_open(patch, mock_open):
    with patch("builtins.open", mock_open(read_data="x")):
        h = open("anything")
        return h.read()


if TYPE_CHECKING:
    from typing import IO


def typed(path) -> "IO[str]":
    return open(path)


def deleted(path):
    f = open(path)
    data = f.read()
    del f  # explicit release: ownership handled by hand
    return data
