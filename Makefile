# Two set-up commands (see README): `make demo` and `make test`. Both create .venv when missing and
# reinstall only when pyproject.toml changed (the stamp file below).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
QUIET_PIP := { grep -v '^WARNING: Location' || true; }

.PHONY: demo test lint typecheck contracts unit bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | $(QUIET_PIP)
	$(BIN)/python -c "import fluxion_desktop, sqlalchemy, PySide6"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/fluxion-pos demo

test: $(STAMP) lint typecheck contracts unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

# The suite on PYTEST_WORKERS processes (pytest-xdist), a test module per process at a time (its
# module fixtures stay in one place): the machines have 2 cores, and most tests wait on the disk,
# a subprocess or a server. `make unit PYTEST_WORKERS=0` runs it in this process.
PYTEST_WORKERS ?= 2

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
		-n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis

# The till as one folder, dist/fluxion-pos (see packaging/fluxion-pos.spec); build/pyinstaller is
# kept between runs so a rebuild reuses PyInstaller's analysis.
.PHONY: package
package: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/fluxion-pos.spec
