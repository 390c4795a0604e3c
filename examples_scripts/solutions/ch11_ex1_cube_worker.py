"""Solution to exercise ch11-ex1: the notebook's function, moved into a module.

Watch for: nothing here but the function. A spawned worker imports this module by name and
finds ``cube`` in it, which it could never do with a function defined in a notebook cell.
"""


def cube(x):
    return x**3
