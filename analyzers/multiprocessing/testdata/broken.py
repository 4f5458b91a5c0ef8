# Nothing is reported where a syntax error makes the facts unreliable.
from multiprocessing import Pool

pool = Pool(4
def f(:
