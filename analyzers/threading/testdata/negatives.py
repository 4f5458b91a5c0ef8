# No threading at all: names that look like it but are not.
import helpers


class Thread:
    def __init__(self, target=None):
        self.target = target

    def start(self):
        self.target()


def work():
    pass


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


t = Thread(target=work())
t.start()
pool = helpers.ThreadPoolExecutor()
pool.submit(work())
pool.map(crunch, range(10))
for _ in range(3):
    Thread(target=crunch).start()
