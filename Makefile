# Hendazh Desktop: `make run` and `make test` do all the set-up from a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The locks (exact versions and PyPI's hashes, for every platform): `make lock` regenerates them
# from pyproject.toml, keeping today's pins; `make lock LOCK_ARGS=--upgrade` takes new releases.
LOCK := requirements/dev.txt
DIST_LOCK := requirements/dist.txt
COMPILE = $(VENV)/bin/uv pip compile --quiet --no-config --universal --python-version 3.11 \
	--default-index https://pypi.org/simple --generate-hashes --custom-compile-command 'make lock'

.PHONY: run test lint typecheck layers forms bench demo dist lock clean

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock: $(STAMP)
	$(COMPILE) $(LOCK_ARGS) --extra dev pyproject.toml requirements/build.in -o $(LOCK)
	$(COMPILE) $(LOCK_ARGS) --extra dist pyproject.toml -c $(LOCK) -o $(DIST_LOCK)

run: $(STAMP)
	$(VENV)/bin/hendazh $(ARGS)

forms: $(STAMP)
	$(PY) -m hendazh_desktop.ui.forms.build

lint: $(STAMP)
	$(VENV)/bin/ruff check hendazh_desktop tests bench
	$(PY) -m hendazh_desktop.ui.forms.build --check

typecheck: $(STAMP)
	$(VENV)/bin/mypy

layers: $(STAMP)
	$(VENV)/bin/lint-imports

# The suite runs on every core (pytest-xdist); TEST_WORKERS=0 runs it in one process. It prints
# its 25 slowest set-ups and tests (TEST_DURATIONS=0 lists them all) for the next speed-up.
# Work stealing: each worker starts on its half of the suite in file order (a module's shared
# set-up is made once), and an idle worker takes over half of the other's queue at the end.
TEST_WORKERS ?= auto
TEST_DURATIONS ?= 25
test: $(STAMP) lint layers typecheck
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -n $(TEST_WORKERS) --dist worksteal \
		--durations=$(TEST_DURATIONS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run $(BENCH_ARGS)

demo: $(STAMP)
	$(VENV)/bin/hendazh demo-data --subscribers 2000 $(ARGS)

dist: $(STAMP)
	$(PY) -m pip install --quiet --require-hashes -r $(DIST_LOCK)
	$(VENV)/bin/pyinstaller --noconfirm hendazh.spec

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
