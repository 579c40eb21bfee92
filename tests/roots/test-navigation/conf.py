extensions = ["myst_parser", "handbook.patches.navigation"]
html_theme = "furo"
language = "en"
exclude_patterns = ["_build"]
