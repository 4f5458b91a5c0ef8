import threading

counter = 0


def bump(items=[]):
    global counter
    counter += 1
    items.append(counter)
    try:
        return items
    except:
        return None


def work():
    return sum(i * i for i in range(10**6))


t = threading.Thread(target=work)
t.start()
grid = [[0] * 3] * 3
