from django.urls import path

from countries import views

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
