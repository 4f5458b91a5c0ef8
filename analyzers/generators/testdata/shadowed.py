# A module-level binding shadows the built-in everywhere in the module.
max = lambda items: items
max([x for x in range(3)])


def f(xs):
    return max([x for x in xs])

