import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool, Process


def square(n):
    return n * n


def main():
    with Pool(4) as pool:
#        ^^^^^^^ anchor: multiprocessing
        print(pool.map(square, range(10)))


class Runner:
    pool = Pool(2)  # class bodies are outside this rule

    def run(self):
        with ProcessPoolExecutor() as ex:
#            ^^^^^^^^^^^^^^^^^^^^^ anchor: multiprocessing
            ex.map(square, range(3))


make = lambda: Pool(2)


if __name__ == "__main__":
    main()
    with Pool(4) as pool:
        pool.map(square, range(10))
    for i in range(2):
        p = Process(target=square, args=(i,))
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: multiprocessing
        p.start()
    q = mp.Queue()
#       ^^^^^^^^^^ anchor: multiprocessing
    m = mp.Manager()
#       ^^^^^^^^^^^^ anchor: multiprocessing

if '__main__' == __name__:
    Pool(2)

if True:
    if (__name__ == '__main__'):
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: multiprocessing
        if True:
            Pool(2)

if __name__ != "__main__":
    pass
else:
    Pool(2)

if False:
    pass
elif __name__ == "__main__":
    Pool(2)

main()  # not followed: the call above is inside main

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.pool import Pool as PoolType

    never_runs = Pool(1)
