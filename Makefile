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
	$(BIN)/python -m pip install --quiet -e ".[model,test,tech]"
	touch $(STAMP)

demo: setup
	$(BIN)/leadscout demo

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every benchmark, each printing ratios against a baseline measured in the same run; one at a time:
# `.venv/bin/python bench/<name>.py --help`. The bench extra brings the baselines (recordlinkage, builtwith).
BENCHES := crawl extraction bench_validate bench_link bench_export bench_sitefacts bench_revalidate bench_scaleout

bench: setup
	$(BIN)/python -m pip install --quiet -e ".[model,test,tech,bench]"
	for name in $(BENCHES); do echo "== bench/$$name.py"; $(BIN)/python bench/$$name.py || exit 1; done

clean:
	rm -rf $(VENV) leadscout-demo.db* leads.csv build *.egg-info
