from django.urls import path

from guidelines import views

app_name = "guidelines"
urlpatterns = [
    path("guidelines/", views.coverage_map, name="coverage"),
]
