# No sys, venv or subprocess import: nothing is anchored or reported.


class Paths:
    def __init__(self):
        self.path = []
        self.prefix = "/usr"


sys = Paths()
sys.path.append("..")
sys.path.insert(0, __file__)
print(sys.prefix)


def system(cmd):
    return cmd


system("pip install requests")
