import os
import subprocess
import subprocess as sp
import sys
from subprocess import check_call as cc
from typing import TYPE_CHECKING

try:
    import yaml
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "pyyaml"])  # want [pip-install-at-runtime] "`subprocess.check_call` runs `pip install` at run time"
    import yaml


def ensure(package):
    subprocess.run(["pip", "install", package], check=True)  # want [pip-install-at-runtime]
    subprocess.call(("pip3", "install", "-U", package))  # want [pip-install-at-runtime]
    sp.Popen(["/usr/local/bin/pip3.11", "install", package])  # want [pip-install-at-runtime] "`subprocess.Popen`"
    cc([sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check", "install", package])  # want [pip-install-at-runtime]
    subprocess.check_output(args=["sudo", "pip", "install", package])  # want [pip-install-at-runtime]
    os.system("pip install requests")  # want [pip-install-at-runtime] "`os.system`"
    os.system(f"{sys.executable} -m pip install {package}")  # want [pip-install-at-runtime]
    os.popen("python3 -m pip install -r requirements.txt")  # want [pip-install-at-runtime]
    os.system("pip install " + package)  # want [pip-install-at-runtime]
    os.system("pip install %s" % package)  # want [pip-install-at-runtime]
    os.system("pip install {}".format(package))  # want [pip-install-at-runtime]
    os.system("cd /srv/app && pip install -e .")  # want [pip-install-at-runtime]
    subprocess.run("uv pip install " + package, shell=True)  # want [pip-install-at-runtime]


async def ensure_async(package):
    subprocess.run(["pip", "install", package])  # want [pip-install-at-runtime]


class Installer:
    def install(self, package):
        subprocess.check_call([sys.executable, "-m", "pip", "install", package])  # want [pip-install-at-runtime]


installer = lambda p: subprocess.call(["pip", "install", p])  # want [pip-install-at-runtime]

if TYPE_CHECKING:
    subprocess.run(["pip", "install", "types-requests"])  # want [pip-install-at-runtime]


# Near misses.


def other_commands(package, cmd, args):
    subprocess.run([sys.executable, "-m", "pip", "download", package])
    subprocess.run([sys.executable, "-m", "pip", "list"])
    subprocess.run(["pip", "--version"])
    subprocess.run(["pip", "show", "install"])  # a package named install
    subprocess.run([sys.executable, "-m", "ensurepip"])
    subprocess.run(["pipx", "install", package])
    subprocess.run(cmd)  # assembled at run time: unknown
    subprocess.run([sys.executable, "-m", *args])
    subprocess.run([pip_path, "install", package])  # pip is not a literal
    os.system("echo pip install " + package)  # only mentions pip
    print("pip install " + package)  # not a command runner
    run(["pip", "install", package])  # a local helper, not subprocess


def shadowed(package):
    subprocess = Runner()
    subprocess.run(["pip", "install", package])  # a local object


def run(cmd):
    return cmd
