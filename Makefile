# Two commands do everything on a fresh machine with Python >= 3.11:
#   make lab    set up .venv and open JupyterLab on notebooks/00_start_here.ipynb
#   make test   set up .venv and run every test (unit, property, doctest, nbval)
#   make site   the static HTML site of the notebooks in build/site (offline)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.glutemed-installed

NB     ?=
# JupyterLab and Voila refuse to run as root unless told; a normal user never needs this
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup setup-opensim lab test notebooks figures bench present site clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("glutemed needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# optional (about 280 MB): lets tests/test_opensim_crosscheck.py run instead of skipping
setup-opensim: setup
	$(BIN)/python -m pip install --quiet -r requirements-opensim.txt

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: setup
	$(BIN)/python -m pytest

# re-execute every notebook in place from a clean kernel, then normalise it
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

# write each notebook's key static figures into figures/ (byte-identical on re-run)
figures: setup
	$(BIN)/glutemed-figures figures

# widget latency (in place vs clear-and-replot), notebook run times, import time; not part of make test
bench: setup
	$(BIN)/python benchmarks/widget_latency.py

# one widget notebook as a clean app for projection (code hidden), on 127.0.0.1:8866
#   make present NB=02   (default: the newest notebook with a widget panel)
present: setup
	$(BIN)/python tools/present.py $(NB)

# a static HTML site of every notebook (stored outputs, panel snapshots), the glossary, the
# teaching pages and the figures, with navigation and a print stylesheet; offline, into build/site
site: setup
	$(BIN)/python tools/build_site.py build/site

clean:
	rm -rf $(VENV) build dist src/*.egg-info
