project = "Trim test"
author = "Trim Editors"
extensions = ["presswork"]
exclude_patterns = ["_build"]
