/*
Package threading defines an Analyzer for threads, thread pools and the GIL.

# Analyzer threading

threading: anchors threads, thread pools and locks, and reports a thread
target that is called instead of passed and pure-Python CPU-bound functions
run in threads, where the GIL lets only one of them run at a time.

A thread or pool needs the function itself; calling it runs it at once in
the caller:

	def work():
	    ...

	t = threading.Thread(target=work())  # thread-target-called: work runs now

Use instead: threading.Thread(target=work).

Threads take turns holding the GIL, so pure-Python number crunching gains
nothing from them:

	def crunch(n):
	    total = 0
	    for i in range(n):
	        total += i * i
	    return total

	with ThreadPoolExecutor() as ex:
	    list(ex.map(crunch, sizes))  # cpu-bound-thread

Use instead: ProcessPoolExecutor, NumPy, or a free-threaded build.
*/
package threading
