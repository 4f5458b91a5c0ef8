import copy
import copy as cp
import csv
from copy import copy as shallow, deepcopy


def with_viewer_role(user):
    updated = user.copy()
#             ^^^^^^^^^^^ anchor: copy
    updated["roles"].append("viewer")  # want [shallow-copy-nested-mutation] "this also changes `user`: `updated` is a shallow copy \\(`user.copy\\(\\)`\\), so `updated\\[\"roles\"\\]` is the same object in both; copy with `copy.deepcopy\\(user\\)`"
    return updated


def module_copy(cfg):
    c = copy.copy(cfg)
#       ^^^^^^^^^^^^^^ anchor: copy
    c.handlers.append(1)  # want [shallow-copy-nested-mutation] "`c.handlers`"
    c.options["debug"] = True  # want [shallow-copy-nested-mutation]
    c.name = "new"  # the copy's own attribute: fine


def aliases(cfg, rows):
    a = cp.copy(cfg)
    a.items.extend([1])  # want [shallow-copy-nested-mutation]
    b = shallow(rows)
    b["rows"].sort()  # want [shallow-copy-nested-mutation]


def slices(matrix):
    m = matrix[:]
#       ^^^^^^^^^ anchor: copy
    m[0][1] = 5  # want [shallow-copy-nested-mutation] "`m\\[0\\]`"
    m[1][0] += 1  # want [shallow-copy-nested-mutation]
    del m[2][0]  # want [shallow-copy-nested-mutation]
    m[3], m[4][0] = 1, 2  # want [shallow-copy-nested-mutation]


def constructors(groups, settings):
    g = list(groups)
#       ^^^^^^^^^^^^ anchor: copy
    g[0].append("x")  # want [shallow-copy-nested-mutation]
    s = dict(settings)
    s["db"].update(host="h")  # want [shallow-copy-nested-mutation]
    s["paths"] += ["/tmp"]  # want [shallow-copy-nested-mutation]
    s["flags"] |= {"x"}  # want [shallow-copy-nested-mutation]


DEFAULTS = {"paths": [], "env": {}}


def from_known_dict(key):
    conf = DEFAULTS.copy()  # DEFAULTS is certainly a dict: any key counts
    conf[key].append("/usr/bin")  # want [shallow-copy-nested-mutation] "this also changes `DEFAULTS`"


class Service:
    def reconfigure(self, extra):
        conf = self.config.copy()
        conf["plugins"].append(extra)  # want [shallow-copy-nested-mutation] "`self.config`"
        return conf


def inside_with(path, base):
    with open(path) as f:
        merged = base.copy()
        merged["lines"].extend(f)  # want [shallow-copy-nested-mutation]
    merged["done"].add(path)  # want [shallow-copy-nested-mutation]


def in_loop(items):
    out = []
    for item in items:
        new = item.copy()
        new["tags"].append("seen")  # want [shallow-copy-nested-mutation]
        out.append(new)
    return out


# Near misses.
def changes_copy_only(user):
    updated = user.copy()
    updated.append(1)
    updated["name"] = "x"
    del updated["old"]
    updated.pop("k")
    return updated


def deep(user):
    updated = copy.deepcopy(user)
#             ^^^^^^^^^^^^^^^^^^^ anchor: copy
    updated["roles"].append("viewer")
    other = deepcopy(user)
    other["roles"].append("viewer")
    return updated, other


def replaced_first(user, k):
    updated = user.copy()
    updated["roles"] = list(updated["roles"])
    updated["roles"].append("viewer")
    updated[k] = []
    updated[k].append(1)
    return updated


def rebound(user):
    updated = user.copy()
    updated = {"roles": []}
    updated["roles"].append("viewer")


def bulk_replaced(user):
    updated = user.copy()
    updated.update(roles=[])
    updated["roles"].append("viewer")


def other_branch(user, flag):
    if flag:
        updated = user.copy()
    else:
        updated = {"roles": []}
        updated["roles"].append("x")
    return updated


def nested_function(user):
    updated = user.copy()

    def later():
        updated["roles"].append("x")  # another scope: not followed
    return later


def fresh_rows(path):
    with open(path) as f:
        reader = csv.reader(f)
        rows = list(reader)  # an iterator's rows belong to nobody else
        rows[0].append("extra")


def materialise(items):
    items = list(items)
    items[0].append(1)


def unknown_copy(graph, u, v):
    # graph.copy() may be a class's own copy (a networkx graph copies its
    # edge dicts): with a non-string key we cannot tell it holds shared data.
    h = graph.copy()
    h[u][v]["weight"] = 1
    m = copy.copy(graph)
    m[0].append(1)


def list_copy_attribute(items):
    b = items[:]
    b.meta.append(1)  # a list copy has no interesting attributes


module_level = {"a": []}
copied = module_level.copy()
copied["a"].append(1)  # module level: only functions are checked

lam = lambda d: d.copy()
