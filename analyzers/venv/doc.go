/*
Package venv defines an Analyzer for virtual environments: the import
search path, sys.prefix and installing packages.

# Analyzer venv

venv: anchors sys.path, sys.prefix and sys.base_prefix, the venv and site
modules, and reports code that runs pip install or edits sys.path at run
time.

A virtual environment gives a project its own interpreter and packages,
installed before the program runs from declared dependencies:

	sys.path.append(os.path.join(HERE, "..", "lib"))   # sys-path-mutation
	subprocess.check_call(
	    [sys.executable, "-m", "pip", "install", "pyyaml"])  # pip-install-at-runtime

Use instead: declare the dependencies in pyproject.toml, create the
environment with python -m venv .venv and install the project into it with
python -m pip install -e .
*/
package venv
