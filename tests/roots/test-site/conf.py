project = "Site test"
author = "Site Editors"
extensions = ["presswork"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
presswork_site_url = "https://press.example/site"
