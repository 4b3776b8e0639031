"""Build tools that live beside the reader library (``loaded_dice``) and are never installed with it.

``tools.homework`` builds and grades the otter-grader homework (``make homework``, ``make grade``).
Run them from the repository root, in the homework environment, as ``python -m tools.homework``.
"""
