# Idiomatic generator code: nothing to report.
def evens(limit):
    n = 0
    while n < limit:
        yield n
        n += 2


def stats(rows):
    total = sum(r.amount for r in rows)
    biggest = max((r.amount for r in rows), default=0)
    any_negative = any(r.amount < 0 for r in rows)
    names = sorted([r.name for r in rows])
    return total, biggest, any_negative, ", ".join([n.upper() for n in names])
