# No gc or weakref import: nothing is anchored or reported.


class Collector:
    def collect(self):
        return 0

    def disable(self):
        pass


gc = Collector()


def work(items):
    gc.disable()
    for item in items:
        gc.collect()
    gc.enable()


def __del__(self):
    pass
