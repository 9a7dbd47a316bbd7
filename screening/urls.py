from django.urls import path

from screening.views import (
    dashboard,
    follow_ups,
    reports,
    review_queue,
    reviews,
    screenings,
    sections,
    summary,
)

app_name = "screening"
urlpatterns: list = []

urlpatterns += [
    path("screenings/", screenings.screening_list, name="list"),
    path("screenings/new/", screenings.screening_create, name="create"),
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
    path(
        "screenings/<int:pk>/section/<str:key>/questions/",
        sections.section_questions,
        name="section_questions",
    ),
    path("screenings/<int:pk>/summary/", summary.summary, name="summary"),
]

urlpatterns += [
    path("reports/", reports.report_list, name="report_list"),
    path("reports/summary/", reports.request_summary, name="report_summary"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/status/", reports.report_status, name="report_status"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
    path("reports/<int:pk>/retry/", reports.report_retry, name="report_retry"),
    path(
        "screenings/<int:pk>/report/",
        reports.request_screening_report,
        name="report_screening",
    ),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]

urlpatterns += [
    path("reviews/", review_queue.queue, name="review_queue"),
    path(
        "reviews/emails/<int:pk>/send/",
        review_queue.send_again,
        name="send_again",
    ),
    path("screenings/<int:pk>/review/", reviews.review, name="review"),
    path("screenings/<int:pk>/review/start/", reviews.start, name="review_start"),
    path("screenings/<int:pk>/review/decide/", reviews.decide, name="review_decide"),
    path("screenings/<int:pk>/review/route/", reviews.route, name="review_route"),
    path(
        "screenings/<int:pk>/review/routes/<int:task_id>/",
        reviews.route_task,
        name="review_route_task",
    ),
    path("screenings/<int:pk>/comments/", reviews.comment, name="comment"),
    path("screenings/<int:pk>/withdraw/", reviews.withdraw, name="withdraw"),
    path(
        "screenings/<int:pk>/review/override/", reviews.override, name="review_override"
    ),
    path("screenings/<int:pk>/review/reopen/", reviews.reopen, name="review_reopen"),
    path("follow-ups/<int:pk>/done/", follow_ups.done, name="follow_up_done"),
]
