# syntax=docker/dockerfile:1
# Samarbeidssjekk's production image, in two stages. The builder installs the
# locked dependencies (requirements.lock, hashes checked) into a virtualenv; the
# final stage copies that venv and the code: no compiler, no pip cache, non-root.
# tests/config/test_install.py runs the builder's pip command in a clean venv.
ARG PYTHON_IMAGE=python:3.12-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /build
COPY requirements.lock ./
# Every dependency installs from a wheel (--only-binary): nothing compiles.
RUN python -m venv /opt/venv
RUN /opt/venv/bin/pip install --no-cache-dir --require-hashes --only-binary=:all: -r requirements.lock

FROM ${PYTHON_IMAGE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH
# WeasyPrint's Pango and fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 app
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
# The code belongs to root and is read-only to the app user; .dockerignore keeps
# .env, media/, databases and the venv out.
COPY . .
RUN DEBUG=1 SECRET_KEY=build-only STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media && chown app /app/media
USER app
EXPOSE 8000
# Migrations run once, in the compose file's one-off "migrate" service, not here.
CMD ["sh", "-c", "python manage.py check --deploy --fail-level WARNING && exec gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 3"]
