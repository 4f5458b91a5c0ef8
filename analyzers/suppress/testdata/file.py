# pyhint: ignore-file[global-unused]
"""Module docstring."""
counter = 0


def read():
    global counter
    return counter


def late():
    # pyhint: ignore-file[global-statement]  # want [unused-suppression] "move it to the top"
    global counter  # want [global-statement]
    counter = 1
