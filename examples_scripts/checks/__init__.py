"""What each chapter's runs must show: one module per chapter, named after its notebook.

``checks/shared_memory.py`` holds the assertions about the scripts that
``notebooks/08_shared_memory.ipynb`` runs. The chapter's hidden check cells and its tests in
``tests/`` call the same functions, so an expected line is written down once.
"""
