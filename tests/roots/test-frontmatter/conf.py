extensions = ["presswork"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["substitution"]
