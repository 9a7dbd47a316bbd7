"""Route tasks: export control clears or requires a licence, others are confirmed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from agreements import history
from agreements.models import Agreement
from screening.models import RouteTask, Screening
from screening.services import reviews
from tests import factories
from tests.screening.review_support import submitted

S = Screening.Status
pytestmark = pytest.mark.django_db


def export_task(screening):
    return screening.route_tasks.get(route="R-EC")


def test_approval_is_blocked_while_export_control_is_open(contact_point):
    screening = submitted(export=True)
    outcome = reviews.approve(screening, by=contact_point)
    screening.refresh_from_db()
    assert not outcome.done
    assert "Export control" in outcome.message or "Eksport" in outcome.message
    assert screening.status == S.SUBMITTED


@pytest.mark.parametrize("licence", [False, True])
def test_approval_is_allowed_after_the_officers_assessment(
    contact_point, export_officer, licence
):
    screening = submitted(export=True)
    task = export_task(screening)
    outcome = reviews.record_export_control(
        task, by=export_officer, licence_required=licence, reference="DEKSA 2026/17"
    )
    assert outcome.done
    task.refresh_from_db()
    assert task.status == ("licence_required" if licence else "cleared")
    assert (task.reference, task.decided_by) == ("DEKSA 2026/17", export_officer)
    assert reviews.approve_with_conditions(
        screening, by=contact_point, conditions="Apply for the licence first"
    ).done


def test_assessment_needs_a_reference_and_is_recorded_once(export_officer):
    screening = submitted(export=True)
    task = export_task(screening)
    assert not reviews.record_export_control(
        task, by=export_officer, licence_required=False, reference=" "
    ).done
    assert reviews.record_export_control(
        task, by=export_officer, licence_required=False, reference="A-1"
    ).done
    again = reviews.record_export_control(
        task, by=export_officer, licence_required=True, reference="A-2"
    )
    task.refresh_from_db()
    assert not again.done
    assert (task.status, task.reference) == ("cleared", "A-1")


@pytest.mark.parametrize("role", ["contact_point", "researcher", "leader"])
def test_only_the_export_officer_records_export_control(role):
    screening = submitted(export=True)
    with pytest.raises(PermissionDenied):
        reviews.record_export_control(
            export_task(screening),
            by=getattr(factories, role)(),
            licence_required=False,
            reference="x",
        )
    assert export_task(screening).is_open


def test_contact_point_confirms_a_route_without_a_role(contact_point, export_officer):
    screening = submitted(export=True, overrides={"research.ethics_review": "yes"})
    other = screening.route_tasks.get(route="R-ETHICS")
    with pytest.raises(PermissionDenied):
        reviews.confirm_route(other, by=export_officer, reference="x")
    with pytest.raises(PermissionDenied):
        reviews.confirm_route(export_task(screening), by=contact_point, reference="x")
    assert reviews.confirm_route(other, by=contact_point, reference="Ethics 12").done
    other.refresh_from_db()
    assert (other.status, other.reference) == ("confirmed", "Ethics 12")


def test_contact_point_routes_to_export_control_once(contact_point, mailoutbox):
    screening = submitted()
    assert not screening.route_tasks.filter(route="R-EC").exists()
    assert reviews.route_to_export_control(screening, by=contact_point).done
    assert not reviews.route_to_export_control(screening, by=contact_point).done
    screening.refresh_from_db()
    assert screening.status == S.IN_REVIEW
    assert export_task(screening).mandatory
    assert screening.transitions.filter(action="route").count() == 1
    assert not reviews.approve(screening, by=contact_point).done


def test_approval_creates_a_draft_agreement_and_fills_the_register(contact_point):
    screening = submitted()
    reviews.approve(screening, by=contact_point)
    screening.refresh_from_db()
    agreement = screening.agreement
    assert agreement.status == Agreement.Status.DRAFT
    assert list(agreement.partners.all()) == [screening.partner]
    assert agreement.last_screening == screening
    assert agreement.last_screening_level == screening.overall_level
    assert agreement.last_decision == S.APPROVED


def test_approval_updates_the_linked_agreement(contact_point):
    agreement = factories.AgreementFactory()
    screening = submitted(agreement=agreement)
    reviews.approve_with_conditions(screening, by=contact_point, conditions="Yearly")
    agreement.refresh_from_db()
    assert Agreement.objects.count() == 1
    assert agreement.last_screening == screening
    assert agreement.last_decision == S.APPROVED_WITH_CONDITIONS


def test_approval_shows_in_the_linked_agreements_history(contact_point):
    """The register's own service writes the decision: the agreement's history
    says who approved, and the version moves, so an edit form opened before
    the approval gets a conflict instead of overwriting it."""
    agreement = factories.AgreementFactory()
    opened_at = agreement.version
    screening = submitted(agreement=agreement)
    reviews.approve(screening, by=contact_point)
    agreement.refresh_from_db()
    decided = [
        (entry.who, change.new)
        for entry in history.entries(agreement)
        for change in entry.changes
        if change.field == "last_decision"
    ]
    assert decided == [(str(contact_point), str(S.APPROVED.label))]
    assert agreement.version > opened_at


def test_resubmission_keeps_recorded_routes(contact_point, export_officer):
    screening = submitted(export=True)
    reviews.record_export_control(
        export_task(screening), by=export_officer, licence_required=False, reference="R"
    )
    reviews.request_changes(screening, by=contact_point, reason="More detail")
    from screening.services import screenings as screening_services

    screening_services.submit_screening(screening, by=screening.owner)
    assert export_task(screening).status == RouteTask.Status.CLEARED
    assert list(screening.transitions.values_list("action", flat=True)) == [
        "submit",
        "request_changes",
        "submit",
    ]


def test_a_danish_erasmus_exchange_gets_no_export_control_task():
    denmark = factories.CountryFactory(iso2="DK", name_en="Denmark")
    partner = factories.PartnerFactory(name="Aarhus Universitet", country=denmark)
    exchange = {
        "collab.components": ["students_out", "students_in"],
        "collab.research_component": "no",
    }
    screening = submitted(partner=partner, overrides=exchange)
    keys = {q.key for q in screening.questionnaire.questions}
    assert not any(k.startswith("research.") and k in screening.answers for k in keys)
    assert screening.result["status"] == "complete"
    assert not screening.route_tasks.filter(route="R-EC").exists()
    assert "R-EC" not in [r["key"] for r in screening.result["routes"]]
