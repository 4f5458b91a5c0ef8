def load(path):
    try:
#   ^^^^ anchor: exceptions
        f = open(path)
    except FileNotFoundError as err:
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: exceptions
        raise LookupError(path) from err
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: exceptions
    except (KeyError, ValueError):
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: exceptions
        raise
#       ^^^^^ anchor: exceptions
    else:
#   ^^^^^ anchor: exceptions
        return f
    finally:
#   ^^^^^^^^ anchor: exceptions
        cleanup()


def plain(x):
    if not x:
        raise ValueError(x)
#       ^^^^^^^^^^^^^^^^^^^ anchor: exceptions
    try:
        return x[0]
    except IndexError:
        raise KeyError(0) from None
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: exceptions
    except:  # want [bare-except]
#   ^^^^^^^ anchor: exceptions
        return None


def long_raise(x):
    if x:
        raise ValueError(
#       ^^^^^^^^^^^^^^^^^ anchor: exceptions
            "a long message"
        )


def catches_nothing():
    # An empty tuple is valid Python and matches no exception (a regression
    # test: it used to panic the analyzer).
    try:
#   ^^^^ anchor: exceptions
        return 1
    except ():
#   ^^^^^^^^^^ anchor: exceptions
        return 2
