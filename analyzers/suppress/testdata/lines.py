counter = 0


def bump():
    global counter  # pyhint: ignore[global-statement]
    counter += 1


def bump2():
    global counter  # pyhint: ignore[global-unused]  # want [global-statement] [unused-suppression] "silences nothing"
    counter += 1


def bump3():
    global counter  # noqa  pyhint: ignore[global-statement, bare-except]  # want [unused-suppression] "bare-except"
    counter += 1


def read():
    # The suppression applies to its own line only.
    # pyhint: ignore[global-unused]  # want [unused-suppression]
    global counter  # want [global-unused]
    return counter


x = 1  # pyhint: ignore[no-such-rule]  # want [unused-suppression] "unknown rule \"no-such-rule\""
