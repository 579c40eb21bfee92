extensions = ["myst_parser", "handbook.sphinxext.interface"]
html_theme = "furo"
language = "ru"
locale_dirs = ["locale"]
