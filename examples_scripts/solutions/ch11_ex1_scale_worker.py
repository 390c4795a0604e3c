"""Solution to exercise ch11-ex1: a notebook function that reads a notebook setting, rescued.

Watch for: ``scale`` reads the module's ``FACTOR``. A notebook that sets the module's
``FACTOR`` to 10 after importing it changes it in the kernel only: a spawned worker imports the
module afresh and reads its default, 1. ``scale_by`` takes the setting as an argument, so the
value travels with each task (``functools.partial(scale_by, factor=10)``).
"""

FACTOR = 1  # the module's default: what a spawned worker sees, whatever the notebook set later


def scale(x):
    return x * FACTOR


def scale_by(x, factor):
    return x * factor
