# The two commands: `make serve` and `make test`. Each sets up everything it needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium
# apt-get needs root: use sudo when not root
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test build install bench clean virtuoso browser

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned to the local CPU wheel: an unpinned torch pulls CUDA packages.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/nikg build --if-stale

serve: build
	$(BIN)/nikg serve --host $(HOST) --port $(PORT)

# Virtuoso 7 for the remote SPARQL backend tests (their fixture runs its own virtuoso-t; the system
# service is never used). Installed only when virtuoso-t is missing; the debconf answers only keep
# apt from asking for the system instance's dba password.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  printf '%s\n' "virtuoso-opensource-7 virtuoso-opensource-7/dba-password password $$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
	    | sed 'p;s#/dba-password #/dba-password-again #' | $$SUDO debconf-set-selections; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q virtuoso-opensource; }

# The browser tests drive Debian's chromium through Playwright (never `playwright install`, which downloads one).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing chromium for the browser tests"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi

# The suite's files spread over up to 4 worker processes (pytest-xdist; one file stays on one worker, so its
# module fixtures are made once): on 2 cores about 35% less wall time than one process.
TEST_WORKERS ?= auto

test: build virtuoso browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile

bench: build
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data
