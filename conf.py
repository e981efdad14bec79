"""Sphinx configuration of the sample collection published with presswork."""

project = "Solidarity Across Borders"
author = "The presswork editors"
copyright = "2024–2026, the authors"
release = version = "2026.11"
language = "en"

extensions = ["presswork"]

# The project root is the source folder: everything that is not the publication stays out.
exclude_patterns = [
    ".*",
    "**/.*",
    "venv",
    "_build",
    "src",
    "tests",
    "benchmarks",
    "docs",
    "README.md",
    "**/.ipynb_checkpoints",
]
source_suffix = {".md": "markdown"}
templates_path = ["_templates"]
html_static_path = ["_static"]

myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]

html_theme = "sphinx_book_theme"
html_title = project
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
}
presswork_sidebar_links = [("User guide", "guide/index.html")]
# Where the site is published (a reserved example address: put the site's own here). Feeds, the
# sitemap, canonical addresses and social cards are made from it.
presswork_site_url = "https://solidarity.example/"

# The book: 6 × 9 in, the most common trim of print on demand.
presswork_paper = "6x9in"
