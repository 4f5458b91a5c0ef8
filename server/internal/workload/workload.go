// Package workload makes synthetic Python sources for benchmarks.
package workload

import (
	"fmt"
	"strings"
)

// PythonFile returns about lines lines of ordinary Python: imports, module
// state, classes with methods, functions with loops, comprehensions,
// try/except, with statements and a few globals. Its first line is
// "global g0", a finding that benchmarks toggle with a one-character edit
// (g → #) to make each version's diagnostics differ.
func PythonFile(lines int) string {
	var b strings.Builder
	b.WriteString("global g0\nimport os\nimport sys\nimport threading\nfrom collections import defaultdict\n\ng0 = 0\ncounter = 0\n\n")
	n := 9
	for i := 0; n < lines; i++ {
		block := fmt.Sprintf(`
class Record%[1]d:
    """A record with a few fields."""

    def __init__(self, name, values=None):
        self.name = name
        self.values = values if values is not None else []

    def total(self):
        return sum(v * 2 for v in self.values if v > 0)

    def __repr__(self):
        return f"Record%[1]d({self.name!r}, {len(self.values)} values)"


def process_%[1]d(path, limit=10):
    global counter
    counter += 1
    seen = defaultdict(list)
    try:
        with open(path) as f:
            for lineno, line in enumerate(f):
                if lineno > limit:
                    break
                key, _, value = line.partition("=")
                seen[key.strip()].append(value.strip())
    except OSError as err:
        print("cannot read", path, err, file=sys.stderr)
        return {}
    squares = [x * x for x in range(limit) if x %% 2 == 0]
    return {k: (v, squares) for k, v in seen.items()}


def worker_%[1]d(items):
    lock = threading.Lock()
    with lock:
        result = [Record%[1]d(str(i), [i, i + 1]) for i in items]
    return os.path.join("out", str(len(result)))
`, i)
		b.WriteString(block)
		n += strings.Count(block, "\n")
	}
	return b.String()
}
