# The two commands a newcomer needs: `make run` and `make test`.
# Both bootstrap .venv from the pinned requirements.lock, compile the message catalogs, then run.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PO     := $(wildcard locales/*/LC_MESSAGES/kiosk.po)
MO     := $(PO:.po=.mo)
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint catalogs extract lock bench clean package conformance-deps

run: system-deps $(STAMP) catalogs
	$(BIN)/kiosk $(ARGS)

# GUI tests run on a real X server (Xvfb, started by pytest-xvfb) through Qt's xcb plugin.
# The package is built first, once: tests/packaging/ installs and starts that very .deb.
test: system-deps $(STAMP) catalogs lint package conformance-deps
	QT_QPA_PLATFORM=xcb $(BIN)/python -m pytest $(PYTEST_ARGS) || bash tools/last-words.sh $$?

lint: $(STAMP)
	$(BIN)/ruff check kiosk tests bench tools packaging
	$(BIN)/ruff format --check kiosk tests bench tools packaging
	$(BIN)/lint-imports

# The design systems the guide's conformance suite builds its sites from (tests/conformance/),
# installed once from the pinned package-lock.json into .cache/npm (git-ignored).
NPM_CACHE := .cache/npm
conformance-deps: $(NPM_CACHE)/.installed
$(NPM_CACHE)/.installed: tests/conformance/package.json tests/conformance/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for tests/conformance (Debian: apt-get install npm)"; exit 1; }
	mkdir -p $(NPM_CACHE)
	cp tests/conformance/package.json tests/conformance/package-lock.json $(NPM_CACHE)/
	cd $(NPM_CACHE) && npm ci --ignore-scripts --no-audit --no-fund --silent
	@touch $@

# Debian packages no wheel ships: the libraries Qt's platform plugins, QtWebEngine and
# QtMultimedia link (found with ldd, not guessed), Xvfb and xdotool for the tests.
.PHONY: system-deps
system-deps: $(STAMP)
	@bash tools/system-deps.sh $(BIN)/python

# A venv is made once; packages are reinstalled only when the pins change.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV): install Python 3.11+ with venv (Debian: apt-get install python3-venv)"; exit 1; }
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	@touch $@

catalogs: $(MO)

# The installable kiosk: a one-folder PyInstaller bundle wrapped in a Debian package
# (packaging/README.md). PyInstaller comes from its own pins, on top of the kiosk's.
VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' pyproject.toml)
DEB     := dist/kiosk_$(VERSION)_amd64.deb
PACKAGE_STAMP := $(VENV)/.installed-package
PACKAGE_INPUTS := $(shell find kiosk lessons assets packaging -type f ! -name '*.pyc' 2>/dev/null) \
                  $(MO) pyproject.toml README.md requirements.lock requirements-package.txt

package: system-deps $(DEB)

$(DEB): $(PACKAGE_STAMP) $(PACKAGE_INPUTS)
	@bash packaging/build.sh $(BIN)/python

$(PACKAGE_STAMP): requirements-package.txt $(STAMP)
	$(PIP) install -r requirements-package.txt
	@touch $@

locales/%/LC_MESSAGES/kiosk.mo: locales/%/LC_MESSAGES/kiosk.po $(STAMP)
	$(BIN)/pybabel compile -d locales -D kiosk -l $*

# For developers: refresh kiosk.pot from the code and merge it into every catalog.
extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _ -k ngettext:1,2 -k Np_:1,2 --add-comments=TRANSLATORS: \
	  --no-location --sort-output -o locales/kiosk.pot kiosk
	$(BIN)/pybabel update -i locales/kiosk.pot -d locales -D kiosk --no-fuzzy-matching --ignore-obsolete

# For developers: re-pin every package after changing pyproject.toml: the kiosk's and its
# tests' in requirements.lock, PyInstaller's (the `package` extra) in requirements-package.txt.
lock: $(STAMP)
	$(PIP) install -e '.[test,package]'
	$(BIN)/python tools/split_lock.py

bench: $(STAMP) catalogs
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) $(MO) tests/artifacts .pytest_cache .ruff_cache build dist
