extensions = ["myst_parser", "handbook.sphinxext.navigation"]
html_theme = "furo"
language = "en"
exclude_patterns = ["_build"]
