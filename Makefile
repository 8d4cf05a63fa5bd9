# `make run`: set everything up and start techscreen. `make test`: set up and run every test.
# Each step is idempotent and quick when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test setup venv docker sandbox system-packages clean

run: setup
	$(BIN)/techscreen problem list
	$(BIN)/techscreen sandbox doctor
	@echo
	@echo "techscreen is ready: $(BIN)/techscreen judge cosine-similarity solution.py --json"

test: setup
	$(BIN)/ruff check .
	$(BIN)/pytest -n 2 --dist loadgroup

setup: venv docker sandbox

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

system-packages:
	scripts/ensure-debian-packages.sh debootstrap

docker:
	scripts/ensure-docker.sh

sandbox: venv docker system-packages
	$(BIN)/techscreen sandbox build

clean:
	rm -rf $(VENV) build *.egg-info
