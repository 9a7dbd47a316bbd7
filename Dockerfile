FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config config
COPY screening screening
COPY agreements agreements
COPY countries countries
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=1 SECRET_KEY=build-only STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    python manage.py collectstatic --noinput \
 && useradd --create-home --uid 1000 app && mkdir -p /app/media && chown app /app/media
USER app
EXPOSE 8000
CMD ["sh", "-c", "python manage.py check --deploy --fail-level WARNING && python manage.py migrate --noinput && python manage.py load_reference_data && gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 3 --access-logfile -"]
