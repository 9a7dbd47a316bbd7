from django.urls import path

from valueregister import views

app_name = "valueregister"

urlpatterns = [
    path("register/values/", views.asset_list, name="list"),
    path("register/values/new/", views.asset_create, name="create"),
    path("register/values/<int:pk>/", views.asset_detail, name="detail"),
    path("register/values/<int:pk>/edit/", views.asset_edit, name="edit"),
    path("register/values/<int:pk>/reviewed/", views.asset_reviewed, name="reviewed"),
]
