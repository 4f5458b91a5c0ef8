from contextlib import contextmanager


class Readers:
    def read_numbers(lines):
#   ^^^^^^^^^^^^^^^^ anchor: generators
        for line in lines:
            if line.strip():
                yield int(line)
#               ^^^^^ anchor: generators

    async def ticks(n):
#   ^^^^^^^^^^^^^^^ anchor: generators
        for i in range(n):
            yield i
#           ^^^^^ anchor: generators


def read_numbers(lines):
    for line in lines:
        if line.strip():
            yield int(line)
#           ^^^^^ anchor: generators


def chain(a, b):
    yield from a
#   ^^^^^^^^^^ anchor: generators
    received = yield
#              ^^^^^ anchor: generators
    print(received)


async def ticks(n):
    for i in range(n):
        yield i
#       ^^^^^ anchor: generators


class Tree:
    def __iter__(self):
#   ^^^^^^^^^^^^ anchor: generators
        yield self

    @staticmethod
    @contextmanager
    def opened(path):
#   ^^^^^^^^^^ anchor: generators
        f = open(path)
        try:
            yield f
#           ^^^^^ anchor: generators
        finally:
            f.close()


squares = (n * n for n in range(10))
#         ^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: generators
total = sum(n * n for n in range(10))
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: generators
big = any(
#        ^ anchor: generators
    n > 5
    for n in range(10)
)


def not_a_generator(xs):
    return [x for x in xs]


def outer():
    def inner():
#   ^^^^^^^^^ anchor: generators
        yield 1

    return inner  # outer itself is not a generator


gen_lambda = lambda: (yield)
