"""The machinery of the customer-service handbook: its Sphinx extensions and command line."""

__version__ = "0.1.0"
