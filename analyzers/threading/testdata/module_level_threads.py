# Threads started at module level, outside any function (regression: this
# shape crashed the analyzer when it looked for the enclosing statement).
import threading


def cpu_fn(n):
    s = 0
    for i in range(n):
        s += i * i
    return s


threading.Thread(target=cpu_fn)  # want [cpu-bound-thread]
threading.Thread(target=cpu_fn)  # want [cpu-bound-thread]
