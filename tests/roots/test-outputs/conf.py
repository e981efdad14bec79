project = "Outputs test"
author = "Test Editors"
copyright = "2024, Test Editors"
release = "1.0"
extensions = ["presswork"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
