/*
Package global defines an Analyzer for the global and nonlocal statements.

# Analyzer global

global: anchors global and nonlocal statements and reports functions that
rebind module state through global, global declarations that do nothing, and
global at module level.

A global statement is only needed when a function assigns to a module-level
name; reading or mutating the object needs none:

	counter = 0

	def bump():
	    global counter   # global-statement: rebinds module state
	    counter += 1

	def show():
	    global counter   # global-unused: show never assigns counter
	    print(counter)

Use instead: pass the value in and return the new one, or keep the state in
an object.
*/
package global
