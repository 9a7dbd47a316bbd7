"""Fuzzing: random and hostile POSTs to every form never give a 500, and never
change anything unless the form was valid."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.models import Agreement
from countries.models import Assessment
from screening import questionnaire as qn
from screening.models import Screening, Transition
from screening.progress import METADATA_SECTIONS
from screening.services import screenings as screening_services
from tests import factories
from tests.screening.flow_answers import answer_everything
from tools.bench.pages import FormReader

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HOSTILE = st.sampled_from(
    ["", " ", "yes", "no", "unknown", "0", "-1", "9" * 40, "2025-02-30", "NaN",
     "XX", "zz", "<script>alert(1)</script>", "a\x00b", "'; DROP TABLE x; --",
     "ÆØÅ æøå", "1e309", "[]", "{}", "\U0001d518\U0001d52b\u200b", "x" * 5000]
)  # fmt: skip
VALUE = st.one_of(HOSTILE, st.text(max_size=60))
pytestmark = pytest.mark.django_db


def _form_of(client, path: str, having: str = "") -> dict[str, list[str]]:
    """The fields of the page's POST form (the one with `having`, else the largest)."""
    reader = FormReader()
    reader.feed(client.get(path).content.decode())
    forms = [f for f in reader.forms if having in f] if having else reader.forms
    return max(forms, key=len)


def _fuzzed(base: dict, names: list[str], data) -> dict:
    """The valid form, with some fields replaced by hostile values or removed."""
    posted = {k: v for k, v in base.items() if v}
    for name in data.draw(st.lists(st.sampled_from(names), max_size=4, unique=True)):
        if data.draw(st.booleans()):
            posted[name] = data.draw(st.lists(VALUE, min_size=1, max_size=3))
        else:
            posted.pop(name, None)
    return posted


def test_section_posts_never_fail_and_store_only_valid_answers(client_for, researcher):
    screening = factories.ScreeningFactory(owner=researcher)
    q = screening.questionnaire
    key = next(s.key for s in q.sections if s.key not in METADATA_SECTIONS)
    path = f"/screenings/{screening.pk}/section/{key}/"
    client = client_for(researcher)
    form = _form_of(client, path, having="revision")

    @FUZZ
    @given(data=st.data())
    def post(data):
        response = client.post(path, _fuzzed(form, list(form), data))
        assert response.status_code < 500
        screening.refresh_from_db()
        for answer_key, value in screening.answers.items():
            question = q.question(answer_key)
            assert question is not None
            assert qn.validate_answer(question, value) is None

    post()


def test_agreement_edits_never_fail_and_change_nothing_when_invalid(
    client_for, contact_point
):
    agreement = factories.AgreementFactory()
    path = f"/agreements/{agreement.pk}/edit/"
    client = client_for(contact_point)
    form = _form_of(client, path)

    @FUZZ
    @given(data=st.data())
    def post(data):
        before = Agreement.objects.filter(pk=agreement.pk).values().get()
        fields = dict(_form_of(client, path))
        response = client.post(path, _fuzzed(fields, list(form), data))
        assert response.status_code < 500
        if response.status_code != 302:
            after = Agreement.objects.filter(pk=agreement.pk).values().get()
            assert after == before

    post()


@FUZZ
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(str.encode),
        st.lists(st.lists(VALUE, min_size=1, max_size=8).map(",".join), max_size=6).map(
            lambda rows: ("title,partner,country,kind\n" + "\n".join(rows)).encode()
        ),
    ),
    name=st.sampled_from(["register.csv", "register.xlsx", "x.txt", "", "../../x"]),
)
def test_imports_never_fail_and_write_nothing_before_confirmation(
    client_for, contact_point, content, name
):
    client = client_for(contact_point)
    count = Agreement.objects.count()
    upload = SimpleUploadedFile(name or "unnamed", content)
    response = client.post("/agreements/import/", {"file": upload})
    assert response.status_code < 500
    assert Agreement.objects.count() == count


def test_review_decisions_never_fail_and_change_nothing_when_invalid(
    client_for, contact_point
):
    owner = factories.researcher()
    client = client_for(contact_point)

    @FUZZ
    @given(
        decision=st.one_of(st.sampled_from(["approve", "reject"]), VALUE), text=VALUE
    )
    def post(decision, text):
        screening = factories.ScreeningFactory(owner=owner)
        screening.answers = answer_everything(screening)
        screening.save()
        screening_services.submit_screening(screening, by=owner)
        steps = Transition.objects.count()
        response = client.post(
            f"/screenings/{screening.pk}/review/decide/",
            {"decision": decision, "text": text},
        )
        assert response.status_code < 500
        if response.status_code == 400:
            assert Transition.objects.count() == steps
            status = Screening.objects.get(pk=screening.pk).status
            assert status == Screening.Status.SUBMITTED

    post()


def test_country_assessments_never_fail_and_record_nothing_when_invalid(
    client_for, contact_point
):
    country = factories.CountryFactory()
    client = client_for(contact_point)

    @FUZZ
    @given(level=st.one_of(st.sampled_from(["low", "high"]), VALUE), rationale=VALUE)
    def post(level, rationale):
        count = Assessment.objects.count()
        response = client.post(
            f"/countries/{country.pk}/", {"level": level, "rationale": rationale}
        )
        assert response.status_code < 500
        if response.status_code != 302:
            assert Assessment.objects.count() == count

    post()
