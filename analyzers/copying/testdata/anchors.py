from copy import deepcopy
import copy as cp


def local_imports():
    # A caret cannot point at column 0, so the import anchors are tested on
    # indented imports.
    import copy
#   ^^^^^^^^^^^ anchor: copy
    from copy import copy as c
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: copy
    return copy, c


def anchors(items, mapping, tags, cfg):
    a = items[:]
#       ^^^^^^^^ anchor: copy
    b = list(items)
#       ^^^^^^^^^^^ anchor: copy
    c = dict(mapping)
#       ^^^^^^^^^^^^^ anchor: copy
    d = set(tags)
#       ^^^^^^^^^ anchor: copy
    e = mapping.copy()
#       ^^^^^^^^^^^^^^ anchor: copy
    f = deepcopy(cfg)
#       ^^^^^^^^^^^^^ anchor: copy
    g = cp.copy(cfg)
#       ^^^^^^^^^^^^ anchor: copy
    items[:] = []  # a slice assignment replaces the contents: not a copy
    return a, b, c, d, e, f, g
