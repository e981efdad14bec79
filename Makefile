# presswork: build the publication with Sphinx (`sphinx-build -M`), and everything around it.
# `make html` and `make test` set themselves up: with no virtualenv active they create .venv
# and install presswork into it, pinned by constraints.txt.

SHELL        := /bin/bash
PYTHON       ?= python3
SPHINXOPTS   ?=
SOURCEDIR    := .
BUILDDIR     := _build
PYTEST_ARGS  ?=
DRAFTS       ?= $(PRESSWORK_DRAFTS)
STRICT       ?=
# STRICT=1: every presswork warning is an error and the build exits non-zero (for publishing).
PUBLISH      := $(if $(filter-out 0 false no,$(STRICT)),-D presswork_strict=1)

ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := .venv
endif
BIN   := $(VENV)/bin
STAMP := $(VENV)/.presswork-installed
SPHINXBUILD := $(BIN)/sphinx-build
GUIDE_STAMP := $(BUILDDIR)/html/guide/.presswork-guide-built
GUIDE_INPUTS := $(shell find docs src/presswork/site -type f -not -name '*.pyc' 2>/dev/null)
export PRESSWORK_DRAFTS := $(DRAFTS)

.PHONY: help html docs livehtml test lint check bench clean constraints setup system-deps latexpdf proof epub guide-pictures

help:
	@echo "make html       build the site into $(BUILDDIR)/html (DRAFTS=1 includes drafts)"
	@echo "                STRICT=1 (html, epub, latexpdf, proof, check): warnings fail the build"
	@echo "make docs       build the user guide into $(BUILDDIR)/docs/html"
	@echo "make livehtml   serve the site and rebuild it on every change"
	@echo "make test       run the test suite, ruff and mypy"
	@echo "make check      run every citation check; report in $(BUILDDIR)/check/report.html"
	@echo "make latexpdf   the book and one PDF per essay in $(BUILDDIR)/latex (LuaLaTeX)"
	@echo "make guide-pictures  the print pictures of the user guide, from the sample book"
	@echo "make proof      proofs for editors in $(BUILDDIR)/proof: line numbers, PROOF, version"
	@echo "                SINCE=<git revision>: mark what changed since that revision"
	@echo "make epub       the collection as an EPUB in $(BUILDDIR)/epub, checked by EPUBCheck"
	@echo "make bench      measure build time and page weight against collection size"
	@echo "make lint       ruff and mypy only"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "make setup      create .venv and install presswork (every target does this first)"
	@echo "make constraints  re-pin constraints.txt from the current environment"
	@echo "Other Sphinx builders: make $(SPHINX_BUILDERS)"

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "presswork needs Python 3.11 or newer (found: $$($(PYTHON) --version 2>&1))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	@$(BIN)/python -m compileall -q src/presswork  # even where PYTHONDONTWRITEBYTECODE is set
	@touch $@

html: $(STAMP) $(GUIDE_STAMP)
	$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)" $(PUBLISH) $(SPHINXOPTS)
	@echo "The site is in $(BUILDDIR)/html/index.html; the user guide in $(BUILDDIR)/html/guide/."

# The guide inside the site, built again only when the guide or what it is built with changed.
$(GUIDE_STAMP): $(STAMP) $(GUIDE_INPUTS)
	$(SPHINXBUILD) -b html docs "$(BUILDDIR)/html/guide" -d "$(BUILDDIR)/doctrees-guide" -q $(SPHINXOPTS)
	@touch $@

docs: $(STAMP)
	$(SPHINXBUILD) -M html docs "$(BUILDDIR)/docs" $(SPHINXOPTS)

livehtml: $(STAMP)
	$(BIN)/sphinx-autobuild "$(SOURCEDIR)" "$(BUILDDIR)/html" --watch src \
		--ignore "$(VENV)/*" --ignore "tests/*" --ignore "benchmarks/*" --ignore "docs/*" \
		--ignore "*/.*" $(SPHINXOPTS)

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

system-deps:
	@bash scripts/system-deps

latexpdf: $(STAMP) system-deps
	$(SPHINXBUILD) -M latex "$(SOURCEDIR)" "$(BUILDDIR)" $(PUBLISH) $(SPHINXOPTS)
	$(BIN)/presswork pdf "$(BUILDDIR)/latex"

guide-pictures: latexpdf
	$(BIN)/python scripts/guide_pictures.py "$(BUILDDIR)/latex" docs/images

epub: $(STAMP) system-deps
	$(SPHINXBUILD) -M epub "$(SOURCEDIR)" "$(BUILDDIR)" $(PUBLISH) $(SPHINXOPTS)
	$(BIN)/presswork epubcheck "$(BUILDDIR)/epub"

proof: $(STAMP) system-deps
	@$(if $(SINCE),$(BIN)/presswork revision -- '$(subst ','\'',$(SINCE))' "$(SOURCEDIR)",true)
	$(SPHINXBUILD) -b latex "$(SOURCEDIR)" "$(BUILDDIR)/proof" -d "$(BUILDDIR)/doctrees-proof" \
		-D presswork_proof=1 $(if $(SINCE),-D 'presswork_proof_since=$(subst ','\'',$(SINCE))') \
		$(PUBLISH) $(SPHINXOPTS)
	$(BIN)/presswork pdf "$(BUILDDIR)/proof"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

check: $(STAMP)
	$(SPHINXBUILD) -E -b check "$(SOURCEDIR)" "$(BUILDDIR)/check" -d "$(BUILDDIR)/doctrees-check" $(PUBLISH) $(SPHINXOPTS)

bench: $(STAMP)
	$(BIN)/python benchmarks/navigation.py
	$(BIN)/python benchmarks/taxonomy.py
	$(BIN)/python benchmarks/citations.py
	$(BIN)/python benchmarks/latex.py
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/wordpress.py
	$(BIN)/python benchmarks/peers.py

constraints:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^presswork' > constraints.txt

clean:
	rm -rf "$(BUILDDIR)"

# Other Sphinx builders, passed straight to `sphinx-build -M`.
SPHINX_BUILDERS := dirhtml singlehtml latex text man xml pseudoxml linkcheck
.PHONY: $(SPHINX_BUILDERS)
$(SPHINX_BUILDERS): $(STAMP)
	$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" $(SPHINXOPTS)
