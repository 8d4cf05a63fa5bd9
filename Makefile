# `make run`: set everything up and start techscreen. `make test`: set up and run every test.
# Each step is idempotent and quick when nothing changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test cluster setup venv docker sandbox system-packages browser services editor clean

run: setup
	$(BIN)/techscreen problem list
	$(BIN)/techscreen sandbox doctor
	@echo
	TECHSCREEN_PUBLIC_URL=http://$(HOST):$(PORT) $(BIN)/techscreen demo
	@echo "serving techscreen; Ctrl-C stops it"
	TECHSCREEN_PUBLIC_URL=http://$(HOST):$(PORT) $(BIN)/techscreen serve --host $(HOST) --port $(PORT)

# A cluster on this machine for a try-out: Redis, PostgreSQL, 2 web processes and 2 judge workers (docs/deployment.md).
cluster: setup services
	$(BIN)/techscreen cluster --host $(HOST) --port $(PORT) --web-processes 2 --workers 2

test: setup browser services
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

# Debian's Chromium for the end-to-end tests (Playwright drives it by executable_path).
browser:
	scripts/ensure-debian-packages.sh chromium

docker:
	scripts/ensure-docker.sh

# PostgreSQL and Redis on loopback, for the tests (the web tests run on SQLite and PostgreSQL); `make run` needs neither.
services:
	scripts/ensure-postgres.sh
	scripts/ensure-redis.sh

sandbox: venv docker system-packages
	$(BIN)/techscreen sandbox build

# The candidate's editor bundle, web/static/editor.bundle.js (committed, so `make run` needs no node): after changing
# web/editor, rebuild it from scratch (npm ci of the locked versions, then esbuild) and commit the output.
editor:
	rm -rf web/editor/node_modules
	scripts/build-editor.sh

clean:
	rm -rf $(VENV) build *.egg-info
