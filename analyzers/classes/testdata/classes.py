import abc
import functools
import sys
from functools import cached_property as cp

if sys.version_info >= (3, 8):
    class Account:
#   ^^^^^^^^^^^^^^ anchor: classes
        fee = 1

        def __init__(self, owner):
#       ^^^^^^^^^^^^ anchor: classes
#                    ^^^^ anchor: classes
            self.owner = owner
            self.balance = 0

        def deposit(self, amount):
#                   ^^^^ anchor: classes
            self.balance += amount - self.fee

        async def fetch(self: "Account", /, key=None):
#                       ^^^^ anchor: classes
            return key

        @classmethod  # hint: receives the class
        def from_dict(cls, d):
#                     ^^^ anchor: classes
            return cls(d["owner"])

        @staticmethod  # hint: no self or cls
        def validate(owner):
            return bool(owner)

        @property  # hint: computed attribute
        def label(self):
            return self.owner.title()

        @label.setter  # hint: runs on assignment
        def label(self, value):
            self.owner = value

        @label.deleter  # hint: runs on del
        def label(self):
            del self.owner

        @functools.cached_property  # hint: computed once
        def report(self):
            return str(self.balance)

        @cp  # hint: computed once
        def summary(self):
            return self.owner

        def __new__(cls, *args):
#                   ^^^ anchor: classes
            return super().__new__(cls)

        def __init_subclass__(cls, **kwargs):
#                             ^^^ anchor: classes
            super().__init_subclass__(**kwargs)

    class FreeAccount(Account, metaclass=abc.ABCMeta):
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: classes
        fee = 0

        @abc.abstractmethod
        @staticmethod  # hint: no self or cls
        def rules():
            return []

        def odd(this):
#               ^^^^ anchor: classes
            return this

        def no_params():
            return 0

        def star_only(*args):
            return args

    class Multi(
#   ^^^^^^^^^^^ anchor: classes
        Account,
        object,
    ):
        if True:
            def conditional(self):
#                           ^^^^ anchor: classes
                return self


def outer():
    class Local:
#   ^^^^^^^^^^^^ anchor: classes
        def method(self):
#                  ^^^^ anchor: classes
            return self

    return Local
