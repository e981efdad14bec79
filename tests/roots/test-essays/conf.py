extensions = ["presswork"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
