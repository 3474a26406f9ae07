# Two commands do everything on a fresh machine with Python >= 3.11:
#   make lab    set up .venv and open JupyterLab on notebooks/00_start_here.ipynb
#   make test   set up .venv and run every test (unit, property, doctest, nbval)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.glutemed-installed

.PHONY: setup setup-opensim lab test notebooks figures clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("glutemed needs Python >= 3.11") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# optional (about 280 MB): lets tests/test_opensim_crosscheck.py run instead of skipping
setup-opensim: setup
	$(BIN)/python -m pip install --quiet -r requirements-opensim.txt

lab: setup
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: setup
	$(BIN)/python -m pytest

# re-execute every notebook in place from a clean kernel, then normalise it
notebooks: setup
	$(BIN)/python tools/execute_notebooks.py notebooks/*.ipynb

# write each notebook's key static figures into figures/ (byte-identical on re-run)
figures: setup
	$(BIN)/glutemed-figures figures

clean:
	rm -rf $(VENV) build dist src/*.egg-info
