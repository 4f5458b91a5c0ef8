# Nothing is reported where a syntax error makes the facts unreliable.
def add(tag, tags=[]):
    tags.append(tag
    grid = [[]] * 3
