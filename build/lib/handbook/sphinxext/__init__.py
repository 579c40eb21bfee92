"""Sphinx extensions of the handbook, each with its own ``setup(app)``."""
