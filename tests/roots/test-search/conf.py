extensions = ["myst_parser", "handbook.search.extension"]
language = "et"
html_theme = "basic"
# docutils has no Estonian of its own ("Docutils-generated text will be in English")
suppress_warnings = ["docutils"]
