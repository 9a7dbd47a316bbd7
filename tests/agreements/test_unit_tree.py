"""Unit trees never loop: the form refuses a loop, and old looped data still ends."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Unit
from screening.reports import summary
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """Fakultet > Institutt > Gruppe."""
    faculty = f.UnitFactory(name="Fakultet")
    department = f.UnitFactory(name="Institutt", parent=faculty)
    group = f.UnitFactory(name="Gruppe", parent=department)
    return faculty, department, group


def test_a_unit_cannot_be_its_own_parent(tree):
    faculty, _department, _group = tree
    faculty.parent = faculty
    with pytest.raises(ValidationError) as refused:
        faculty.full_clean()
    assert "parent" in refused.value.message_dict


def test_a_unit_cannot_move_below_its_own_sub_unit(tree):
    faculty, _department, group = tree
    faculty.parent = group
    with pytest.raises(ValidationError) as refused:
        faculty.full_clean()
    assert "parent" in refused.value.message_dict


def test_a_unit_may_move_to_another_branch(tree):
    _faculty, department, _group = tree
    other = f.UnitFactory(name="Annet fakultet")
    department.parent = other
    department.full_clean()


def test_joining_a_loop_left_in_old_data_is_refused(tree):
    faculty, _department, group = tree
    Unit.objects.filter(pk=faculty.pk).update(parent=group)  # old bad data
    newcomer = Unit(name="Ny gruppe", parent=group)
    with pytest.raises(ValidationError) as refused:
        newcomer.full_clean()
    assert "sløyfe" in " ".join(refused.value.message_dict["parent"])


def test_the_admin_offers_neither_the_unit_nor_its_branch_as_parent(client, tree):
    faculty, department, group = tree
    other = f.UnitFactory(name="Annet fakultet")
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    url = f"/admin/agreements/unit/{department.pk}/change/"
    page = client.get(url)
    offered = set(re.findall(r'<option value="(\d+)"', page.text))
    assert {str(faculty.pk), str(other.pk)} <= offered
    assert not {str(department.pk), str(group.pk)} & offered

    refused = client.post(url, {"name": "Institutt", "parent": group.pk})
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["parent"]
    department.refresh_from_db()
    assert department.parent == faculty


def test_the_descendants_of_a_looped_unit_are_found_once(tree):
    faculty, department, group = tree
    Unit.objects.filter(pk=faculty.pk).update(parent=group)  # old bad data
    assert faculty.descendant_ids() == {faculty.pk, department.pk, group.pk}
    loner = f.UnitFactory(name="Alene")
    Unit.objects.filter(pk=loner.pk).update(parent=loner)
    loner.refresh_from_db()
    assert loner.descendant_ids() == {loner.pk}


def test_the_dashboard_and_the_summary_of_a_unit_that_is_its_own_parent_answer(
    client_for, leader
):
    unit = f.UnitFactory(name="Sirkel")
    Unit.objects.filter(pk=unit.pk).update(parent=unit)  # as the admin once allowed
    f.ScreeningFactory(unit=unit, status="submitted")
    f.ScreeningFactory(status="submitted")  # elsewhere: not counted
    page = client_for(leader).get(f"/dashboard/?unit={unit.pk}")
    assert page.status_code == 200
    data = summary.build(summary.Filter(unit_id=unit.pk, since=None, until=None))
    assert data.unit == unit
    assert data.key_figures["screenings"] == 1
