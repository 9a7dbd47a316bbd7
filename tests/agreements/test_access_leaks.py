"""Access-control review: the register never hints at other units' agreements."""

from __future__ import annotations

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_partner_list_counts_only_the_agreements_the_user_may_see(client_for):
    partner = f.PartnerFactory()
    unit = f.UnitFactory()
    f.AgreementFactory(partners=[partner], responsible_unit=unit)
    f.AgreementFactory(partners=[partner])
    f.AgreementFactory(partners=[partner])

    def count(user):
        page = client_for(user).get("/partners/").context["page_obj"]
        return next(p.agreement_count for p in page if p.pk == partner.pk)

    assert count(f.researcher(unit=unit)) == 1
    assert count(f.researcher()) == 0
    assert count(f.contact_point()) == 3


def test_a_match_is_decided_only_under_its_own_partner(client_for, contact_point):
    match = f.PartnerMatchFactory()
    other = f.PartnerFactory()
    response = client_for(contact_point).post(
        f"/partners/{other.pk}/matches/{match.pk}/",
        {"decision": "dismissed", "reason": "Checked the address"},
    )
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.status == "candidate"
