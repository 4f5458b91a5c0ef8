# Look-alikes that are not multiprocessing.
import helpers
from concurrent.futures import ThreadPoolExecutor


class Pool:
    def __init__(self, n):
        self.n = n


def Process(target=None):
    return target


pool = Pool(4)
proc = Process(target=print)
threads = ThreadPoolExecutor(4)
other = helpers.ProcessPoolExecutor()
mp = helpers
mp.Pool(3)

if __name__ == "__mian__":
    pass
