extensions = ["presswork"]
exclude_patterns = ["_build"]
project = "Sources"
