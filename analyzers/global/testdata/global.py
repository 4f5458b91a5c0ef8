import os

counter = 0
cache = {}
items = []


def bump():
    global counter  # want [global-statement] "function bump rebinds module-level `counter`"
#   ^^^^^^^^^^^^^^ anchor: global
    counter += 1


def reset():
    global counter, items  # want [global-statement] "`counter` \\(assignment\\), `items` \\(assignment\\)"
    counter = 0
    items = []


def only_reads():
    global counter  # want [global-unused] "never assigns"
    return counter + 1


def mutates():
    global cache  # want [global-unused] "reading or mutating"
    cache["k"] = 1
    items.append(2)


def mixed():
    global counter, cache  # want [global-statement] "`counter`" [global-unused] "global cache is unneeded"
    counter = 1
    cache.clear()


def loop_target():
    global counter  # want [global-statement] "for target"
    for counter in range(3):
        pass


def other_bindings():
    global os, handler, Klass, err_holder  # want [global-statement]
    import os
    def handler():
        pass
    class Klass:
        pass
    with open("x") as err_holder:
        pass


def deleter():
    global counter  # want [global-statement] "del"
    del counter


def except_target():
    global counter  # want [global-statement] "except target"
    try:
        pass
    except ValueError as counter:
        pass


# Near misses: a nested function's assignment is not the outer function's.
def outer():
    global counter  # want [global-unused]

    def inner():
        counter = 5  # a local of inner
        return counter

    return inner


# The inner function rebinds through its own global: only it is reported.
def outer2():
    def inner():
        global counter  # want [global-statement]
        counter = 2

    return inner


# Attribute and subscript assignment are mutation, not rebinding.
def attribute_only():
    global cache  # want [global-unused]
    cache.value = 1
    cache["x"] = 2


class Config:
    global counter  # class bodies: anchored, never reported
    counter = 3


# nonlocal is anchored under the global concept, never reported.
def make_counter():
    n = 0

    def step():
        nonlocal n
#       ^^^^^^^^^^ anchor: global
        n += 1
        return n

    return step


lam = lambda: counter  # reading needs no global
