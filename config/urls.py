from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from agreements.forms import LoginForm
from config import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sources/", views.sources, name="sources"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path(
        "accounts/password_reset/",
        views.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/login/",
        LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("", include("agreements.urls")),
    path("", include("agreements.country_urls")),
    path("", include("incidents.urls")),
    path("", include("valueregister.urls")),
    path("competence/", include("competence.urls")),
    path("", include("screening.urls")),
    path("", include("caselibrary.urls")),
    path("", include("guidelines.urls")),
]

if settings.USE_OIDC:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
