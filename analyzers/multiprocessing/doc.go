/*
Package multiprocessing defines an Analyzer for processes and process pools.

# Analyzer multiprocessing

multiprocessing: anchors processes, process pools, queues, managers and
`if __name__ == "__main__":` guards, and reports processes or pools created
at module level outside the main guard.

With the spawn start method (the default on Windows and macOS) each child
re-imports the main module, so top-level code that starts processes runs
again in every child:

	from multiprocessing import Pool

	with Pool(4) as pool:  # multiprocessing-main-guard
	    print(pool.map(square, range(10)))

Use instead: move the code into a function called under
`if __name__ == "__main__":`.
*/
package multiprocessing
