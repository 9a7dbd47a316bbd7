# Samarbeidssjekk. `make run` starts the embedded demo; `make test` runs lint and tests.
PYTHON ?= $(shell command -v python3.12 || command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEMO_ENV := DEBUG=1 SECRET_KEY=embedded-demo-only-$(shell hostname)

.PHONY: run test worker beat bench messages clean

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

messages: $(STAMP)
	$(PY) locale/translate.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
