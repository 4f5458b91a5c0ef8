/*
Package decorators defines an Analyzer for decorators and the functions that
implement them.

# Analyzer decorators

decorators: anchors every decorator and every decorator definition, and
reports wrappers that lose the wrapped function's metadata and lru_cache or
cache on instance methods.

A decorator replaces the function below it with whatever it returns:

	def timed(func):
	    def wrapper(*args, **kwargs):     # wrapper-without-wraps: timed(f).__name__ == "wrapper"
	        return func(*args, **kwargs)
	    return wrapper

	class Report:
	    @functools.lru_cache              # lru-cache-on-method: the cache keeps every Report alive
	    def total(self): ...

Use instead:

	def timed(func):
	    @functools.wraps(func)
	    def wrapper(*args, **kwargs):
	        return func(*args, **kwargs)
	    return wrapper

	class Report:
	    @functools.cached_property
	    def total(self): ...
*/
package decorators
