import queue
import threading
#      ^^^^^^^^^ anchor: threading
import concurrent.futures
#      ^^^^^^^^^^^^^^^^^^ anchor: threading
from concurrent.futures import ThreadPoolExecutor
#    ^^^^^^^^^^^^^^^^^^ anchor: threading
from threading import Lock, Event


def download(name):
    print(name)


lock = Lock()
#      ^^^^^^ anchor: threading
done = Event()
#      ^^^^^^^ anchor: threading
rlock = threading.RLock()
#       ^^^^^^^^^^^^^^^^^ anchor: threading
q = queue.Queue()
#   ^^^^^^^^^^^^^ anchor: threading

threads = [threading.Thread(target=download, args=(f"file{i}",)) for i in range(3)]
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: threading
for t in threads:
    t.start()
#   ^^^^^^^^^ anchor: threading
for t in threads:
    t.join()
#   ^^^^^^^^ anchor: threading

if __name__ == "__main__":
    single = threading.Thread(target=download, args=("x",))
    single.start()
#   ^^^^^^^^^^^^^^ anchor: threading


class Worker(threading.Thread):
    def run(self):
        download("w")


if __name__ == "__main__":
    w = Worker()
#       ^^^^^^^^ anchor: threading
    w.start()
#   ^^^^^^^^^ anchor: threading

with ThreadPoolExecutor(max_workers=4) as ex:
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: threading
    ex.submit(download, "y")
