# Nothing is reported where a syntax error makes the facts unreliable.
def timed(func):
    def wrapper(*args):
        return func(*args
    return wrapper
