def read_count(path):
    try:
        with open(path, encoding="utf-8") as f:
            return int(f.read())
    finally:
        return 0  # want [return-in-finally] "`return` in `finally` discards any exception"


def bare_return(lock):
    try:
        lock.work()
    finally:
        lock.release()
        if lock.broken:
            return  # want [return-in-finally]


def loop(items):
    for item in items:
        try:
            item.run()
        finally:
            if item.last:
                break  # want [return-in-finally] "`break` in `finally`"
            continue  # want [return-in-finally] "`continue` in `finally`"


async def aloop(items):
    async for item in items:
        try:
            await item.run()
        finally:
            continue  # want [return-in-finally]


def nested_try(x):
    try:
        x.run()
    finally:
        try:
            x.close()
        except OSError:
            return None  # want [return-in-finally]


# A loop's else clause belongs to the enclosing loop: break leaves the finally.
def loop_else(items):
    while True:
        try:
            step()
        finally:
            for item in items:
                if item:
                    break
            else:
                break  # want [return-in-finally]


# Near misses.

def loop_inside_finally(items):
    try:
        run()
    finally:
        for item in items:
            if item.done:
                break
            continue
        while items:
            items.pop()
            break


def def_inside_finally():
    try:
        run()
    finally:
        def helper():
            return 1
        callback = lambda: 2
        class Local:
            def m(self):
                return 3
        register(helper, callback, Local)


def return_after(x):
    try:
        x.run()
    finally:
        x.close()
    return x.result


def return_in_try(x):
    try:
        return x.run()
    except ValueError:
        return None
    else:
        return 1


def loop_in_try(items):
    for item in items:
        try:
            if item:
                continue
            break
        finally:
            item.close()
