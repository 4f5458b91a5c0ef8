import numpy as np
#      ^^^^^^^^^^^ anchor: numpy
import numpy
import numpy.linalg as la
from numpy import zeros
#    ^^^^^ anchor: numpy

grid = np.zeros((3, 3))
#      ^^^^^^^^^^^^^^^^ anchor: numpy
row = zeros(5, dtype=int)
#     ^^^^^^^^^^^^^^^^^^^ anchor: numpy
roots = np.sqrt(grid)
#       ^^^^^^^^^^^^^ anchor: numpy
norm = la.norm(grid)
#      ^^^^^^^^^^^^^ anchor: numpy
total = numpy.sum(grid, axis=1)
#       ^^^^^^^^^^^^^^^^^^^^^^^ anchor: numpy
f = np.vectorize(lambda x: x + 1)
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: numpy
joined = np.concatenate([grid, grid])
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ anchor: numpy
rng = np.random.default_rng(0)
#     ^^^^^^^^^^^^^^^^^^^^^^^^ anchor: numpy
flat = np.reshape(grid, -1)
#      ^^^^^^^^^^^^^^^^^^^^ anchor: numpy
x = np.float32(1.5)
#   ^^^^^^^^^^^^^^^ anchor: numpy
buf = np.empty(n)
#     ^^^^^^^^^^^ anchor: numpy
table = np.array([[1, 2],
#       ^^^^^^^^ anchor: numpy
                  [3, 4]])
