"""The role groups survive a flush, as every transactional test and `manage.py
flush` do one: without them nobody could be given a role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from agreements import roles


@pytest.mark.django_db(transaction=True)
def test_the_role_groups_are_back_after_a_flush():
    Group.objects.create(name="Ad hoc")
    call_command("flush", interactive=False, verbosity=0)
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(roles.ALL)
