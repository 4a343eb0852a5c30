# aigraph — two entry points on a fresh Debian machine with Python 3.11:
#   make run    create .venv, install, build output/ from graph/, print where outputs are
#   make test   install test dependencies (Debian packages too) and run the whole suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DEB_PACKAGES := raptor2-utils rasqal-utils chromium

.PHONY: run build install install-test deb test test-fast bench clean

run: install build

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

build: install
	$(PY) -m aigraph build
	@echo "Open output/graph.html, output/circular-financing.html or output/talent.html in a browser."

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e ".[test]"
	touch $@

# Debian tools the tests check our output against: rapper, roqet, headless Chromium.
deb:
	@missing=""; \
	command -v rapper >/dev/null || missing="$$missing raptor2-utils"; \
	command -v roqet >/dev/null || missing="$$missing rasqal-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

install-test: $(VENV)/.installed-test deb

test: install-test
	$(PY) -m pytest

test-fast: install-test
	$(PY) -m pytest -m "not slow and not browser and not server"

bench: install-test
	$(PY) bench/run.py --size 100k

clean:
	rm -rf $(VENV) .pytest_cache
