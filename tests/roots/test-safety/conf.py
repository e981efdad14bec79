project = "Safety test"
author = "Test Editors"
copyright = "2026, Test Editors"
extensions = ["presswork"]
exclude_patterns = ["_build", "essays/parts"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
html_theme = "sphinx_book_theme"
