/*
Package generators defines an Analyzer for generators and yield.

# Analyzer generators

generators: anchors yield and yield from, generator expressions and generator
functions, and reports list comprehensions passed to sum, any, all, min or
max where a generator expression does.

A list comprehension builds the whole list before the function reads the
first element:

	total = sum([o.amount for o in orders])      # list-comprehension-in-call
	has_admin = any([u.is_admin for u in users])  # builds every element first

Use instead: a generator expression, which feeds one element at a time and
lets any() and all() stop early:

	total = sum(o.amount for o in orders)
	has_admin = any(u.is_admin for u in users)
*/
package generators
