from django.urls import path

from competence import views

app_name = "competence"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("record/", views.record, name="record"),
    path("record-group/", views.record_group, name="record_group"),
    path("coverage/", views.coverage_page, name="coverage"),
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
]
