# make run  : create .venv, install docpipe, run the pipeline on samples/ -> outputs/
# make test : create .venv if needed, install with test extras, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
# The embedded Prefect server gets 20 s to start by default; on a loaded 2-core machine `docpipe
# run` was seen to give up before it answered (measured ~50 s at load average 8).
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120

.PHONY: run test bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# the venv's bundled pip 23.2 resolver breaks on some extras: upgrade it first
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed-test
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

# The flow writes the HTML report of each run next to the dataset (outputs/_reports/).
run: $(VENV)/.installed
	$(BIN)/docpipe run samples --out outputs
	@test -s outputs/_reports/latest.html && echo "report: $(CURDIR)/outputs/_reports/latest.html"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

# The README's benchmark tables (each script prints its table). Flow, Dask and memory
# benchmarks generate thousands of pages and take minutes: run them by hand
# (benchmarks/bench_flow.py, bench_dask.py, bench_memory.py).
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_extract.py --repeat 3
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_export.py
	$(BIN)/python benchmarks/bench_fetch.py

clean:
	rm -rf $(VENV) .prefect outputs/*/
