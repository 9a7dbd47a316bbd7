"""The register in a screening's life: picked on the questionnaire page, a
reason on the result, a route on the review page, a row in the institution PDF."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from screening.models import Report, Screening
from screening.reports import build
from screening.services.rescoring import rescore_screenings
from tests import factories
from tests.screening import review_support
from tests.valueregister.support import AssetFactory, months_ago
from valueregister.models import Asset

pytestmark = pytest.mark.django_db


def _lab():
    unit = factories.UnitFactory(name="Department of Physics")
    return AssetFactory(name="Quantum lab", unit=unit, sensitivity="very_high")


def test_a_researcher_picks_an_asset_and_the_result_names_it(client_for, researcher):
    lab = _lab()
    AssetFactory(name="Closed archive", retired=True)
    screening = factories.ScreeningFactory(
        owner=researcher,
        answers={"collab.components": ["joint_research"], "case.stage": "new"},
    )
    client = client_for(researcher)
    page = client.get(f"/screenings/{screening.pk}/section/collab/").content.decode()
    assert "Quantum lab" in page
    assert "Closed archive" not in page  # retired: no longer offered
    assert "Badge" not in page
    assert "Key card" not in page
    response = client.post(
        f"/screenings/{screening.pk}/section/collab/",
        {"revision": screening.revision, "go": "next", "collab.assets": [lab.pk]},
    )
    assert response.status_code == 302
    screening.refresh_from_db()
    assert screening.answers["collab.assets"] == [str(lab.pk)]
    lines = [c for c in screening.result["ledger"] if c["source"] == "asset"]
    assert lines
    assert "Quantum lab (Department of Physics)" in lines[0]["explanation"]["nb"]
    assert screening.result["sensitivity"] == 3
    summary = client.get(f"/screenings/{screening.pk}/summary/").content.decode()
    assert "Quantum lab (Department of Physics)" in summary


def test_an_id_not_in_the_register_is_a_form_error(client_for, researcher):
    screening = factories.ScreeningFactory(
        owner=researcher, answers={"collab.components": ["joint_research"]}
    )
    response = client_for(researcher).post(
        f"/screenings/{screening.pk}/section/collab/",
        {"revision": screening.revision, "go": "next", "collab.assets": ["999999"]},
    )
    assert response.status_code == 200  # the section's own convention
    assert set(response.context["form"].errors) == {"collab.assets"}
    screening.refresh_from_db()
    assert "collab.assets" not in screening.answers


def test_the_review_page_routes_to_the_assets_owning_unit(client_for, contact_point):
    lab = _lab()
    screening = review_support.submitted(overrides={"collab.assets": [str(lab.pk)]})
    assert "R-OWNER" in set(screening.route_tasks.values_list("route", flat=True))
    page = client_for(contact_point).get(f"/screenings/{screening.pk}/review/")
    html = page.content.decode()
    assert "Eier av en registrert verdi" in html  # the route task
    assert "Department of Physics" in html
    assert "Quantum lab" in html
    # the asset's points show beside the answer that picked it
    picked = [
        r for s in page.context["sections"] for r in s.rows if r.key == "collab.assets"
    ]
    assert [(x["dimension"], x["points"]) for x in picked[0].ledger] == [("SEC", 5)]


def test_the_institution_pdf_lists_assets_review_state_and_screenings():
    lab = _lab()
    AssetFactory(name="Manuscript archive", last_reviewed=months_ago(14))
    touching = review_support.submitted(
        overrides={"collab.assets": [str(lab.pk)]}, title="Quantum sensing with Delft"
    )
    review_support.draft(  # a draft is not yet a collaboration to report
        overrides={"collab.assets": [str(lab.pk)]}, title="Draft sensing idea"
    )
    assert touching.status == Screening.Status.SUBMITTED
    report = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=factories.leader(language="en"),
        language="en",
        params={},
        data_fingerprint="x",
    )
    html = build.render_html(report)
    register = html[html.index("Value and risk register") :]
    assert "Quantum lab" in register
    assert "Quantum sensing with Delft" in register
    assert "Draft sensing idea" not in register
    assert "Manuscript archive" in register
    assert "1 asset is overdue for review." in register


def test_at_high_the_assets_owner_must_be_heard_before_approval():
    from screening import decision_rules as dr

    rules = dr.load()
    owner = [dr.TaskState("R-OWNER", "open")]
    assert dr.missing(rules, "approve", "medium", owner) == []
    assert [c.route for c in dr.missing(rules, "approve", "high", owner)] == ["R-OWNER"]


def test_raising_an_assets_sensitivity_scores_its_screenings_again(
    client_for, contact_point, django_capture_on_commit_callbacks
):
    archive = AssetFactory(name="Manuscript archive", sensitivity="low")
    screening = review_support.submitted(overrides={"collab.assets": [str(archive.pk)]})
    untouched = review_support.submitted()
    assert screening.result["sensitivity"] == 0
    form = {
        "kind": archive.kind,
        "name": archive.name,
        "unit": archive.unit_id,
        "why_valuable": archive.why_valuable,
        "sensitivity": "very_high",
        "access": archive.access,
        "last_reviewed": archive.last_reviewed.isoformat(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact_point).post(
            f"/register/values/{archive.pk}/edit/", form
        )
    assert response.status_code == 302
    screening.refresh_from_db()
    untouched.refresh_from_db()
    assert screening.result["sensitivity"] == 3
    change = screening.level_change
    assert (change["from"], change["to"]) == ("low", "medium")
    assert change["cause"]["kind"] == "asset_changed"
    detail = client_for(contact_point).get(f"/screenings/{screening.pk}/")
    assert "endret Manuscript archive i verdiregisteret" in detail.content.decode()
    assert untouched.scored_at < screening.scored_at
    # saving again without a change re-scores nothing
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client_for(contact_point).post(f"/register/values/{archive.pk}/edit/", form)
    assert callbacks == []


def test_rescoring_screenings_that_pick_assets_reads_the_assets_once_per_batch():
    """Each screening keeps its own picks, in the order its own page lists them,
    and the bulk result is the one its own save stores; the assets are read in
    one query per batch, not one per screening."""
    lab = AssetFactory(name="Quantum lab", sensitivity="very_high")
    archive = AssetFactory(name="Archive", sensitivity="low")
    picks = [[lab], [archive], [lab, archive], []]
    screenings = [
        review_support.submitted(
            overrides={"collab.assets": [str(a.pk) for a in chosen]}
        )
        for chosen in picks * 2
    ]
    Asset.objects.filter(pk=archive.pk).update(sensitivity="very_high")  # no signal
    expected = {}
    for screening, chosen in zip(screenings, picks * 2, strict=True):
        assert [a.name for a in screening.picked_assets()] == sorted(
            a.name for a in chosen
        )
        screening.rescore()  # the single path, not saved
        expected[screening.pk] = screening.result

    def queries(count: int) -> int:
        rows = Screening.objects.filter(pk__in=[s.pk for s in screenings[:count]])
        with CaptureQueriesContext(connection) as run:
            rescore_screenings(rows, force=True)
        return len(run.captured_queries)

    assert queries(4) == queries(8)
    for screening in Screening.objects.filter(pk__in=expected):
        assert screening.result == expected[screening.pk]
    assert expected[screenings[1].pk]["sensitivity"] == 3  # the new sensitivity
