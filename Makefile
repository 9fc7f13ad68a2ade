# echoscope: `make demo` sets up and analyses the bundled examples; `make test` sets up
# and runs the whole test suite. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean browser fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/echoscope analyze examples --db echoscope.duckdb
	$(BIN)/echoscope stats --db echoscope.duckdb

# The browser tests drive Debian's chromium (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends chromium \
	    || { apt-get update && apt-get install -y --no-install-recommends chromium; }; \
	  else sudo apt-get install -y --no-install-recommends chromium; fi; }

# Two test processes on two cores: each runs BLAS, OpenMP and torch on one thread (pools of
# every core in each oversubscribe the machine; `echoscope eval ptc` took 2-3x the CPU).
test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 ECHOSCOPE_REQUIRE_BROWSER=1 \
	  $(BIN)/python -m pytest -n 2 --dist loadfile

# Long fuzzing: thousands of random cases per property (FUZZ_EXAMPLES, default 2000)
# through the full profile, then the hostile-input corpus. Writes artifacts/fuzz.json.
fuzz: $(STAMP)
	ECHOSCOPE_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} ECHOSCOPE_FUZZ_PROFILE=full \
	  ECHOSCOPE_FUZZ_RANDOM=1 ECHOSCOPE_GROWTH_BASE=16000 $(BIN)/python -m pytest -p no:cacheprovider -o timeout=3600 \
	  tests/test_fuzz.py tests/readers/test_hostile_inputs.py tests/test_robustness.py \
	  tests/test_growth.py
	cat artifacts/fuzz.json

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) echoscope.duckdb .pytest_cache artifacts
