"""The review queue at /reviews/: pages, counts per state and filters in SQL."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from screening.models import Screening
from screening.services import reviews
from tests import factories
from tests.screening.review_support import submitted

S = Screening.Status
pytestmark = pytest.mark.django_db


def waiting(n: int, **kwargs) -> list[Screening]:
    """`n` submitted screenings of one owner and partner (cheap: no submit path)."""
    owner = factories.researcher()
    partner = factories.PartnerFactory()
    return factories.ScreeningFactory.create_batch(
        n,
        owner=owner,
        partner=partner,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        **kwargs,
    )


def rows(body: str) -> list[str]:
    return re.findall(r'href="/screenings/(\d+)/review/"', body)


def test_queue_shows_fifty_a_page_and_page_links_keep_the_filters(
    client_for, contact_point
):
    waiting(51, title="Summer school")
    client = client_for(contact_point)
    first = client.get("/reviews/?level=incomplete").content.decode()
    assert len(rows(first)) == 50
    assert "51 vurderinger" in first
    assert 'href="?level=incomplete&amp;page=2"' in first
    second = client.get("/reviews/?level=incomplete&page=2").content.decode()
    assert len(rows(second)) == 1
    assert set(rows(first)).isdisjoint(rows(second))
    assert len(rows(client.get("/reviews/?level=high").content.decode())) == 0


def test_counts_per_state_cover_every_page_and_follow_the_filters(
    client_for, contact_point
):
    waiting(52)
    sent_back = submitted(export=True, title="Drone sensors")
    reviews.request_changes(sent_back, by=contact_point, reason="More")
    client = client_for(contact_point)
    body = client.get("/reviews/?page=2").content.decode()
    assert "Sendt inn: <strong>52</strong>" in body
    assert "Endringer etterspurt: <strong>1</strong>" in body
    filtered = client.get("/reviews/?route=export-control").content.decode()
    assert "Sendt inn: <strong>0</strong>" in filtered
    assert "Endringer etterspurt: <strong>1</strong>" in filtered
    # The state buttons keep the other filters and start on the first page.
    assert 'href="?route=export-control&amp;status=changes_requested"' in filtered


def test_dimension_filter_finds_raised_dimensions_in_any_order(
    client_for, contact_point
):
    export = submitted(export=True, title="Drone sensors")
    calm = submitted(title="Exchange Lund")
    raised = {d["key"] for d in export.result["dimensions"] if d["level"] != "low"}
    assert "EXP" in raised
    assert all(d["level"] == "low" for d in calm.result["dimensions"])
    # Stored results from another definition may list dimensions in another order.
    reordered = {**export.result, "dimensions": export.result["dimensions"][::-1]}
    Screening.objects.filter(pk=export.pk).update(result=reordered)
    client = client_for(contact_point)
    body = client.get("/reviews/?dimension=EXP").content.decode()
    assert rows(body) == [str(export.pk)]
    assert rows(client.get("/reviews/?dimension=AF").content.decode()) == []
    assert rows(client.get("/reviews/?dimension=nonsense").content.decode()) == []
    odd = client.get("/reviews/", {"dimension": "EXP__in'\""})
    assert odd.status_code == 200
    assert rows(odd.content.decode()) == []


def test_queue_query_count_does_not_grow_with_rows_or_pages(
    client_for, contact_point, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(contact_point)
    export = submitted(export=True)
    url = "/reviews/?route=export-control&dimension=EXP&page=1"
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for screening in waiting(60):
        reviews.route_to_export_control(screening, by=contact_point)
    Screening.objects.update(
        result=export.result, dimension_levels=export.dimension_levels
    )
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert len(rows(body)) == 50


def test_filters_offer_the_queues_countries_and_partners_and_keep_the_choice(
    client_for, contact_point
):
    queued = waiting(1)[0]
    draft = factories.ScreeningFactory(partner=factories.PartnerFactory())
    client = client_for(contact_point)
    url = f"/reviews/?partner={queued.partner_id}&country={queued.country_id.lower()}"
    body = client.get(url).content.decode()
    partner = f'<option value="{queued.partner_id}" selected>{queued.partner.name}<'
    assert partner in body
    country = f'<option value="{queued.country_id}" selected>{queued.country.name_nb}<'
    assert country in body
    partners = body.split('id="f-partner"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{draft.partner_id}"' not in partners  # not queued
    unit = f'<option value="{queued.unit_id}">{queued.unit.name}<'
    assert unit in body
    assert rows(body) == [str(queued.pk)]
