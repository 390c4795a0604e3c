"""Companion scripts of the book. Each one runs on its own: ``python examples_scripts/NAME.py``.

The folder is also a package, so a notebook can import a worker function from it
(``from examples_scripts.pool_workers import square``) and a spawned child can find it again.
"""
