# Samarbeidssjekk. `make run` starts the embedded demo; `make test` runs lint and tests.
# The first Python 3.11+ that really runs (pyenv shims may exist for versions that don't).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	$$p -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_ENV := DEBUG=1 SECRET_KEY=embedded-demo-only-$(shell hostname)

.PHONY: run test worker beat bench bench-matching messages clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_reference_data
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo "Samarbeidssjekk runs on http://127.0.0.1:8000 (log in with an account above; Ctrl-C stops)"
	$(DEMO_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m ruff check .
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

worker: $(STAMP)
	$(PY) -m celery -A config worker -Q celery,reports --loglevel=INFO

beat: $(STAMP)
	$(PY) -m celery -A config beat --loglevel=INFO

# Benchmark on a database of its own: bench.sqlite3 by default, or DATABASE_URL
# (e.g. postgres://postgres@127.0.0.1:5432/ss_bench). SCALE=0.1 for a quick run.
SCALE ?= 1
BENCH_ENV := DEBUG=0 SECRET_KEY=bench-only-$(shell hostname)-not-for-production SECURE_SSL_REDIRECT=0 \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///$(CURDIR)/bench.sqlite3}

bench: $(STAMP)
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py load_reference_data -v0
	$(BENCH_ENV) $(PY) manage.py bench --scale $(SCALE)

# Matching speed and the test set, with OpenSanctions' nomenklatura logic-v2 beside
# ours. logic-v2 needs PyICU (compiled: libicu-dev, pkg-config, g++), so it goes
# into a venv of its own, never into the one `make run` and `make test` use.
COMPARE_VENV := .venv-compare
bench-matching: $(STAMP)
	$(PY) -m screening.bench.matching
	test -x $(COMPARE_VENV)/bin/python || $(PYTHON) -m venv $(COMPARE_VENV)
	$(COMPARE_VENV)/bin/python -m pip install --quiet -e ".[compare]"
	$(COMPARE_VENV)/bin/python -m screening.bench.matching --compare

messages: $(STAMP)
	$(PY) locale/translate.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
