"""The pages of the incident channel as a user meets them."""

from __future__ import annotations

import pytest
from django.core import mail

from incidents.models import IncidentReport
from tests import factories as f
from tests.incidents.support import report

pytestmark = pytest.mark.django_db


def english(make, **kwargs):
    return make(language="en", **kwargs)


def test_every_signed_in_page_links_to_the_channel(client_for):
    client = client_for(english(f.researcher))
    for path in ("/countries/", "/screenings/", "/partners/", "/incidents/mine/"):
        page = client.get(path).content.decode()
        assert 'href="/incidents/new/"' in page, path
        assert "Report pressure or a security incident" in page
    client.logout()
    assert 'href="/incidents/new/"' not in client.get("/accounts/login/").text


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nb", "Varsle om press eller sikkerhetshendelse"),
        ("nn", "Varsle om press eller tryggingshending"),
    ],
)
def test_the_link_speaks_both_norwegian_forms(client_for, language, text):
    client = client_for(f.researcher(language=language))
    page = client.get("/countries/").content.decode()
    assert text in page


def test_the_form_explains_when_to_contact_pst_nsm_or_the_police(client_for):
    page = client_for(english(f.researcher)).get("/incidents/new/").content.decode()
    assert 'href="https://www.pst.no/"' in page
    assert 'href="https://nsm.no/"' in page
    assert "NorCERT" in page
    assert "112" in page


def test_a_researcher_reports_and_finds_it_under_my_reports(
    client_for, django_capture_on_commit_callbacks
):
    me = english(f.researcher)
    partner = f.PartnerFactory(name="Harbour University")
    client = client_for(me)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/incidents/new/",
            {
                "what_happened": "They asked for the lab's access cards.",
                "occurred_on": "2026-11-20",
                "partner": str(partner.pk),
                "country": "",
                "anonymous": "on",
            },
            follow=True,
        )
    case = IncidentReport.objects.get()
    assert response.redirect_chain[-1][0] == f"/incidents/{case.pk}/"
    assert case.case_number in response.content.decode()
    assert (case.reporter, case.partner, case.anonymous) == (me, partner, True)
    assert case.country == partner.country
    mine = client.get("/incidents/mine/").content.decode()
    assert case.case_number in mine
    assert "Received" in mine


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"what_happened": "   ", "occurred_on": "2026-11-20"}, "what_happened"),
        ({"what_happened": "x", "occurred_on": "2999-01-01"}, "occurred_on"),
        ({"what_happened": "x", "occurred_on": "yesterday"}, "occurred_on"),
        ({"what_happened": "x", "occurred_on": "2026-11-20", "partner": "9" * 30},
         "partner"),
        ({"what_happened": "x", "occurred_on": "2026-11-20", "country": "ZZ"},
         "country"),
        ({"what_happened": "x" * 5001, "occurred_on": "2026-11-20"},
         "what_happened"),
    ],
)  # fmt: skip
def test_bad_input_is_an_error_next_to_the_field_and_keeps_the_text(
    client_for, data, field
):
    response = client_for(f.researcher()).post("/incidents/new/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not IncidentReport.objects.exists()
    if field != "what_happened":
        assert data["what_happened"] in response.content.decode()


def test_the_thread_hides_an_anonymous_reporter_from_export_control(client_for):
    reporter = english(f.researcher, first_name="Astrid", last_name="Varsler")
    contact = english(f.contact_point)
    officer = english(f.export_officer)
    case = report(reporter, anonymous=True)
    client = client_for(reporter)
    client.post(f"/incidents/{case.pk}/reply/", {"text": "One more detail."})
    client = client_for(contact)
    client.post(f"/incidents/{case.pk}/reply/", {"text": "Thank you, noted."})
    page = client.get(f"/incidents/{case.pk}/").content.decode()
    assert "Astrid Varsler" in page
    client.post(f"/incidents/{case.pk}/route/")

    client = client_for(officer)
    page = client.get(f"/incidents/{case.pk}/").content.decode()
    assert "Astrid" not in page
    assert "The reporter (name hidden)" in page
    assert "One more detail." in page
    assert "Thank you, noted." in page
    assert 'action="/incidents/' not in page  # reads, does not write
    listed = client.get("/incidents/").content.decode()
    assert case.case_number in listed
    assert "Astrid" not in listed


def test_a_reply_that_is_empty_keeps_the_thread_and_shows_the_error(client_for):
    reporter = english(f.researcher)
    case = report(reporter)
    response = client_for(reporter).post(f"/incidents/{case.pk}/reply/", {"text": ""})
    assert response.status_code == 400
    assert response.context["reply_form"].errors["text"]
    assert not case.messages.exists()
    assert mail.outbox == []


def test_the_contact_point_filters_cases_by_status(client_for):
    contact = english(f.contact_point)
    new = report()
    closed = report()
    closed.status = IncidentReport.Status.CLOSED
    closed.save()
    client = client_for(contact)
    shown = client.get("/incidents/?status=closed").context["page_obj"]
    assert [r.pk for r in shown] == [closed.pk]
    everything = client.get("/incidents/?status=nonsense").context["page_obj"]
    assert {r.pk for r in everything} == {new.pk, closed.pk}
    client.post(f"/incidents/{new.pk}/status/", {"status": "in_progress"})
    new.refresh_from_db()
    assert new.status == "in_progress"


def test_export_control_lists_only_the_cases_routed_to_it(client_for):
    officer = f.export_officer()
    report()
    own = report(officer)  # its own report is under "my reports", not here
    routed = report()
    client_for(f.contact_point()).post(f"/incidents/{routed.pk}/route/")
    client = client_for(officer)
    assert [r.pk for r in client.get("/incidents/").context["page_obj"]] == [routed.pk]
    assert client.get(f"/incidents/{own.pk}/").status_code == 200


def test_the_contact_point_ties_the_case_to_a_partner(client_for):
    partner = f.PartnerFactory(name="Harbour University")
    case = report()
    client = client_for(english(f.contact_point))
    bad = client.post(f"/incidents/{case.pk}/partner/", {"partner": str(partner.pk)})
    assert bad.status_code == 400
    assert set(bad.context["tie_form"].errors) == {"occurred_on", "description"}
    client.post(
        f"/incidents/{case.pk}/partner/",
        {
            "partner": str(partner.pk),
            "occurred_on": "2026-11-20",
            "description": "Pressure to share data.",
        },
    )
    case.refresh_from_db()
    assert case.partner_incident.partner == partner
    page = client.get(f"/incidents/{case.pk}/").content.decode()
    assert "Recorded as an incident of the partner" in page
    partner_page = client.get(f"/partners/{partner.pk}/").content.decode()
    assert "Pressure to share data." in partner_page


def test_the_contact_points_home_counts_new_cases(client_for):
    report()
    report().messages.create(author=f.contact_point(), text="x")
    page = client_for(f.contact_point()).get("/").content.decode()
    assert 'href="/incidents/?status=received"' in page
    import re

    count = re.search(
        r'href="/incidents/\?status=received".*?work-count">(\d+)<', page, re.S
    )
    assert count
    assert count.group(1) == "2"
