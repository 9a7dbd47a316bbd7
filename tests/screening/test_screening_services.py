"""The screening actions: start, save with merge, co-authors, renewal, submit."""

from __future__ import annotations

import datetime

import pytest

from screening.models import Screening
from screening.services import screenings as services
from tests import factories
from tests.screening.flow_answers import answer_everything

pytestmark = pytest.mark.django_db


def _start(owner, **kwargs):
    partner = kwargs.pop("partner", None) or factories.PartnerFactory()
    return services.create_screening(
        by=owner,
        title="Summer school with partner",
        country=partner.country,
        unit=owner.unit,
        partner=partner,
        components=["joint_research"],
        period_start=datetime.date(2026, 1, 1),
        **kwargs,
    )


def test_a_new_screening_is_a_scored_draft_with_the_case_answers(researcher):
    screening = _start(researcher)
    assert screening.status == Screening.Status.DRAFT
    assert screening.answers["collab.components"] == ["joint_research"]
    assert screening.answers["case.start"] == "2026-01-01"
    assert screening.result["questionnaire"] == {"id": "samarbeid", "version": 2}
    assert screening.overall_level == Screening.Level.INCOMPLETE


def test_saving_stores_the_changed_answers_and_rescores(researcher):
    screening = _start(researcher)
    before = screening.revision
    conflicts = services.save_answers(
        screening,
        changes={"collab.confidentiality": "partner_request"},
        originals={"collab.confidentiality": ""},
        revision=screening.revision,
        by=researcher,
    )
    assert conflicts == []
    assert screening.answers["collab.confidentiality"] == "partner_request"
    assert screening.revision > before
    lines = [line["key"] for line in screening.result["ledger"]]
    assert "collab.confidentiality" in lines


def test_answers_to_hidden_questions_are_ignored(researcher):
    screening = _start(researcher)
    services.save_answers(
        screening,
        changes={"collab.signing_level": "individual", "no.such": "x"},
        originals={},
        revision=screening.revision,
        by=researcher,
    )
    assert "collab.signing_level" not in screening.answers
    assert "no.such" not in screening.answers


def test_another_tabs_answer_is_kept_and_reported(researcher):
    screening = _start(researcher)
    rendered = screening.revision
    services.save_answers(  # the other tab
        screening,
        changes={"collab.anchored": "yes", "collab.balance": "yes"},
        originals={},
        revision=rendered,
        by=researcher,
    )
    conflicts = services.save_answers(  # this tab, rendered before
        screening,
        changes={
            "collab.anchored": "no",
            "collab.balance": "yes",
            "collab.reflection": "Open",
        },
        originals={},
        revision=rendered,
        by=researcher,
    )
    assert [(c.key, c.mine, c.stored) for c in conflicts] == [
        ("collab.anchored", "no", "yes")
    ]
    assert screening.answers["collab.anchored"] == "yes"
    assert screening.answers["collab.reflection"] == "Open"


def test_a_field_left_untouched_does_not_undo_another_tab(researcher):
    screening = _start(researcher)
    rendered = screening.revision
    services.save_answers(
        screening,
        changes={"collab.anchored": "yes"},
        originals={},
        revision=None,
        by=researcher,
    )
    services.save_answers(
        screening,
        changes={"collab.anchored": "", "collab.balance": "partly"},
        originals={"collab.anchored": ""},
        revision=rendered,
        by=researcher,
    )
    assert screening.answers["collab.anchored"] == "yes"
    assert screening.answers["collab.balance"] == "partly"


def test_co_authors_can_be_added_once_and_removed(researcher):
    screening = _start(researcher)
    colleague = factories.researcher()
    assert services.add_co_author(screening, user=colleague, by=researcher)
    assert not services.add_co_author(screening, user=colleague, by=researcher)
    assert Screening.objects.editable_by(colleague).filter(pk=screening.pk).exists()
    assert services.remove_co_author(screening, user=colleague, by=researcher)
    assert not Screening.objects.visible_to(colleague).filter(pk=screening.pk).exists()


def test_a_renewal_starts_from_the_latest_screening_of_the_agreement(researcher):
    partner = factories.PartnerFactory()
    agreement = factories.AgreementFactory(partners=[partner])
    first = _start(researcher, partner=partner, agreement=agreement)
    services.save_answers(
        first,
        changes={"collab.anchored": "no"},
        originals={},
        revision=None,
        by=researcher,
    )
    renewal = _start(
        researcher, partner=partner, agreement=agreement, stage=Screening.Stage.RENEWAL
    )
    assert renewal.previous == first
    assert renewal.answers["collab.anchored"] == "no"
    assert renewal.answers["case.stage"] == "renewal"
    services.save_answers(
        renewal,
        changes={"collab.anchored": "yes"},
        originals={"collab.anchored": "no"},
        revision=renewal.revision,
        by=researcher,
    )
    assert services.changed_since_previous(renewal) == {
        "collab.anchored": "no",
        "case.stage": "new",
    }


def test_submit_is_refused_while_blocking_items_are_open(researcher):
    screening = _start(researcher)
    assert screening.result["blocking"]
    with pytest.raises(services.SubmitRefused):
        services.submit_screening(screening, by=researcher)
    screening.refresh_from_db()
    assert screening.status == Screening.Status.DRAFT


def test_submit_drops_hidden_answers_and_twice_is_a_no_op(researcher):
    screening = _start(researcher)
    answers = answer_everything(screening)
    answers["collab.signing_level"] = "faculty"
    answers["collab.agreement_status"] = "none_planned"
    Screening.objects.filter(pk=screening.pk).update(answers=answers)
    screening.refresh_from_db()
    assert services.submit_screening(screening, by=researcher) is True
    assert screening.status == Screening.Status.SUBMITTED
    assert screening.submitted_at is not None
    assert "collab.signing_level" not in screening.answers
    submitted_at = screening.submitted_at
    assert services.submit_screening(screening, by=researcher) is False
    screening.refresh_from_db()
    assert screening.submitted_at == submitted_at
    assert screening.transitions.count() == 1
