from pathlib import Path

extensions = ["myst_parser"]
language = "ru"
locale_dirs = [str(Path(__file__).parent / "locale")]  # absolute, as in the handbook
gettext_compact = False
html_theme = "basic"
