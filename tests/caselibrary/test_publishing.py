"""The contact point publishes an anonymised summary of a decided screening."""

from __future__ import annotations

import pytest

from caselibrary.models import Case
from screening.models import Comment, Screening
from tests import factories as f
from tests.caselibrary.support import decided_screening, published_case

pytestmark = pytest.mark.django_db


def form_data(screening, **overrides):
    return {
        "title": "Robotics lab abroad",
        "planned": "A joint robotics laboratory over four years.",
        "mattered": "Dual-use potential and the partner's defence links.",
        "decided": "Approved on condition that no controlled technology is shared.",
        "theme": Case.Theme.EXPORT_CONTROL,
        "research_area": "",
        "country": screening.country_id,
        **overrides,
    }


def test_publish_form_is_prefilled_without_any_persons_name(client_for):
    owner = f.researcher(first_name="Kari", last_name="Nordmann")
    reviewer = f.contact_point(first_name="Ola", last_name="Hansen")
    screening = decided_screening(
        owner=owner, reviewer=reviewer, reason="The exit clause answers the risk."
    )
    screening.co_authors.add(f.researcher(first_name="Siri", last_name="Berg"))
    response = client_for(reviewer).get(f"/cases/publish/{screening.pk}/")
    initial = response.context["form"].initial
    text = " ".join(str(v) for v in initial.values())
    for name in ("Kari", "Nordmann", "Ola", "Hansen", "Siri", "Berg"):
        assert name not in text
    assert "The exit clause answers the risk." in initial["decided"]
    assert screening.partner.name not in text  # hidden until the box is ticked
    assert initial["show_partner"] is False


@pytest.mark.parametrize(
    "status",
    [
        Screening.Status.APPROVED,
        Screening.Status.APPROVED_WITH_CONDITIONS,
        Screening.Status.REJECTED,
    ],
)
def test_a_decided_screening_publishes(client_for, status):
    contact = f.contact_point()
    screening = decided_screening(status)
    response = client_for(contact).post(
        f"/cases/publish/{screening.pk}/", form_data(screening)
    )
    case = Case.objects.get(screening=screening)
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.decision == status
    assert case.published_by == contact
    assert case.is_published


@pytest.mark.parametrize(
    "status",
    [
        Screening.Status.DRAFT,
        Screening.Status.SUBMITTED,
        Screening.Status.IN_REVIEW,
        Screening.Status.CHANGES_REQUESTED,
        Screening.Status.WITHDRAWN,
    ],
)
def test_an_undecided_screening_cannot_be_published(client_for, status):
    screening = f.ScreeningFactory(status=status)
    client = client_for(f.contact_point())
    response = client.post(f"/cases/publish/{screening.pk}/", form_data(screening))
    assert response.status_code == 404
    assert not Case.objects.exists()
    listing = client.get("/cases/publish/").content.decode()
    assert screening.title not in listing


@pytest.mark.parametrize(
    ("field", "text", "name"),
    [
        ("planned", "Kari Nordmann leads the project.", "Kari Nordmann"),
        ("mattered", "NORDMANN had worked there before.", "Nordmann"),
        ("decided", "Hansen approved it after a call.", "Hansen"),
        ("title", "Berg's robotics lab", "Berg"),
        ("decided", "The commenter agreed (Lund).", "Lund"),
    ],
)
def test_names_of_people_on_the_screening_are_refused_next_to_the_field(
    client_for, field, text, name
):
    owner = f.researcher(first_name="Kari", last_name="Nordmann")
    reviewer = f.contact_point(first_name="Ola", last_name="Hansen")
    screening = decided_screening(owner=owner, reviewer=reviewer)
    screening.co_authors.add(f.researcher(first_name="Siri", last_name="Berg"))
    Comment.objects.create(
        screening=screening, author=f.export_officer(last_name="Lund"), body="Fine."
    )
    response = client_for(reviewer).post(
        f"/cases/publish/{screening.pk}/", form_data(screening, **{field: text})
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert name in errors[field][0]
    assert "Navn på personer publiseres aldri" in errors[field][0]
    assert not Case.objects.exists()
    html = response.content.decode()
    assert f'id="id_{field}"' in html
    assert "invalid-feedback" in html


def test_ordinary_words_that_contain_a_name_are_not_refused(client_for):
    owner = f.researcher(first_name="Per", last_name="Lie")
    screening = decided_screening(owner=owner)
    response = client_for(f.contact_point()).post(
        f"/cases/publish/{screening.pk}/",
        form_data(screening, planned="Two visits per year; a liaison office."),
    )
    assert response.status_code == 302


def test_partner_is_hidden_unless_the_contact_point_ticks_show_partner(client_for):
    screening = decided_screening()
    partner = screening.partner.name
    client = client_for(f.contact_point())
    refused = client.post(
        f"/cases/publish/{screening.pk}/",
        form_data(screening, planned=f"A lab with {partner}."),
    )
    assert (
        "navnet på partnerinstitusjonen" in refused.context["form"].errors["planned"][0]
    )

    client.post(f"/cases/publish/{screening.pk}/", form_data(screening))
    case = Case.objects.get()
    reader = client_for(f.researcher())
    assert partner not in reader.get(f"/cases/{case.pk}/").content.decode()
    assert partner not in reader.get("/cases/").content.decode()
    found = reader.get("/cases/", {"q": partner}).context["page_obj"]
    assert found.paginator.count == 0  # a hidden partner is no search key either

    client = client_for(f.contact_point())
    client.post(
        f"/cases/publish/{screening.pk}/",
        form_data(screening, show_partner="on", planned=f"A lab with {partner}."),
    )
    reader = client_for(f.researcher())
    assert partner in reader.get(f"/cases/{case.pk}/").content.decode()
    assert partner in reader.get("/cases/").content.decode()


def test_unpublish_takes_the_case_out_of_the_library_and_keeps_history(client_for):
    case = published_case()
    contact = f.contact_point()
    response = client_for(contact).post(f"/cases/{case.pk}/unpublish/")
    assert response.status_code == 302
    case.refresh_from_db()
    assert not case.is_published
    assert case.history.count() == 2
    assert case.history.first().history_user == contact
    reader = client_for(f.researcher())
    assert case.title not in reader.get("/cases/").content.decode()
    assert reader.get(f"/cases/{case.pk}/").status_code == 404
    # twice is harmless
    assert client_for(contact).post(f"/cases/{case.pk}/unpublish/").status_code == 302


def test_publishing_again_restores_an_unpublished_case(client_for):
    case = published_case()
    client = client_for(f.contact_point())
    client.post(f"/cases/{case.pk}/unpublish/")
    form = client.get(f"/cases/publish/{case.screening_id}/").context["form"]
    assert form.initial["title"] == case.title  # the edit form starts from the case
    client.post(
        f"/cases/publish/{case.screening_id}/",
        form_data(case.screening, title="Revised summary"),
    )
    case.refresh_from_db()
    assert case.is_published
    assert case.title == "Revised summary"
    assert Case.objects.count() == 1


def test_demo_publishes_decided_screenings_without_names():
    from tools.demo import cases as demo

    f.contact_point()
    owner = f.researcher(first_name="Kari", last_name="Nordmann")
    screening = decided_screening(owner=owner, reason="Nordmann must report yearly.")
    decided_screening(Screening.Status.REJECTED, title="Satellite links")
    f.ScreeningFactory(status=Screening.Status.SUBMITTED)
    assert demo.seed_cases() == 1  # the one whose reason names a person is skipped
    assert demo.seed_cases() == 1  # twice is harmless
    case = Case.objects.get()
    assert case.screening != screening
    assert case.decision == Screening.Status.REJECTED
