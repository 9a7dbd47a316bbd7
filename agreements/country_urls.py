"""The country pages. They show the register's partners and agreements in each
country beside its facts, so they are register pages (countries sits below
the register and imports none of it); the URL names stay "countries:...".
"""

from django.urls import path

from agreements.views import countries as views

app_name = "countries"
urlpatterns = [
    path("countries/", views.country_list, name="list"),
    path("countries/<str:iso2>/", views.country_detail, name="detail"),
    path(
        "countries/<str:iso2>/facts/<str:kind>/",
        views.fact_update,
        name="fact_update",
    ),
]
