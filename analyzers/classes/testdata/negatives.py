# Nothing here is a method's self, a class's initialiser or a method
# decorator: lines marked "no anchor" must carry no classes anchor.


def helper(self):  # no anchor
    return self


def __init__(self):  # no anchor
    return None


class Widget:
    def method(self):
        def inner(self):  # no anchor
            return self
        callback = lambda self: self  # no anchor
        return inner, callback

    @staticmethod
    def make(self):  # no anchor
        return self

    @other.setter  # no anchor
    def value(self, v):
        self.v = v


@staticmethod  # no anchor
def loose(x):
    return x


@property  # no anchor
def not_a_method(self):  # no anchor
    return self


def shadowed():
    def property(f):
        return f

    class Inner:
        @property  # no anchor
        def value(self):
            return 1

    return Inner
