"""The home page points each role at its own work."""

from __future__ import annotations


def test_contact_point_home_links_to_the_register(client_for, contact_point):
    page = client_for(contact_point).get("/").content.decode()

    assert "Avtaleregister" in page
    assert "Åpne registeret" in page


def test_export_officer_home_has_the_queue_but_not_the_register(
    client_for, export_officer
):
    page = client_for(export_officer).get("/").content.decode()

    assert "Åpne køen" in page
    assert "Avtaleregister" not in page


def test_researcher_home_has_no_queue_or_register_card(client_for, researcher):
    page = client_for(researcher).get("/").content.decode()

    assert "/reviews/" not in page
    assert "Avtaleregister" not in page


def test_leadership_home_reads_screenings_and_offers_no_new_one(client_for, leader):
    page = client_for(leader).get("/").content.decode()

    assert "/screenings/new/" not in page
    assert 'href="/screenings/"' in page
    assert 'href="/dashboard/"' in page
    assert 'href="/reports/"' in page


def test_researcher_home_offers_a_new_screening(client_for, researcher):
    page = client_for(researcher).get("/").content.decode()

    assert "/screenings/new/" in page
