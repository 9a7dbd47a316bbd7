"""Each role's home page counts the work waiting and links to it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Partner
from screening.models import Report, RouteTask, Screening
from tests import factories

S = Screening.Status


def count_behind(page: str, url: str) -> int:
    """The number the home page shows on the link to `url`."""
    href = re.escape(url.replace("&", "&amp;"))
    found = re.search(rf'href="{href}".*?work-count">(\d+)<', page, re.S)
    assert found, f"no count links to {url}"
    return int(found.group(1))


def home(client_for, user) -> str:
    return client_for(user).get("/").content.decode()


def test_contact_point_sees_the_queue_by_state_and_the_partners_to_decide(
    client_for, contact_point
):
    factories.ScreeningFactory.create_batch(2, status=S.SUBMITTED)
    factories.ScreeningFactory(status=S.IN_REVIEW)
    factories.ScreeningFactory(status=S.DRAFT)
    factories.PartnerFactory(named_list_status="candidate")
    factories.PartnerFactory.create_batch(3, proposed=True)
    soon = timezone.localdate() + datetime.timedelta(days=30)
    factories.AgreementFactory(end_date=soon)
    factories.AgreementFactory()

    page = home(client_for, contact_point)

    assert count_behind(page, "/reviews/?status=submitted") == 2
    assert count_behind(page, "/reviews/?status=in_review") == 1
    assert count_behind(page, "/reviews/?status=changes_requested") == 0
    assert count_behind(page, "/partners/?named_list=candidate") == 1
    assert count_behind(page, "/partners/?proposed=true") == 3
    assert count_behind(page, "/agreements/?flag=expires_soon") == 1


def test_each_count_is_the_length_of_the_list_it_links_to(client_for, contact_point):
    factories.PartnerFactory.create_batch(2, proposed=True)
    factories.PartnerFactory(named_list_status="candidate")
    factories.PartnerFactory()
    client = client_for(contact_point)

    proposed = client.get("/partners/?proposed=true").context["page_obj"]
    to_decide = client.get("/partners/?named_list=candidate").context["page_obj"]

    assert proposed.paginator.count == 2
    assert to_decide.paginator.count == 1


def test_researcher_sees_drafts_changes_requested_and_changed_results(
    client_for, researcher
):
    factories.ScreeningFactory.create_batch(2, owner=researcher)
    factories.ScreeningFactory(owner=researcher, status=S.CHANGES_REQUESTED)
    factories.ScreeningFactory(status=S.CHANGES_REQUESTED)  # someone else's
    changed = factories.ScreeningFactory(owner=researcher, status=S.SUBMITTED)
    old = factories.ScreeningFactory(owner=researcher, status=S.APPROVED)
    recent = timezone.now() - datetime.timedelta(days=2)
    Screening.objects.filter(pk=changed.pk).update(
        level_change={"from": "low", "to": "high", "at": recent.isoformat()}
    )
    long_ago = timezone.now() - datetime.timedelta(days=90)
    Screening.objects.filter(pk=old.pk).update(
        level_change={"from": "low", "to": "high", "at": long_ago.isoformat()}
    )

    page = home(client_for, researcher)
    listed = client_for(researcher).get("/screenings/?changed=1").content.decode()

    assert count_behind(page, "/screenings/?status=draft") == 2
    assert count_behind(page, "/screenings/?status=changes_requested") == 1
    assert count_behind(page, "/screenings/?changed=1") == 1
    assert changed.title in listed
    assert old.title not in listed
    assert "/reviews/" not in page


def test_export_control_sees_its_open_routes(client_for, export_officer):
    waiting = factories.ScreeningFactory(status=S.SUBMITTED)
    done = factories.ScreeningFactory(status=S.IN_REVIEW)
    RouteTask.objects.create(screening=waiting, route="R-EC")
    RouteTask.objects.create(
        screening=done, route="R-EC", status=RouteTask.Status.CLEARED
    )
    RouteTask.objects.create(screening=done, route="R-DPO")

    page = home(client_for, export_officer)

    assert count_behind(page, "/reviews/?route=export-control") == 1


def test_leadership_sees_the_headline_figures_and_the_latest_reports(
    client_for, leader
):
    factories.ScreeningFactory(status=S.SUBMITTED)
    factories.ScreeningFactory(status=S.DRAFT)
    factories.AgreementFactory()
    report = Report.objects.create(
        kind=Report.Kind.SUMMARY,
        requested_by=leader,
        status=Report.Status.READY,
        data_fingerprint="x",
        finished_at=timezone.now(),
    )

    page = home(client_for, leader)

    assert count_behind(page, "/dashboard/") == 1
    assert count_behind(page, "/dashboard/#pend-h") == 1
    assert count_behind(page, "/agreements/?status=active") == 1
    assert f'href="/reports/{report.pk}/"' in page
    assert "/reviews/" not in page


def _fill(n: int, researcher) -> None:
    for _ in range(n):
        factories.ScreeningFactory(owner=researcher, status=S.SUBMITTED)
        factories.ScreeningFactory(owner=researcher)
        factories.AgreementFactory()
        Partner.objects.filter(pk=factories.PartnerFactory(proposed=True).pk).update(
            named_list_status="candidate"
        )


@pytest.mark.parametrize(
    "role", ["contact_point", "researcher", "export_officer", "leader"]
)
def test_the_home_page_reads_as_many_queries_for_many_rows_as_for_few(
    client_for, role, request
):
    user = request.getfixturevalue(role)
    owner = user if role == "researcher" else factories.researcher()
    client = client_for(user)
    _fill(2, owner)
    client.get("/")  # sessions, content types: warm before counting
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    _fill(20, owner)
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(many) == len(few)


def test_the_queue_by_state_lists_the_rows_the_home_page_counted(
    client_for, contact_point
):
    factories.ScreeningFactory.create_batch(2, status=S.SUBMITTED)
    factories.ScreeningFactory(status=S.IN_REVIEW)
    client = client_for(contact_point)

    submitted = client.get("/reviews/?status=submitted").content.decode()
    in_review = client.get("/reviews/?status=in_review").content.decode()

    assert submitted.count('/review/">') == 2
    assert in_review.count('/review/">') == 1


def test_researcher_sees_the_conditions_of_approval_still_to_carry_out(
    client_for, contact_point
):
    from tests.screening.review_support import submitted

    screening = submitted(title="Approved with two conditions")
    client_for(contact_point).post(
        f"/screenings/{screening.pk}/review/decide/",
        {
            "decision": "approve_with_conditions",
            "text": "- Report yearly.\n\n- Keep the raw data in Norway.",
            "due": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        },
    )
    owner = client_for(screening.owner)
    page = owner.get("/").content.decode()
    listed = owner.get("/screenings/").content.decode()

    assert count_behind(page, "/screenings/#follow-ups-title") == 2
    assert 'id="follow-ups-title"' in listed
    assert "Keep the raw data in Norway." in listed
