from django.urls import path

from agreements.views import (
    agreements,
    institution,
    named_lists,
    partners,
    proposals,
    transfer,
)

app_name = "agreements"
urlpatterns = [
    path("settings/", institution.institution_settings, name="settings"),
    path("agreements/", agreements.agreement_list, name="list"),
    path("agreements/new/", agreements.agreement_create, name="create"),
    path("agreements/export.csv", transfer.export_csv, name="export_csv"),
    path("agreements/export.xlsx", transfer.export_xlsx, name="export_xlsx"),
    path("agreements/import/", transfer.import_upload, name="import"),
    path("agreements/import/confirm/", transfer.import_confirm, name="import_confirm"),
    path("agreements/<int:pk>/", agreements.agreement_detail, name="detail"),
    path("agreements/<int:pk>/edit/", agreements.agreement_edit, name="edit"),
    path(
        "agreements/<int:pk>/document/",
        agreements.agreement_document,
        name="document",
    ),
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/search/", partners.partner_search, name="partner_search"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path(
        "partners/<int:pk>/incidents/",
        partners.partner_incident_add,
        name="partner_incident_add",
    ),
    path("partners/check/", named_lists.partner_check, name="partner_check"),
    path(
        "named-lists/entries/<int:pk>/",
        named_lists.entry_detail,
        name="entry_detail",
    ),
    path(
        "named-lists/entries/<int:pk>/aliases/<int:alias_pk>/remove/",
        named_lists.entry_alias_remove,
        name="entry_alias_remove",
    ),
    path(
        "partners/<int:pk>/matches/<int:match_pk>/",
        named_lists.match_decide,
        name="match_decide",
    ),
    path(
        "partners/<int:pk>/confirm/", proposals.partner_confirm, name="partner_confirm"
    ),
    path("partners/<int:pk>/merge/", proposals.partner_merge, name="partner_merge"),
    path(
        "partners/<int:pk>/rescreen/",
        named_lists.partner_rescreen,
        name="partner_rescreen",
    ),
]
