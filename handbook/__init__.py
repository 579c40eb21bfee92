"""The machinery of the customer-service handbook: its Sphinx extensions and command line."""

__version__ = "0.2.0"


def extension_metadata() -> dict:
    """What each of the package's Sphinx extensions returns from ``setup()``: the package's
    version (Sphinx records it with the environment) and that it is parallel-safe."""
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
