import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Build the named-list matcher now, not in the first request that needs it.
from agreements.named_lists import preload_index  # noqa: E402

preload_index()
