"""Countries a name states by itself (pure Python, no Django).

"Norwegian University of Science and Technology" says NO, "Tehran University
of Medical Sciences" says IR. Country names come from fixtures/countries.csv
(ISO 3166 and CLDR names in English and Bokmål), loaded once at import, with
the adjectives below. A city in the name does not state a country here (the
partner's country field wins), but the large cities of the listed countries
are known as places, so that "..., Shenzhen" reads as a place.
"""

from __future__ import annotations

import csv
from itertools import pairwise
from pathlib import Path

from agreements.matching.scripts import to_ascii

COUNTRIES_CSV = Path(__file__).resolve().parents[2] / "fixtures" / "countries.csv"
_NAME_COLUMNS = ("name_en_iso", "name_en_cldr", "name_nb_cldr", "name_nb_isocodes")

_ADJECTIVES = {
    "NO": "norwegian norsk norske",
    "SE": "swedish svenska",
    "DK": "danish danmarks",
    "FI": "finnish",
    "IS": "icelandic",
    "DE": "german deutsche deutsches",
    "FR": "french",
    "GB": "british scottish welsh",
    "US": "american",
    "CA": "canadian",
    "AU": "australian",
    "NZ": "zealand",
    "NL": "dutch",
    "BE": "belgian",
    "CH": "swiss",
    "AT": "austrian",
    "IT": "italian",
    "ES": "spanish",
    "PT": "portuguese",
    "PL": "polish",
    "CZ": "czech",
    "JP": "japanese",
    "KR": "korean korea",
    "IN": "indian",
    "IL": "israeli",
    "SG": "singapore",
    "TW": "taiwanese",
    "CN": "chinese",
    "RU": "russian rossiyskiy rossiiskii",
    "IR": "iranian persian",
    "BY": "belarusian",
    "KP": "dprk",
}
# Capitals and large cities of the listed countries, and a few elsewhere that
# university names carry.
_CITIES = {
    "CN": "beijing peking shanghai tianjin chongqing harbin nanjing wuhan xian "
    "chengdu changsha guangzhou shenzhen hangzhou hefei dalian shenyang "
    "qingdao jinan xiamen kunming lanzhou taiyuan zhengzhou mianyang "
    "changchun fuzhou nanchang guiyang urumqi weihai suzhou wuxi ningbo "
    "guilin luoyang zhengzhou shijiazhuang nanning haikou "
    "anhui shaanxi shanxi hubei henan hebei hunan jiangsu zhejiang guangdong "
    "fujian jiangxi sichuan yunnan guizhou liaoning jilin heilongjiang "
    "shandong gansu qinghai xinjiang tibet guangxi hainan",
    "RU": "moscow moskva petersburg novosibirsk tomsk kazan yekaterinburg "
    "ekaterinburg samara nizhny novgorod chelyabinsk omsk perm ufa "
    "krasnoyarsk voronezh saratov sarov snezhinsk dubna dolgoprudny zelenograd "
    "obninsk troitsk chernogolovka pushchino",
    "IR": "tehran teheran isfahan esfahan shiraz tabriz mashhad qom karaj ahvaz "
    "kerman yazd rasht noshahr",
    "NO": "oslo bergen trondheim tromso stavanger",
    "GB": "london cambridge oxford edinburgh manchester",
    "US": "massachusetts california",
    "JP": "tokyo kyoto osaka",
    "DE": "munich munchen berlin",
    "SE": "stockholm uppsala",
    "DK": "copenhagen kobenhavn",
    "CH": "zurich lausanne geneva",
}


def _load() -> dict[str, str]:
    places: dict[str, str] = {}
    with COUNTRIES_CSV.open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            for column in _NAME_COLUMNS:
                name = row.get(column) or ""
                if name and "," not in name:
                    places.setdefault(_fold(name), row["alpha2"])
    for code, words in _ADJECTIVES.items():
        for word in words.split():
            places[word] = code
    return places


def _fold(name: str) -> str:
    text = "".join(c for c in to_ascii(name) if c.isalnum() or c == " ")
    return " ".join(text.split())


COUNTRIES = _load()
CITIES = frozenset(w for words in _CITIES.values() for w in words.split())


def implied_countries(words: list[str]) -> frozenset[str]:
    """Countries stated by the words of a name (one- and two-word phrases)."""
    phrases = words + [f"{a} {b}" for a, b in pairwise(words)]
    return frozenset(COUNTRIES[p] for p in phrases if p in COUNTRIES)


def is_place(words: list[str]) -> bool:
    """Whether the words name a known place ("Shenzhen", "Russia")."""
    return bool(words) and all(w in CITIES or w in COUNTRIES for w in words)
