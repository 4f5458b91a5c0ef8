import concurrent.futures
import multiprocessing
#      ^^^^^^^^^^^^^^^ anchor: multiprocessing
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor as PPE
from multiprocessing import Pool, Process, Queue


def square(n):
    return n * n


with Pool(4) as pool:  # want [multiprocessing-main-guard] "`Pool\\(...\\)` runs at import time: with the spawn start method .* each child process re-imports the main module"
    print(pool.map(square, range(10)))

p = multiprocessing.Process(target=square, args=(3,))  # want [multiprocessing-main-guard] "starts a process"
p.start()
ex = PPE()  # want [multiprocessing-main-guard]
ex2 = concurrent.futures.ProcessPoolExecutor(max_workers=2)  # want [multiprocessing-main-guard]
pool2 = mp.get_context("spawn").Pool(2)  # want [multiprocessing-main-guard]
ctx = mp.get_context("forkserver")
proc = ctx.Process(target=square)  # want [multiprocessing-main-guard]
pool3 = mp.pool.Pool()  # want [multiprocessing-main-guard]

try:
    p2 = Process(target=square)  # want [multiprocessing-main-guard]
finally:
    pass

for i in range(2):
    Process(target=square, args=(i,)).start()  # want [multiprocessing-main-guard]

if __name__ == "__main__":
    pass
else:
    Pool()  # want [multiprocessing-main-guard]

if __name__ == "__main__":
    pass
elif True:
    Pool()  # want [multiprocessing-main-guard]

# Not process creation: anchored, never reported.
q = Queue()
m = mp.Manager()
tp = mp.pool.ThreadPool(4)
dummy = mp.dummy.Pool(4)

# An explicit fork context copies the parent instead of re-importing it.
forked = mp.get_context("fork").Pool(2)
fctx = mp.get_context(method="fork")
fproc = fctx.Process(target=square)
