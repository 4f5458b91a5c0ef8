# Something else is called functools here: the finding has no fix.
def timed(func, functools=None):
    def wrapper(*args):  # want [wrapper-without-wraps]
        return func(*args)
    return wrapper
