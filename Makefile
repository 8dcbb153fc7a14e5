# Two commands on a fresh machine with python3, pip and make: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: setup demo test bench clean

setup: $(STAMP)

# Re-install whenever the dependency pins change.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[model,test]"
	touch $(STAMP)

demo: setup
	$(BIN)/leadscout demo

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) leadscout-demo.db* leads.csv build *.egg-info
