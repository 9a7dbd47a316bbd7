"""A researcher records a course completion; the screening and the leader's
coverage pages show it (issue 22)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from agreements import roles
from competence.models import Completion, Course
from tests import factories

pytestmark = pytest.mark.browser


def test_a_researcher_records_a_completion_and_the_leader_sees_coverage(browse):
    for name in roles.ALL:
        Group.objects.get_or_create(name=name)  # a flush may have removed them
    unit = factories.UnitFactory(name="Institutt for fysikk")
    researcher = factories.researcher(
        username="forsker", first_name="Frida", last_name="Forsker", unit=unit
    )
    factories.researcher(unit=unit)
    factories.leader(username="leder")
    course = Course.objects.create(
        title="Forskningssikkerhet",
        url="https://example.no/kurs",
        description="E-læring, 45 minutter.",
        renew_months=24,
        required_in_screenings=True,
    )
    Course.objects.create(title="Introduksjon for nyansatte")
    screening = factories.ScreeningFactory(owner=researcher, title="Samarbeid med Oslo")
    page = browse.page
    browse.login("forsker")

    browse.visit("/competence/")
    assert page.locator("h1").inner_text() == "Kurs og orienteringer"
    assert page.locator(f"#course-{course.pk}").get_by_text("Mangler").is_visible()
    browse.screenshot("course-list")

    page.get_by_role("link", name="Registrer gjennomført kurs").click()
    page.wait_for_load_state("load")
    page.select_option("#id_course", str(course.pk))
    tomorrow = timezone.localdate() + timedelta(days=1)
    page.fill("#id_completed_on", tomorrow.isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    page.wait_for_load_state("load")
    browse.audit()
    error = page.locator("#error_1_id_completed_on")
    assert "fram i tid" in error.inner_text()
    browse.screenshot("record-form-error")
    assert not Completion.objects.exists()

    page.fill("#id_completed_on", (tomorrow - timedelta(days=8)).isoformat())
    page.get_by_role("button", name="Registrer", exact=True).click()
    page.wait_for_load_state("load")
    browse.audit()
    assert page.get_by_text("Gjennomføringen er registrert.").is_visible()
    assert page.locator(f"#course-{course.pk}").get_by_text("Gjeldende").is_visible()
    assert Completion.objects.get().user == researcher

    browse.visit(f"/screenings/{screening.pk}/summary/")
    block = page.locator("section.competence-status")
    assert "Frida Forsker" in block.inner_text()
    assert block.get_by_text("Gjeldende").is_visible()
    block.scroll_into_view_if_needed()
    block.screenshot(path=str(browse.shots / "screening-block.png"))

    page.context.clear_cookies()
    browse.login("leder")
    browse.visit("/competence/coverage/")
    row = page.locator("tr", has_text="Institutt for fysikk")
    assert "50 %" in row.inner_text()
    browse.screenshot("coverage")
    browse.visit("/dashboard/")
    block = page.locator("section.competence-coverage")
    assert "Institutt for fysikk" in block.inner_text()
    block.screenshot(path=str(browse.shots / "dashboard-block.png"))
    browse.visit("/competence/record-group/")
    browse.screenshot("record-group")
