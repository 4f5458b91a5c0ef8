/*
Package numpy defines an Analyzer for NumPy arrays.

# Analyzer numpy

numpy: anchors numpy imports and calls, and reports Python loops that index
a NumPy array element by element and arrays grown with np.append or
np.concatenate inside a loop.

NumPy is fast because whole-array operations run as compiled loops over one
contiguous block of typed memory; Python-level loops and repeated copies
throw that away:

	def normalise(values):
	    data = np.asarray(values, dtype=float)
	    out = np.empty(0)
	    for i in range(len(data)):          # numpy-python-loop
	        out = np.append(out, data[i] / data.max())   # numpy-append-in-loop
	    return out

Use instead: a whole-array expression, `data / data.max()`; or collect the
pieces in a list and convert once, or preallocate with np.empty.
*/
package numpy
