# A comment-only header.
def timed(func):
    def wrapper(*args, **kwargs):  # want [wrapper-without-wraps]
        return func(*args, **kwargs)
    return wrapper