project = "Plain & <Simple>"
author = "Test editors"
extensions = ["presswork"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
presswork_site_url = "https://example.org/press/"
