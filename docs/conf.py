"""Sphinx configuration of the presswork user guide (its own project, apart from the essays)."""

from presswork import __version__

project = "presswork user guide"
author = "The presswork team"
copyright = "2026, the presswork team"
version = release = __version__
language = "en"

extensions = ["myst_parser", "presswork.site"]
myst_enable_extensions = ["colon_fence", "deflist"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_title = "presswork user guide"
# `make html` publishes the guide in the site's guide/ folder; its 404 page links from there.
notfound_urls_prefix = "/guide/"
