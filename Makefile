# boardapp — every setup step lives here so a fresh machine needs only `make run` / `make test`.
# PYTHON must be 3.11–3.13 (pyproject pins PySide6 per Python so the 6.12/3.11 None crash cannot happen).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test installer installer-smoke bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installer-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/boardapp $(ARGS)

test: $(VENV)/.test-installed
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

installer: $(VENV)/.installer-installed
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller build_installer.spec

# The bundle's own programs: the console one builds and checks a workspace, the windowed one smoke-runs on it.
installer-smoke: installer
	rm -f build/smoke.db build/smoke.db-wal build/smoke.db-shm
	dist/boardapp/boardapp-cli demo --db build/smoke.db --force
	dist/boardapp/boardapp-cli check --db build/smoke.db
	dist/boardapp/boardapp-cli pack --db build/smoke.db --out build/smoke-pack.pdf
	find dist/boardapp -name '_rl_accel*' | grep -q . || { echo "reportlab's accelerator is missing from the bundle"; exit 1; }
	QT_QPA_PLATFORM=offscreen dist/boardapp/boardapp --db build/smoke.db --smoke

bench: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/run_all.py

clean:
	rm -rf build dist $(VENV) .pytest_cache
