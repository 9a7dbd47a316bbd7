"""Decision rules applied: a Very-high approval needs the leadership's sign-off
or an override with a reason; a final decision closes what is still open."""

from __future__ import annotations

import pytest

from screening.models import Report, RouteTask, Screening, Transition
from screening.reports import build
from screening.services import reviews
from tests.screening.review_support import submitted

S = Screening.Status
A = Transition.Action
pytestmark = pytest.mark.django_db
VERY_HIGH = {"partner.military_links": "direct"}


def very_high() -> Screening:
    screening = submitted(export=True, overrides=VERY_HIGH)
    assert screening.overall_level == "very_high"
    return screening


def clear_export_control(screening, export_officer) -> None:
    task = screening.route_tasks.get(route="R-EC")
    assert reviews.record_export_control(
        task, by=export_officer, licence_required=False, reference="DEKSA 1"
    ).done


def decide(client, screening, decision="approve_with_conditions", **extra):
    data = {"decision": decision, "text": "Report yearly.", **extra}
    return client.post(f"/screenings/{screening.pk}/review/decide/", data, follow=True)


def test_a_very_high_approval_without_sign_off_is_refused_even_when_forced(
    client_for, contact_point, export_officer
):
    screening = very_high()
    clear_export_control(screening, export_officer)
    client = client_for(contact_point)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "Før godkjenning" in page  # the checklist in the decision panel
    assert "Godkjenning fra ledelsen" in page
    body = decide(client, screening).content.decode()
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    assert "Kan ikke godkjennes ennå" in body
    assert "Godkjenning fra ledelsen" in body
    result = reviews.approve(screening, by=contact_point)
    assert not result.done
    assert "Leadership approval" in result.message or "ledelsen" in result.message


def test_an_override_with_a_reason_lets_the_approval_through_and_is_shown(
    client_for, contact_point, export_officer
):
    screening = very_high()
    clear_export_control(screening, export_officer)
    client = client_for(contact_point)
    url = f"/screenings/{screening.pk}/review/override/"
    empty = client.post(url, {"override-reason": "  "})
    assert empty.status_code == 400
    assert screening.route_tasks.get(route="R-LEAD").status == "open"
    client.post(url, {"override-reason": "Rector away; dean agreed by phone."})
    task = screening.route_tasks.get(route="R-LEAD")
    assert (task.status, task.decided_by) == ("overridden", contact_point)
    decide(client, screening)
    screening.refresh_from_db()
    assert screening.status == S.APPROVED_WITH_CONDITIONS
    step = screening.transitions.get(action=A.OVERRIDE_SIGN_OFF)
    assert "Rector away" in step.comment
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    history = page[page.index('id="history-title"') :]
    assert "Signering overstyrt" in history
    assert "Rector away; dean agreed by phone." in history
    report = Report(
        kind=Report.Kind.SCREENING,
        screening=screening,
        requested_by=contact_point,
        language="nb",
    )
    pdf_html = build.render_html(report)
    assert "Signering overstyrt" in pdf_html  # the report's decision history
    assert "Overstyrt" in pdf_html  # and the leadership route's clearance
    # Page 1 for leadership, the decision history and the route's clearance.
    assert pdf_html.count("Rector away; dean agreed by phone.") == 3
    page_one = pdf_html[: pdf_html.index("Risikonivå per dimensjon")]
    assert "Signering overstyrt" in page_one
    assert "Rector away; dean agreed by phone." in page_one


def test_leadership_signs_off_their_own_route(client_for, leader, export_officer):
    screening = very_high()
    clear_export_control(screening, export_officer)
    task = screening.route_tasks.get(route="R-LEAD")
    client_for(leader).post(
        f"/screenings/{screening.pk}/review/routes/{task.pk}/",
        {f"t{task.pk}-reference": "Rector's decision 2026/14"},
    )
    task.refresh_from_db()
    assert (task.status, task.decided_by) == ("confirmed", leader)
    dpo = screening.route_tasks.exclude(route__in=["R-LEAD", "R-EC"]).first()
    if dpo is not None:  # leadership confirms only its own route
        response = client_for(leader).post(
            f"/screenings/{screening.pk}/review/routes/{dpo.pk}/",
            {f"t{dpo.pk}-reference": "x"},
        )
        assert response.status_code == 403


def test_a_final_decision_closes_every_open_task_and_says_so(client_for, contact_point):
    screening = submitted(export=True)
    assert screening.route_tasks.filter(status="open").exists()
    body = decide(
        client_for(contact_point), screening, "reject", confirm_reject="on"
    ).content.decode()
    screening.refresh_from_db()
    assert screening.status == S.REJECTED
    assert not screening.route_tasks.filter(status="open").exists()
    task = screening.route_tasks.get(route="R-EC")
    assert task.status == RouteTask.Status.CANCELLED
    assert "Avslått" in task.comment
    closing = screening.transitions.get(action=A.CLOSE_TASKS)
    assert "Eksportkontrollansvarlig" in closing.comment
    assert "Åpne oppgaver lukket" in body


def test_sending_back_for_changes_keeps_the_tasks_open(contact_point):
    screening = submitted(export=True)
    reviews.request_changes(screening, by=contact_point, reason="Say more")
    assert screening.route_tasks.filter(status="open").exists()
    assert not screening.transitions.filter(action=A.CLOSE_TASKS).exists()


def test_rejecting_asks_for_confirmation(client_for, contact_point):
    screening = submitted()
    response = client_for(contact_point).post(
        f"/screenings/{screening.pk}/review/decide/",
        {"decision": "reject", "text": "Too risky."},
    )
    assert response.status_code == 400
    assert "Bekreft avvisningen" in response.content.decode()
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED


def test_withdraw_needs_a_reason_and_the_contact_point_can_reopen(
    client_for, contact_point
):
    screening = submitted()
    owner = client_for(screening.owner)
    url = f"/screenings/{screening.pk}/withdraw/"
    owner.post(url, {"withdraw-reason": ""})
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    owner.post(url, {"withdraw-reason": "The partner pulled out."})
    screening.refresh_from_db()
    assert screening.status == S.WITHDRAWN
    client = client_for(contact_point)
    page = client.get(f"/screenings/{screening.pk}/review/").content.decode()
    assert "Gjenåpne vurderingen" in page
    reopen = f"/screenings/{screening.pk}/review/reopen/"
    assert client.post(reopen, {"reopen-reason": ""}).status_code == 400
    client.post(reopen, {"reopen-reason": "Withdrawn by mistake."})
    screening.refresh_from_db()
    assert screening.status == S.SUBMITTED
    steps = list(screening.transitions.values_list("action", "comment"))
    assert steps[-2:] == [
        ("withdraw", "The partner pulled out."),
        ("reopen", "Withdrawn by mistake."),
    ]


def test_a_draft_withdrawn_is_reopened_as_a_draft(contact_point, researcher):
    from tests.screening.review_support import draft

    screening = draft(researcher)
    reviews.withdraw(screening, by=researcher, reason="Not now")
    assert reviews.reopen(screening, by=contact_point, reason="Asked to").done
    screening.refresh_from_db()
    assert screening.status == S.DRAFT
