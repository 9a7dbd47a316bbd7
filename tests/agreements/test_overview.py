"""The agreement overview: filters, search, sorting, flags and constant queries."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Agreement
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def register():
    """A small realistic register covering every flag once."""
    safe = f.CountryFactory(iso2="SE", name_nb="Sverige", name_en="Sweden")
    sanctioned = f.CountryFactory(
        iso2="RU", name_nb="Russland", tier="T3", sanctions_level="sectoral"
    )
    unfree = f.CountryFactory(iso2="CN", name_nb="Kina", tier="T3", af_band="very_low")
    lund = f.PartnerFactory(name="Lunds universitet", country=safe)
    f.PartnerAliasFactory(partner=lund, name="Lund University")
    bauman = f.PartnerFactory(
        name="Bauman Moscow State Technical University", country=sanctioned
    )
    hit = f.PartnerFactory(
        name="Harbin Institute of Technology",
        country=unfree,
        named_list_status="confirmed",
    )
    screened = timezone.now() - datetime.timedelta(days=30)
    return {
        "calm": f.AgreementFactory(
            title="Calm exchange",
            partners=[lund],
            end_date=days(900),
            last_screened_at=screened,
            last_screening_level="low",
            kind=Agreement.Kind.EXCHANGE,
        ),
        "soon": f.AgreementFactory(
            title="Ends soon",
            partners=[lund],
            end_date=days(30),
            last_screened_at=screened,
        ),
        "lapsed": f.AgreementFactory(
            title="Lapsed but active",
            partners=[lund],
            end_date=days(-10),
            last_screened_at=screened,
        ),
        "stale": f.AgreementFactory(
            title="Old screening",
            partners=[lund],
            end_date=days(900),
            review_interval_months=6,
            last_screened_at=timezone.now() - datetime.timedelta(days=400),
        ),
        "open_ended": f.AgreementFactory(
            title="No exit clause",
            partners=[lund],
            end_date=days(900),
            has_termination_clause=False,
            last_screened_at=screened,
        ),
        "sanctioned": f.AgreementFactory(
            title="Rocket engines",
            partners=[bauman],
            end_date=days(900),
            last_screened_at=screened,
            last_screening_level="very_high",
        ),
        "listed": f.AgreementFactory(
            title="Materials",
            partners=[hit],
            end_date=days(900),
            last_screened_at=screened,
            status=Agreement.Status.DRAFT,
        ),
    }


def titles(response) -> list[str]:
    return [a.title for a in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("expires_soon", {"Ends soon"}),
        ("expired_active", {"Lapsed but active"}),
        ("no_screening", set()),
        ("screening_stale", {"Old screening"}),
        ("no_termination", {"No exit clause"}),
        ("named_list", {"Materials"}),
        ("sanctions", {"Rocket engines"}),
        ("low_af", {"Materials"}),
    ],
)
def test_each_flag_filters_and_counts(
    client_for, contact_point, register, flag, expected
):
    response = client_for(contact_point).get("/agreements/", {"flag": flag})
    assert set(titles(response)) == expected
    counts = {item[0].key: item[1] for item in response.context["flag_counts"]}
    assert counts[flag] == len(expected)


def test_unscreened_agreement_is_flagged(client_for, contact_point, register):
    f.AgreementFactory(title="Never screened", partners=[])
    response = client_for(contact_point).get("/agreements/", {"flag": "no_screening"})
    assert titles(response) == ["Never screened"]


def test_search_finds_title_partner_and_alias(client_for, contact_point, register):
    client = client_for(contact_point)
    assert titles(client.get("/agreements/", {"q": "rocket"})) == ["Rocket engines"]
    assert titles(client.get("/agreements/", {"q": "harbin"})) == ["Materials"]
    by_alias = titles(client.get("/agreements/", {"q": "Lund University"}))
    assert len(by_alias) == 5


def test_filters_by_country_tier_status_kind_and_level(
    client_for, contact_point, register
):
    client = client_for(contact_point)
    high_risk = titles(client.get("/agreements/", {"tier": ["T3"]}))
    assert set(high_risk) == {"Rocket engines", "Materials"}
    assert titles(client.get("/agreements/", {"country": "RU"})) == ["Rocket engines"]
    assert titles(client.get("/agreements/", {"status": "draft"})) == ["Materials"]
    assert titles(client.get("/agreements/", {"kind": "exchange"})) == ["Calm exchange"]
    assert titles(client.get("/agreements/", {"level": "very_high"})) == [
        "Rocket engines"
    ]
    before = titles(client.get("/agreements/", {"end_to": days(40).isoformat()}))
    assert set(before) == {"Ends soon", "Lapsed but active"}


def test_sorting_by_end_date_both_ways(client_for, contact_point, register):
    client = client_for(contact_point)
    ascending = titles(client.get("/agreements/", {"o": "end"}))
    assert ascending[:2] == ["Lapsed but active", "Ends soon"]
    descending = titles(client.get("/agreements/", {"o": "-end"}))
    assert descending[-2:] == ["Ends soon", "Lapsed but active"]


def test_filter_state_is_kept_in_links(client_for, contact_point, register):
    page = client_for(contact_point).get("/agreements/", {"tier": "T3", "o": "title"})
    html = page.content.decode()
    assert "export.xlsx?tier=T3&amp;o=title" in html
    assert "tier=T3" in html
    assert 'aria-sort="ascending"' in html


def test_country_shows_tier_and_sanctions_badge(client_for, contact_point, register):
    html = (
        client_for(contact_point).get("/agreements/", {"q": "rocket"}).content.decode()
    )
    assert "Russland" in html
    assert "T3" in html
    assert "sanctions-badge" in html


def test_pages_hold_fifty_rows(client_for, contact_point):
    partner = f.PartnerFactory()
    for n in range(55):
        f.AgreementFactory(title=f"A{n:03}", partners=[partner])
    client = client_for(contact_point)
    assert len(titles(client.get("/agreements/"))) == 50
    assert titles(client.get("/agreements/", {"page": 2})) == [
        "A050",
        "A051",
        "A052",
        "A053",
        "A054",
    ]


def _bulk(count: int) -> None:
    unit = f.UnitFactory()
    country = f.CountryFactory(iso2="DE", tier="T1")
    partners = [f.PartnerFactory(country=country) for _ in range(3)]
    rows = Agreement.objects.bulk_create(
        Agreement(
            title=f"Bulk {n}",
            responsible_unit=unit,
            status="active",
            end_date=days(n % 400),
        )
        for n in range(count)
    )
    through = Agreement.partners.through
    through.objects.bulk_create(
        through(agreement_id=row.pk, partner_id=partners[n % 3].pk)
        for n, row in enumerate(rows)
    )


def _queries(client) -> int:
    cache.clear()  # the rows are bulk-inserted (no signals): count a fresh render
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/agreements/", {"o": "partner"})
        assert response.status_code == 200
    return len(captured)


def test_query_count_is_the_same_for_10_and_1000_rows(client_for, contact_point):
    client = client_for(contact_point)
    _bulk(10)
    small = _queries(client)
    _bulk(990)
    assert Agreement.objects.count() == 1000
    assert _queries(client) == small


def test_agreement_without_a_unit_is_listed_with_a_dash(client_for, leader):
    f.AgreementFactory(title="Unit still to be decided", responsible_unit=None)

    response = client_for(leader).get("/agreements/")

    assert response.status_code == 200
    assert "Unit still to be decided" in response.content.decode()


def test_partner_filter_from_a_link_works_without_listing_every_partner(
    client_for, contact_point
):
    wanted = f.AgreementFactory(title="Ocean chemistry")
    f.AgreementFactory(title="Unrelated")
    partner = wanted.partners.first()
    others = [f.PartnerFactory(name=f"Partner number {n}") for n in range(5)]
    client = client_for(contact_point)
    page = client.get(f"/agreements/?partner={partner.pk}").text
    assert "Ocean chemistry" in page
    assert "Unrelated" not in page
    assert partner.name in page  # the active filter is named
    assert all(p.name not in page for p in others)  # no drop-down of every partner
