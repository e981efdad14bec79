project = "CSL test"
extensions = ["presswork"]
exclude_patterns = ["_build"]
