"""What a stored result was scored from (scoring.stored.inputs_text): equal
inputs give equal text whatever their types, and any changed input changes it."""

from __future__ import annotations

from countries.facts import CountryFacts, Fact, PartnerFacts
from countries.models import Country
from screening.scoring.stored import Case, inputs_text

FACT = Fact("travel_advice", "caution", "UD", "2026")
PARTNER = PartnerFacts(7, "Example University", "XK", "university")


def _case(country=None, answers=None, partners=(PARTNER,)) -> Case:
    country = country or CountryFacts("XK", "Land", "T1", (FACT,))
    return Case("samarbeid", 2, answers or {"collab.balance": "yes"}, country, partners)


def test_equal_facts_give_equal_inputs_whatever_their_types():
    as_choice = CountryFacts("XK", "Land", Country.Tier.T1, [FACT])  # unhashable

    assert inputs_text(_case(as_choice)) == inputs_text(_case())


def test_each_changed_input_changes_the_inputs():
    base = inputs_text(_case())
    other_fact = CountryFacts(
        "XK", "Land", "T1", (Fact("travel_advice", "normal", "UD"),)
    )
    flagged = PartnerFacts(7, "Example University", "XK", "university", (FACT,))

    assert inputs_text(_case(other_fact)) != base
    assert inputs_text(_case(partners=(flagged,))) != base
    assert inputs_text(_case(answers={"collab.balance": "no"})) != base


def test_equal_answers_in_another_key_order_give_equal_inputs():
    # A save holds the answers in the order they were given; a row read back
    # from PostgreSQL in jsonb's order. Both must skip the same way.
    given = {"collab.balance": "yes", "partner.type": "university", "x": ["b", "a"]}
    read_back = {"x": ["b", "a"], "partner.type": "university", "collab.balance": "yes"}

    assert inputs_text(_case(answers=given)) == inputs_text(_case(answers=read_back))


def test_answers_beyond_fast_encoding_still_have_inputs():
    # A forged answer with an integer over 64 bits, or Norwegian letters in a
    # free-text answer: an inputs text all the same, and a different one.
    huge = inputs_text(_case(answers={"collab.balance": 2**70}))
    words = inputs_text(_case(answers={"collab.note": "Blåbærsyltetøy"}))

    assert str(2**70) in huge
    assert "Blåbærsyltetøy" in words
    assert len({huge, words, inputs_text(_case())}) == 3
