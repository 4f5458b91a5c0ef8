if True:
    class Money:
        def __init__(self, amount):
            self.amount = amount

        def __repr__(self):
#       ^^^^^^^^^^^^ anchor: repr
            return f"Money({self.amount!r})"
#                                      ^^ anchor: repr

        def __str__(self):
#       ^^^^^^^^^^^ anchor: repr
            return f"{self.amount:.2f}"

        def __format__(self, spec):
#       ^^^^^^^^^^^^^^ anchor: repr
            return format(self.amount, spec)

    text = repr(Money(1))
#          ^^^^^^^^^^^^^^ anchor: repr
