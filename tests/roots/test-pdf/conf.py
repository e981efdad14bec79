project = "PDF test"
author = "Test Editors"
release = "1.0"
extensions = ["presswork"]
exclude_patterns = ["_build"]
presswork_paper = "a5"
presswork_margins = "margin=18mm"
myst_enable_extensions = ["colon_fence"]
html_theme = "sphinx_book_theme"
