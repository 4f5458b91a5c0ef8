/*
Package gc defines an Analyzer for garbage collection: the gc module,
__del__ finalizers and weak references.

# Analyzer gc

gc: anchors gc and weakref use and __del__ finalizers, and reports __del__
methods, gc.disable() without a gc.enable() in finally, and gc.collect()
inside a loop.

CPython frees most objects by reference counting; the cyclic collector only
reclaims reference cycles, and each gc.collect() walks every tracked object:

	class TempDir:
	    def __del__(self):          # del-method: runs at an unpredictable time
	        shutil.rmtree(self.path)

	def build(records):
	    gc.disable()                # gc-disable: an exception leaves GC off
	    index = make(records)
	    gc.enable()
	    for r in records:
	        handle(r)
	        gc.collect()            # gc-collect-in-loop: full collection each time

Use instead: weakref.finalize or a context manager for cleanup; gc.disable()
followed by try/finally that calls gc.enable(); one gc.collect() after the
loop, if any.
*/
package gc
