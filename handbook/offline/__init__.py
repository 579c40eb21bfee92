"""Take it along: every language as a PDF and an EPUB (``make offline``).

- ``names``     the files' stable names, from the handbook's title (ASCII slug)
- ``words``     interface words of a language, read from its ``handbook.po``
- ``sphinxext`` the Sphinx side: the epub builder's settings, the print stylesheet
- ``epub``      Sphinx's epub builder per language, repacked byte-reproducibly
- ``book``      one HTML book from the built pages, in table-of-contents order
- ``pdf``       that book through WeasyPrint with the book stylesheet
- ``links``     "PDF · EPUB" links on the published pages, only where the files exist
- ``build``     make offline: the HTML build, the copies, one atomic publication
- ``system``    the Debian packages the copies need, installed when missing
"""
