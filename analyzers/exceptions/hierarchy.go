package exceptions

// This file defines the built-in exception hierarchy that except-order
// follows (https://docs.python.org/3/library/exceptions.html#exception-hierarchy).

// builtinBases maps each built-in exception class to its direct base
// classes. ExceptionGroup is the only one with two.
var builtinBases = map[string][]string{
	"BaseException":      nil,
	"BaseExceptionGroup": {"BaseException"},
	"GeneratorExit":      {"BaseException"},
	"KeyboardInterrupt":  {"BaseException"},
	"SystemExit":         {"BaseException"},
	"Exception":          {"BaseException"},

	"ArithmeticError":    {"Exception"},
	"FloatingPointError": {"ArithmeticError"},
	"OverflowError":      {"ArithmeticError"},
	"ZeroDivisionError":  {"ArithmeticError"},

	"AssertionError": {"Exception"},
	"AttributeError": {"Exception"},
	"BufferError":    {"Exception"},
	"EOFError":       {"Exception"},
	"ExceptionGroup": {"BaseExceptionGroup", "Exception"},

	"ImportError":         {"Exception"},
	"ModuleNotFoundError": {"ImportError"},

	"LookupError": {"Exception"},
	"IndexError":  {"LookupError"},
	"KeyError":    {"LookupError"},

	"MemoryError":       {"Exception"},
	"NameError":         {"Exception"},
	"UnboundLocalError": {"NameError"},

	"OSError":                {"Exception"},
	"BlockingIOError":        {"OSError"},
	"ChildProcessError":      {"OSError"},
	"ConnectionError":        {"OSError"},
	"BrokenPipeError":        {"ConnectionError"},
	"ConnectionAbortedError": {"ConnectionError"},
	"ConnectionRefusedError": {"ConnectionError"},
	"ConnectionResetError":   {"ConnectionError"},
	"FileExistsError":        {"OSError"},
	"FileNotFoundError":      {"OSError"},
	"InterruptedError":       {"OSError"},
	"IsADirectoryError":      {"OSError"},
	"NotADirectoryError":     {"OSError"},
	"PermissionError":        {"OSError"},
	"ProcessLookupError":     {"OSError"},
	"TimeoutError":           {"OSError"},

	"ReferenceError":          {"Exception"},
	"RuntimeError":            {"Exception"},
	"NotImplementedError":     {"RuntimeError"},
	"PythonFinalizationError": {"RuntimeError"},
	"RecursionError":          {"RuntimeError"},
	"StopAsyncIteration":      {"Exception"},
	"StopIteration":           {"Exception"},

	"SyntaxError":      {"Exception"},
	"IndentationError": {"SyntaxError"},
	"TabError":         {"IndentationError"},

	"SystemError": {"Exception"},
	"TypeError":   {"Exception"},

	"ValueError":            {"Exception"},
	"UnicodeError":          {"ValueError"},
	"UnicodeDecodeError":    {"UnicodeError"},
	"UnicodeEncodeError":    {"UnicodeError"},
	"UnicodeTranslateError": {"UnicodeError"},

	"Warning":                   {"Exception"},
	"BytesWarning":              {"Warning"},
	"DeprecationWarning":        {"Warning"},
	"EncodingWarning":           {"Warning"},
	"FutureWarning":             {"Warning"},
	"ImportWarning":             {"Warning"},
	"PendingDeprecationWarning": {"Warning"},
	"ResourceWarning":           {"Warning"},
	"RuntimeWarning":            {"Warning"},
	"SyntaxWarning":             {"Warning"},
	"UnicodeWarning":            {"Warning"},
	"UserWarning":               {"Warning"},
}

// builtinAliases are built-in names bound to another built-in class.
var builtinAliases = map[string]string{
	"IOError":          "OSError",
	"EnvironmentError": "OSError",
}

// builtinClass returns the canonical built-in exception class for a
// built-in name ("IOError" → "OSError"), or "".
func builtinClass(name string) string {
	if a, ok := builtinAliases[name]; ok {
		return a
	}
	if _, ok := builtinBases[name]; ok {
		return name
	}
	return ""
}

// isSubclass reports whether built-in class sub is base or derives from it.
// The table is fixed and shallow; the walk uses a stack all the same, as
// every walk in pyhint does.
func isSubclass(sub, base string) bool {
	stack := []string{sub}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c == base {
			return true
		}
		stack = append(stack, builtinBases[c]...)
	}
	return false
}
