"""A tiny project for the link check (tests/test_links.py). Unlike the handbook's conf.py:
a short timeout, so that the test's slow server is slower than it, and one try per link."""

import re
from pathlib import Path

extensions = ["myst_parser"]
language = "ru"
locale_dirs = [str(Path(__file__).parent / "locale")]
gettext_compact = False

linkcheck_timeout = 3  # generous for a loaded machine, still far below the slow server
linkcheck_retries = 1
linkcheck_ignore = [re.escape("https://handbook.invalid/")]
