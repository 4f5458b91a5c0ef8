"""No class here needs a __repr__ it lacks, and nothing shadows repr wrongly."""


class Money:
    def __init__(self, amount):
        self.amount = amount

    def __repr__(self):
        return f"Money({self.amount!r})"


def __str__(self):  # no anchor
    return "a module-level function named __str__ is not a method"


class Holder:
    def describe(self):
        def __str__():  # no anchor
            return "nested function, not a method"
        return __str__()


def repr(x):  # a local repr shadows the builtin
    return str(x)


shown = repr(Money(1))  # no anchor
