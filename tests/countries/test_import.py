"""import_country_indicators: idempotent, and all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from countries.models import Country, Indicator
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db
HEADER = "iso2,kind,value,numeric_value,year,source,source_url,licence\n"


@pytest.fixture
def countries():
    return [
        CountryFactory(iso2="CN", iso3="CHN"),
        CountryFactory(iso2="SE", iso3="SWE"),
    ]


def run(tmp_path, content: str | bytes) -> str:
    path = tmp_path / "indicators.csv"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_country_indicators", str(path), stdout=out)
    return out.getvalue()


GOOD = (
    HEADER
    + "CN,travel_advice,caution,,2026,UD reiseråd,https://www.regjeringen.no/,\n"
    + "CN,threat_assessment_named,main_actor,,2026,PST trusselvurdering 2026,,\n"
    + "SE,academic_freedom_index,0.93,0.93,2025,V-Dem v16,,CC BY-SA 4.0\n"
)


def test_import_adds_indicators_and_updates_the_flags(tmp_path, countries):
    assert "3 new" in run(tmp_path, GOOD)
    china = Country.objects.get(iso2="CN")
    assert china.facts().value("travel_advice") == "caution"
    assert china.tier == "T3"  # the reference data name it as a main actor
    sweden = Country.objects.get(iso2="SE")
    assert (sweden.af_value, sweden.af_year, sweden.af_band) == (0.93, 2025, "high")


def test_importing_the_same_file_twice_changes_nothing(tmp_path, countries):
    run(tmp_path, GOOD)
    before = list(Indicator.objects.values().order_by("pk"))
    assert "0 new, 0 updated" in run(tmp_path, GOOD)
    assert list(Indicator.objects.values().order_by("pk")) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            HEADER.replace("licence", "colour") + GOOD[len(HEADER) :],
            "column colour: unknown column",
        ),
        ("iso2,kind,source\nCN,travel_advice,UD\n", "required column value is missing"),
        (
            GOOD + "QQ,travel_advice,caution,,,UD,,\n",
            "line 5, column iso2: unknown country 'QQ'",
        ),
        (GOOD + "SE,academic_freedom_index,x,0,9,,V-Dem,,\n", "line 5"),
        (
            GOOD + "SE,academic_freedom_index,0.9,zero,2025,V-Dem,,\n",
            "line 5, column numeric_value: 'zero' is not a number",
        ),
        (
            GOOD + "SE,travel_advice,dangerous,,,UD,,\n",
            "line 5, column value: 'dangerous' is not one of",
        ),
        (GOOD + "SE,travel_advice,caution,,1850,UD,,\n", "line 5, column year"),
        (GOOD + "SE,travel_advice,caution,,²,UD,,\n", "line 5, column year"),
        (GOOD + "SE,travel_advice,caution,,,UD,ftp://x,\n", "column source_url"),
        (
            "iso2;kind;value;source\nCN;travel_advice;caution;UD\n",
            "separated by commas",
        ),
        (HEADER, "no rows"),
    ],
)
def test_a_malformed_file_is_rejected_whole_with_line_and_column(
    tmp_path, countries, content, message
):
    with pytest.raises(CommandError, match="nothing was changed") as error:
        run(tmp_path, content)
    assert message in str(error.value)
    assert not Indicator.objects.exists()
    assert Country.objects.get(iso2="CN").tier == "T0"


def test_a_file_that_is_not_utf8_is_rejected(tmp_path, countries):
    latin1 = (HEADER + "SE,travel_advice,caution,,,Utenriksdepartementet å,,\n").encode(
        "latin-1"
    )
    with pytest.raises(CommandError, match="line 2: the file is not UTF-8"):
        run(tmp_path, latin1)
    assert not Indicator.objects.exists()


def test_the_help_documents_the_csv_format():
    from countries.management.commands.import_country_indicators import Command

    assert "iso2" in Command.help
    assert "numeric_value" in Command.help
    assert "travel_advice" in Command.help
