extensions = ["myst_parser", "handbook.sphinxext.sources"]
myst_enable_extensions = ["colon_fence"]
language = "en"
