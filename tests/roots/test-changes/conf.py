project = "Changes test"
author = "Test Editors"
release = "1.0"
extensions = ["presswork"]
exclude_patterns = ["_build"]
presswork_paper = "a5"
presswork_margins = "margin=18mm"
html_theme = "sphinx_book_theme"
presswork_running_order = ["essays/founts", "essays/presses", "essays/bindings"]
# The proof's own notes stay out of the way of its change marks in these tests.
presswork_citation_checks = {"cite.needed": "off"}
