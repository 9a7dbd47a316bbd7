"""The pure pieces of the matcher: scripts to ASCII, query forms, countries."""

from __future__ import annotations

import pytest

from agreements.matching.normalise import implied_countries, tokens
from agreements.matching.scripts import han_words, to_ascii
from agreements.matching.variants import (
    query_forms,
    without_military_owner,
    without_trailing_places,
)

VOCABULARY = frozenset({"harbin", "institute", "technology", "shenzhen", "caep"})


@pytest.mark.parametrize(
    ("chinese", "words"),
    [
        ("哈尔滨工业大学", ("harbin", "gongye", "university")),
        ("北京航空航天大学", ("beijing", "aeronautics", "astronautics", "university")),
        ("中国科学院计算技术研究所", ("china", "academy", "sciences", "computing")),
        ("哈尔滨医科大学", ("harbin", "medical", "university")),
    ],
)
def test_chinese_is_cut_at_known_words_and_romanised(chinese, words):
    assert tokens(chinese)[: len(words)] == words


def test_a_run_of_unknown_han_characters_stays_one_word():
    assert han_words("海康威视").split() == ["haikangweishi"]


def test_arabic_and_persian_forms_of_a_letter_fold_to_one():
    assert to_ascii("دانشگاه صنعتي شريف") == to_ascii("دانشگاه صنعتی شریف")
    assert tokens("دانشگاه صنعتی شریف")[0] == "university"


def test_cyrillic_is_transliterated():
    assert tokens("Томский политехнический университет") == (
        "tomskiy",
        "polytechnic",
        "university",
    )


@pytest.mark.parametrize(
    ("name", "shorter"),
    [
        ("Harbin Institute of Technology, Shenzhen", "Harbin Institute of Technology"),
        (
            "Sharif University of Technology, Tehran, Iran",
            "Sharif University of Technology",
        ),
        ("Chongqing University, Chongqing 400044", "Chongqing University"),
        ("哈尔滨工业大学，威海", "哈尔滨工业大学"),  # noqa: RUF001
        # a part that names an organisation, or uses the lists' words, stays
        ("Institute of Physics, Chinese Academy of Sciences", None),
        ("The High Power Laser Laboratory, CAEP", None),
        ("Technology, Harbin Institute of", None),
    ],
)
def test_only_places_after_a_comma_are_cut(name, shorter):
    assert without_trailing_places(name, VOCABULARY) == (shorter or name)


@pytest.mark.parametrize(
    ("name", "left"),
    [
        ("PLA Information Engineering University", ("information", "engineering")),
        ("Chinese People's Liberation Army Space Engineering University", ("space",)),
        ("National University of Defense Technology of the PLA", ("national",)),
        ("中国人民解放军国防科技大学", ("national",)),
        ("IRGC Imam Hossein University", ("imam",)),
    ],
)
def test_a_military_owner_is_cut(name, left):
    assert without_military_owner(tokens(name))[: len(left)] == left


def test_pla_alone_is_a_name_not_an_owner():
    assert without_military_owner(("pla",)) == ("pla",)


def test_query_forms_hold_the_full_name_first_and_no_repeats():
    forms = query_forms(
        "PLA Harbin Institute of Technology (Weihai), Shenzhen", VOCABULARY
    )
    assert forms[0] == tokens("PLA Harbin Institute of Technology (Weihai), Shenzhen")
    assert ("harbin", "institute", "technology") in forms
    assert len(forms) == len(set(forms))


@pytest.mark.parametrize(
    ("name", "countries"),
    [
        ("Norwegian University of Science and Technology", {"NO"}),
        ("Iran University of Science and Technology", {"IR"}),
        ("University of Hong Kong", {"HK"}),
        ("Harbin Institute of Technology", set()),  # a city names no country
    ],
)
def test_a_name_states_its_country(name, countries):
    assert implied_countries(name) == countries
