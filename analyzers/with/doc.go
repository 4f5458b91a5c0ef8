/*
Package with defines an Analyzer for the with statement and context managers.

# Analyzer with

with: anchors with statements, __enter__/__exit__ methods and @contextmanager
generators, and reports files and locks that are not released on every path,
context manager generators whose cleanup an exception skips, and __exit__
methods that swallow every exception.

Cleanup written on the normal path only is skipped when something raises:

	def read_config(path):
	    f = open(path)           # open-without-with: f.close() is skipped on an exception
	    text = f.read()
	    f.close()
	    return text

	def add(item):
	    lock.acquire()           # lock-without-with: a raise leaves the lock held
	    items.append(item)
	    lock.release()

	@contextmanager
	def cd(path):
	    old = os.getcwd()
	    os.chdir(path)
	    yield                    # contextmanager-without-finally
	    os.chdir(old)

	class Quiet:
	    def __exit__(self, *exc):
	        return True          # exit-suppresses-all

Use instead: with open(path) as f:, with lock:, try: yield / finally:, and
an __exit__ that returns nothing (or a test of the exception type).
*/
package with
