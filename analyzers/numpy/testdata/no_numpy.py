# No numpy import: the analyzer does not run, even on numpy-looking code.


class FakeNumpy:
    def zeros(self, n):
        return [0] * n

    def append(self, arr, x):
        return arr + [x]


np = FakeNumpy()


def loop(n):
    a = np.zeros(n)
    for i in range(len(a)):
        a[i] = a[i] * 2
    for i in range(n):
        a = np.append(a, i)
    return a
