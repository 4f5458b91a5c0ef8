/*
Package copying defines an Analyzer for shallow copies, deep copies and the
shared-reference pitfalls around them.

# Analyzer copying

copying: anchors shallow and deep copies (copy.copy, copy.deepcopy, x.copy(),
x[:], list(x)) and reports lists built by multiplying a mutable element,
mutable default arguments, and nested objects mutated through a shallow copy.

Copying a container copies references to its elements, never the elements:

	grid = [[0] * 3] * 3           # list-multiplication-aliasing: 3 references to one row

	def add(tag, tags=[]):         # mutable-default-argument: one list shared by every call
	    tags.append(tag)

	def with_role(user):
	    updated = user.copy()
	    updated["roles"].append("x")   # shallow-copy-nested-mutation: changes user["roles"] too

Use instead:

	grid = [[0] * 3 for _ in range(3)]

	def add(tag, tags=None):
	    if tags is None:
	        tags = []
	    tags.append(tag)

	def with_role(user):
	    updated = user.copy()
	    updated["roles"] = [*user["roles"], "x"]
*/
package copying
