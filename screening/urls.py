from django.urls import path

from screening.views import screenings, sections, summary

app_name = "screening"
urlpatterns: list = []

urlpatterns += [
    path("screenings/", screenings.screening_list, name="list"),
    path("screenings/new/", screenings.screening_create, name="create"),
    path("screenings/partners/", screenings.partner_search, name="partner_search"),
    path("screenings/partner-check/", screenings.partner_check, name="partner_check"),
    path("screenings/<int:pk>/", screenings.screening_detail, name="detail"),
    path(
        "screenings/<int:pk>/co-authors/",
        screenings.co_author_add,
        name="co_author_add",
    ),
    path(
        "screenings/<int:pk>/co-authors/<int:user_id>/remove/",
        screenings.co_author_remove,
        name="co_author_remove",
    ),
    path(
        "screenings/<int:pk>/section/<str:key>/",
        sections.section_view,
        name="section",
    ),
    path(
        "screenings/<int:pk>/section/<str:key>/autosave/",
        sections.autosave,
        name="autosave",
    ),
    path("screenings/<int:pk>/summary/", summary.summary, name="summary"),
]
