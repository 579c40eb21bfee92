extensions = ["myst_parser", "handbook.sphinxext.stories"]
language = "en"
