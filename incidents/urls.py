from django.urls import path

from incidents import views

app_name = "incidents"

urlpatterns = [
    path("incidents/", views.report_list, name="list"),
    path("incidents/new/", views.report_new, name="create"),
    path("incidents/mine/", views.report_mine, name="mine"),
    path("incidents/<int:pk>/", views.report_detail, name="detail"),
    path("incidents/<int:pk>/reply/", views.report_reply, name="reply"),
    path("incidents/<int:pk>/status/", views.report_status, name="status"),
    path("incidents/<int:pk>/route/", views.report_route, name="route"),
    path("incidents/<int:pk>/partner/", views.report_tie, name="tie"),
]
