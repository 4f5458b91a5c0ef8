import site
#      ^^^^ anchor: venv
import sys
import venv
#      ^^^^ anchor: venv
from venv import EnvBuilder

in_venv = sys.prefix != sys.base_prefix
#         ^^^^^^^^^^ anchor: venv
#                       ^^^^^^^^^^^^^^^ anchor: venv
exec_in_venv = sys.exec_prefix != sys.base_exec_prefix


def make(path):
    venv.create(path, with_pip=True)
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: venv
    builder = EnvBuilder(with_pip=True)
#             ^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: venv
    builder.create(path)
    site.addsitedir(path)
#   ^^^^^^^^^^^^^^^^^^^^^ anchor: venv
    return site.getsitepackages()
