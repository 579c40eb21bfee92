"""The translation catalogs: where they live (``layout``), their one canonical form
(``form``; ``reformat`` is ``make po-format``), refreshing them from the Russian sources
(``update``, ``make update-po``) and counting them (``stats``, ``make stats``, the status
page and the translation notices)."""
