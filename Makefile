# Samarbeidssjekk. `make run` starts the embedded demo; `make test` runs lint and tests.
# The first Python 3.11+ that really runs (pyenv shims may exist for versions that don't).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
# uv installs the locks: the machine's uv, or else one that pip puts into .venv
# first from requirements-uv.lock (seconds). With an empty package cache on a
# 2-core machine the development lock took 77 s this way and 198 s with pip
# (2026-12-03, same load). `make UV=` forces pip.
# uv compiles the bytecode at install, as pip does: without it every process
# compiles the libraries it imports, every time, where PYTHONDONTWRITEBYTECODE
# is set (Django's start took 1.5 s instead of 0.9 s, collecting the test suite
# 12.7 s instead of 9.3 s; compiling the development lock once takes 8 s).
BOOT_UV := $(VENV)/bin/uv
UV ?= $(or $(shell command -v uv 2>/dev/null),$(BOOT_UV))
ifeq ($(strip $(UV)),)
MKVENV := $(PYTHON) -m venv $(VENV)
INSTALL := $(PY) -m pip install --quiet
else ifeq ($(UV),$(BOOT_UV))
MKVENV := $(PYTHON) -m venv $(VENV)
INSTALL := $(UV) pip install --quiet --compile-bytecode --python $(PY)
NEED_UV := $(BOOT_UV)
else
MKVENV := $(UV) venv --quiet --seed --python $(PYTHON) $(VENV)
INSTALL := $(UV) pip install --quiet --compile-bytecode --python $(PY)
endif
# Installs come from the lock files (exact versions, hashes checked); `make lock`
# regenerates them from pyproject.toml.
SUM := $(shell cat pyproject.toml requirements.lock requirements-dev.lock | cksum | cut -d' ' -f1)
RUN_STAMP := $(VENV)/.installed-run-$(SUM)
DEV_STAMP := $(VENV)/.installed-dev-$(SUM)
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails and PDFs point at the address the demo is served on, and
# that host is allowed (e.g. `make run HOST=192.0.2.10 PORT=8123` on a LAN).
DEMO_ENV := DEBUG=1 SECRET_KEY=embedded-demo-only-$(shell hostname) \
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-localhost,127.0.0.1,$(HOST)}

# Test processes: one per core (tests/parallel.py); TEST_WORKERS=0 runs one. Whole
# files go to a process, in collection order (the long ones first: tests/conftest.py).
TEST_WORKERS ?= auto

.PHONY: run test deps types lock worker beat bench bench-matching messages clean

$(VENV):
	$(MKVENV)

# Runtime dependencies only: what `make run` needs to serve the demo.
$(RUN_STAMP): pyproject.toml requirements.lock | $(VENV) $(NEED_UV)
	$(INSTALL) --require-hashes -r requirements.lock
	$(INSTALL) --no-deps -e .
	touch $(RUN_STAMP)

# Runtime plus the development extras (pytest, ruff, playwright, deptry ...).
$(DEV_STAMP): pyproject.toml requirements-dev.lock | $(VENV) $(NEED_UV)
	$(INSTALL) --require-hashes -r requirements-dev.lock
	$(INSTALL) --no-deps -e .
	touch $(RUN_STAMP) $(DEV_STAMP)

# Regenerate both lock files from pyproject.toml for Linux, macOS and Windows and
# Python 3.11+, keeping current pins where they still fit (UPGRADE=1: newest).
# The runtime lock includes the optional Sentry client, so the image can report.
LOCK_UV := $(or $(strip $(UV)),$(BOOT_UV))
COMPILE := $(LOCK_UV) pip compile --quiet --universal --generate-hashes \
	--python-version 3.11 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

# uv itself, pinned with its hashes like everything else.
$(BOOT_UV): requirements-uv.lock | $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-uv.lock
	touch $(BOOT_UV)

lock: | $(LOCK_UV)
	$(COMPILE) pyproject.toml --extra sentry -o requirements.lock
	$(COMPILE) pyproject.toml --extra sentry --extra dev -o requirements-dev.lock
	echo "uv>=0.5,<1" | $(COMPILE) - -o requirements-uv.lock

run: $(RUN_STAMP)
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_reference_data
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py seed_demo_cases
	@echo "Samarbeidssjekk runs on http://$(HOST):$(PORT) (log in with an account above; Ctrl-C stops)"
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(MAKE) --no-print-directory deps
	$(MAKE) --no-print-directory types
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# Every imported package is declared in pyproject.toml, and every declared one is used.
deps: $(DEV_STAMP)
	$(PY) -m deptry .

# Type checks (mypy with django-stubs; [tool.mypy] in pyproject.toml): strict on
# the pure domain packages, lenient elsewhere. DEBUG=1: the settings need no
# secret, and the development tools are checked too.
types: $(DEV_STAMP)
	DEBUG=1 $(PY) -m mypy

worker: $(RUN_STAMP)
	$(PY) -m celery -A config worker -Q celery,reports --loglevel=INFO

beat: $(RUN_STAMP)
	$(PY) -m celery -A config beat --loglevel=INFO

# Benchmark on a database of its own: bench.sqlite3 by default, or DATABASE_URL
# (e.g. postgres://postgres@127.0.0.1:5432/ss_bench). SCALE=0.1 for a quick run.
SCALE ?= 1
BENCH_ENV := DEBUG=0 DEV_TOOLS=1 SECRET_KEY=bench-only-$(shell hostname)-not-for-production SECURE_SSL_REDIRECT=0 \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3}

bench: $(DEV_STAMP)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py load_reference_data -v0
	$(BENCH_ENV) $(PY) manage.py bench --scale $(SCALE)

# Matching speed and the test set, with OpenSanctions' nomenklatura logic-v2 beside
# ours. logic-v2 needs PyICU (compiled: libicu-dev, pkg-config, g++), so it goes
# into a venv of its own, never into the one `make run` and `make test` use.
COMPARE_VENV := .venv-compare
bench-matching: $(DEV_STAMP)
	$(PY) -m tools.bench.matching
	test -x $(COMPARE_VENV)/bin/python || $(PYTHON) -m venv $(COMPARE_VENV)
	$(COMPARE_VENV)/bin/python -m pip install --quiet -e ".[compare]"
	$(COMPARE_VENV)/bin/python -m tools.bench.matching --compare

# The .po files are the only source of the translations: this adds the code's new
# strings to them (edit their msgstr, terms in locale/GLOSSARY.md), compiles them
# and runs the checks (nothing untranslated or fuzzy, the .po files match the code).
MAKEMESSAGES := makemessages -l nb -l nn --no-location --no-obsolete \
	--ignore=.venv --ignore=static/vendor --ignore=tests --ignore=locale
messages: $(DEV_STAMP)
	DEBUG=1 $(PY) manage.py $(MAKEMESSAGES)
	DEBUG=1 $(PY) manage.py compilemessages -l nb -l nn --ignore=.venv
	$(PY) -m pytest -q -p no:cacheprovider tests/config/test_translations.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
