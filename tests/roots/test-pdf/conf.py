project = "PDF test"
author = "Test Editors"
release = "1.0"
extensions = ["presswork"]
exclude_patterns = ["_build"]
presswork_paper = "a5"
presswork_margins = "margin=18mm"
myst_enable_extensions = ["colon_fence"]
html_theme = "sphinx_book_theme"
presswork_subtitle = "Scripts, Characters and Other Trials"
presswork_publisher = "Test Press"
presswork_publisher_place = "Leeds"
presswork_licence = "Licensed under Creative Commons Attribution 4.0 (CC BY 4.0)."
presswork_edition = "First edition, 2026"
presswork_year = "2026"
presswork_isbns = {"epub": "978-3-16-148410-0", "paperback": "9780306406157"}
presswork_running_order = [
    ("Part I: Characters", ["essays/special"]),
    ("Part II: Scripts", ["essays/scripts"]),
]
presswork_contributors = "contributors.yml"
