project = "Citations test"
extensions = ["presswork"]
exclude_patterns = ["_build"]
