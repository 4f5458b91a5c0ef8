# A class in this file defines its own copy() and __copy__, which may copy
# their nested state: .copy() and copy.copy() are not trusted to be shallow.
import copy


class Config:
    def __init__(self):
        self.items = {"k": []}

    def copy(self):
        new = Config()
        new.items = {k: list(v) for k, v in self.items.items()}
        return new

    def __copy__(self):
        return self.copy()

    def __getitem__(self, k):
        return self.items[k]


def use(cfg):
    c = cfg.copy()
    c["k"].append(1)
    d = copy.copy(cfg)
    d.items["k"].append(1)
