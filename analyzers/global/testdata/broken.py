# Nothing is reported where a syntax error makes the facts unreliable:
# here tree-sitter's recovery leaves `z = [` unparsed, so z looks unassigned.
x = (
def f():
    global z
    z = [
