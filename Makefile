# «Guide til god ledelse» – build the website and the PDF handbook, and check them.
#   make          set up .venv from requirements.txt and build site/ (PDF included)
#   make test     everything the project checks
#   make check    the quick tier for every edit: lint and every test with no browser and no PDF
#   make serve    live preview at http://127.0.0.1:8000 (mkdocs.yml: no PDF, fast; rebuilds
#                 when docs/, mkdocs.yml or a theme template in overrides/ changes)
#   make bench    build time and transfer size figures
#   make bench-tests  what `make test` costs the machine, by test module (ARGS: pytest's)
#   make audit    Lighthouse scores (front page and a chapter page, mobile)
#   make clean    remove site/ and caches

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed

# Material for MkDocs prints an end-of-life banner about MkDocs 2 on every build;
# README explains why the project stays on MkDocs 1.6 for now.
export NO_MKDOCS_2_WARNING := 1

# Reproducible builds: every date in site/ (PDFs included) is the last commit's time.
# Outside a git checkout, overrides/hooks/reproducible.py falls back to the newest
# source file's time. Give SOURCE_DATE_EPOCH=… on the command line to override.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(strip $(SOURCE_DATE_EPOCH)),)
export SOURCE_DATE_EPOCH
endif

# Debian packages the project needs: Chromium, Firefox ESR and WebKitGTK's WebDriver (with
# Xvfb, its screen) for the browser tests, Liberation Sans (Arial's widths: the web fonts'
# fallback the first-visit test measures), Pango and HarfBuzz for WeasyPrint (the PDF),
# poppler-utils to check the PDF.
APT_PACKAGES := chromium firefox-esr webkit2gtk-driver xvfb fonts-liberation libpango-1.0-0 \
  libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils

.PHONY: all site serve test check lint bench bench-tests audit clean system-deps requirements project-path

all: site

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v firefox-esr >/dev/null 2>&1 || missing="$$missing firefox-esr"; \
	command -v WebKitWebDriver >/dev/null 2>&1 || missing="$$missing webkit2gtk-driver"; \
	command -v Xvfb >/dev/null 2>&1 || missing="$$missing xvfb"; \
	fc-list "Liberation Sans" 2>/dev/null | grep -q . || missing="$$missing fonts-liberation"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 libharfbuzz-subset.so.0:libharfbuzz-subset0; do \
	  /sbin/ldconfig -p 2>/dev/null | grep -q "$${lib%%:*}" || missing="$$missing $${lib##*:}"; \
	done; \
	$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

# The virtualenv is (re)made when requirements.txt is newer than the last install.
$(STAMP): requirements.txt | system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(MAKE) --no-print-directory project-path
	touch $@

# The project's code (macros/, overrides/) on the virtualenv's path, the way an editable
# install does it (a .pth file in site-packages): the hooks (overrides/hooks/) import it
# as macros.… and overrides.pdf.…, so `.venv/bin/mkdocs build`, `python -m mkdocs`, bare
# `pytest` and tests/benchmark.py all find it, from any folder.
PTH_FILE = guide-til-god-ledelse.pth
project-path:
	$(BIN)/python -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_path('purelib'), '$(PTH_FILE)').write_text('$(CURDIR)\n')"

site: $(STAMP)
	$(BIN)/python -m mkdocs build --strict -f mkdocs-pdf.yml

serve: $(STAMP)
	$(BIN)/python -m mkdocs serve --strict --watch-theme -a 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check macros tests overrides pdf_event_hook.py

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The quick tier (tests/conftest.py, --quick): components, schemas, macro calls, the fixture
# projects and bad inputs; no browser, no build of the real site.
check: $(STAMP) lint
	$(BIN)/python -m pytest --quick

bench: $(STAMP)
	$(BIN)/python tests/benchmark.py

bench-tests: $(STAMP)
	$(BIN)/python tests/suite_cost.py $(ARGS)

# Lighthouse 12.2.3 (pinned in tests/audit/package-lock.json) runs on Node 20.
AUDIT_DEPS := tests/audit/node_modules/.installed
$(AUDIT_DEPS): tests/audit/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make audit needs Node.js 20 and npm"; exit 1; }
	npm ci --prefix tests/audit --no-audit --no-fund
	touch $@

audit: site $(AUDIT_DEPS)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python tests/audit/audit.py

# Recompile the exact pins from requirements.in (needs network access to PyPI).
requirements: $(STAMP)
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11

clean:
	rm -rf site .cache .pytest_cache .ruff_cache __pycache__ tests/__pycache__ macros/__pycache__ \
	  overrides/hooks/__pycache__ overrides/pdf/__pycache__
