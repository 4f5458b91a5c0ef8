import os
import os.path
import sys
import sys as system
import unittest
from pathlib import Path
from sys import path as search_path

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = Path(__file__).resolve().parent.parent

sys.path.append(os.path.join(os.path.dirname(__file__), "..", "lib"))  # want [sys-path-mutation] "`sys.path.append\\(...\\)` patches the import path with a directory fixed in the code"
sys.path.insert(0, HERE)  # want [sys-path-mutation] "`sys.path.insert\\(...\\)`"
sys.path.insert(0, str(ROOT / "src"))  # want [sys-path-mutation]
system.path.append("..")  # want [sys-path-mutation]
sys.path.extend([HERE, os.path.join(HERE, "vendor")])  # want [sys-path-mutation] "`sys.path.extend"
sys.path.append(f"{HERE}/plugins")  # want [sys-path-mutation]
current = os.path.dirname(os.path.realpath(__file__))
parent = os.path.dirname(current)
sys.path.append(parent)  # want [sys-path-mutation]
sys.path.append(str(Path(__file__).resolve().parent.parent))  # want [sys-path-mutation]


def main():
    sys.path.insert(0, os.curdir)  # want [sys-path-mutation]
#   ^^^^^^^^ anchor: venv
    search_path.append(os.getcwd())  # want [sys-path-mutation]
#   ^^^^^^^^^^^ anchor: venv


class Settings:
    sys.path.append(os.path.expanduser("~/lib"))  # want [sys-path-mutation]


# Near misses.

print(sys.path)  # reading
#     ^^^^^^^^ anchor: venv
paths = list(sys.path)
if HERE not in sys.path:
    print("not on the path")


def load_plugin(directory):
    sys.path.insert(0, directory)  # a directory the caller chose: a loader doing its job
    return __import__("plugin")


def load_all(config):
    for d in config.dirs:
        sys.path.append(d)
    sys.path.append(config.root)
    sys.path.append(os.path.join(make_tempdir(), "mods"))


def run_script(path):
    sys.path.insert(0, os.path.dirname(path))


def temporary():
    sys.path.insert(0, HERE)
    try:
        return __import__("helpers")
    finally:
        sys.path.remove(HERE)


def with_cleanup(self):
    sys.path.insert(0, os.curdir)
    self.addCleanup(sys.path.remove, os.curdir)


class ImportTests(unittest.TestCase):
    def setUp(self):
        sys.path.insert(0, HERE)


class Base(unittest.TestCase):
    def setUp(self):
        self.saved = sys.path[:]

    def tearDown(self):
        sys.path[:] = self.saved


class Derived(Base):
    def test_import(self):
        sys.path.insert(0, HERE)  # restored by Base.tearDown


def shadowed():
    sys = Fake()
    sys.path.append(HERE)  # a local object


def other_methods():
    sys.path.remove(HERE)
    sys.path.copy()
    sys.path.index(HERE)


def configured(settings):
    sys.path.append(os.environ["PLUGIN_DIR"])  # configured at deploy time
    sys.path.append(settings.get("lib"))  # a configuration value, not a fixed location
    sys.path.append(os.path.join(settings.root, "lib"))


def helper():
    return "x"


sys.path.append(helper())  # a local helper's result: unknown
