import shutil
import weakref
#      ^^^^^^^ anchor: gc


class TempDir:
    def __init__(self, path):
        self.path = path

    def __del__(self):  # want [del-method] "`__del__` in class `TempDir` runs whenever"
#   ^^^^^^^^^^^ anchor: gc
        shutil.rmtree(self.path)


class Finalized:
    def __init__(self, path):
        self.path = path
        self.cleanup = weakref.finalize(self, shutil.rmtree, path)
#                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: gc


class Descriptor:
    def __delete__(self, obj):
        pass

    def __delattr__(self, name):
        pass

    def __delitem__(self, key):
        pass


def __del__(self):  # a module-level function is not a finalizer
    pass


class Outer:
    class Inner:
        def __del__(self):  # want [del-method] "class `Inner`"
            pass

    if True:
        def __del__(self):  # want [del-method] "class `Outer`"
            pass


class Decorated:
    @staticmethod
    @some_decorator
    def __del__():  # want [del-method]
        pass


def factory():
    class Local:
        def __del__(self):  # want [del-method] "class `Local`"
            pass

    def __del__(self):  # a local function
        pass

    return Local


class Assigned:
    __del__ = print  # not a def: not reported


lam = lambda __del__: __del__
