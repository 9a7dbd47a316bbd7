from django.urls import path

from caselibrary import views

app_name = "caselibrary"
urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/publish/", views.candidates, name="candidates"),
    path("cases/publish/<int:screening_id>/", views.publish, name="publish"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
]
