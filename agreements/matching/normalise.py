"""Name normalisation for named-list matching (pure Python, no Django).

A name becomes a tuple of tokens: transliterated to ASCII (scripts.py), lower case,
without punctuation, with abbreviations expanded and organisation-type words in
English, Norwegian, Chinese pinyin and Russian brought to one canonical English
form. Organisation-type words and the names of the listed countries stay in the
token list but weigh little when names are compared (see WEAK_TOKENS).
"""

from __future__ import annotations

import re
from functools import lru_cache

from agreements.matching import places
from agreements.matching.scripts import to_ascii

# Canonical organisation-type words: they say what an organisation is, not
# which one it is, so they weigh little in a comparison.
ORG_TYPES = frozenset(
    {
        "university",
        "institute",
        "academy",
        "college",
        "laboratory",
        "company",
        "school",
        "center",
    }
)
# The countries the lists cover: "of China" rarely tells two entries apart.
COUNTRY_WORDS = frozenset({"china", "chinese", "prc", "russia", "russian", "iran"})
WEAK_TOKENS = ORG_TYPES | COUNTRY_WORDS

STOPWORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "at",
        "in",
        "on",
        "named",
        "after",
        "de",
        "la",
        "du",
        "des",
        "di",
        "der",
        "und",
        "og",
        "i",
        "imeni",
        "im",
        "pri",
    }
)

# token -> canonical token(s); abbreviations and other languages' forms.
_SYNONYMS: dict[str, tuple[str, ...]] = {}


def _add(canonical: str, *forms: str) -> None:
    for form in forms:
        _SYNONYMS[form] = tuple(canonical.split())


_add(
    "university",
    "univ",
    "uni",
    "universities",
    "universitet",
    "universitetet",
    "universiteit",
    "universite",
    "universita",
    "universitat",
    "universidad",
    "universidade",
    "daxue",
    "universiteta",
    "universitetskiy",
)
_add(
    "institute",
    "inst",
    "institutes",
    "institution",
    "institut",
    "instituta",
    "institutt",
    "instituttet",
    "instituto",
    "istituto",
    "yanjiusuo",
    "yanjiuyuan",
)
_add(
    "academy",
    "acad",
    "academie",
    "akademie",
    "akademi",
    "akademiet",
    "akademiya",
    "akademii",
    "akademia",
    "academia",
)
_add("academy sciences", "kexueyuan")
_add(
    "college",
    "coll",
    "colleges",
    "xueyuan",
    "hogskole",
    "hogskolen",
    "hoyskole",
    "hochschule",
    "kolledzh",
)
_add("laboratory", "lab", "labs", "laboratories", "laboratoriet", "shiyanshi")
_add(
    "company",
    "co",
    "ltd",
    "limited",
    "inc",
    "corp",
    "corporation",
    "llc",
    "plc",
    "gmbh",
    "jsc",
    "ojsc",
    "pjsc",
    "ao",
    "oao",
    "ooo",
    "zao",
    "youxian",
    "gongsi",
)
_add("school", "schools", "skole", "shkola")
_add(
    "center", "centre", "centres", "centers", "senter", "senteret", "tsentr", "zhongxin"
)
_add("sciences", "sci", "science", "nauk", "nauki", "kexue", "vitenskap")
_add(
    "technology",
    "tech",
    "techn",
    "technol",
    "technological",
    "technical",
    "technik",
    "technische",
    "technologies",
    "teknologi",
    "teknisk",
    "tekhnicheskiy",
    "tekhnologicheskiy",
    "tekhnologiy",
)
_add("engineering", "eng", "engg", "inzhenernyy", "gongcheng")
_add("sciences engineering", "ligong")  # 理工: "Beijing Ligong" is BIT
_add("research", "res", "issledovatelskiy", "issledovaniy")
_add("scientific research", "nauchnoissledovatelskiy", "niii", "nii")
_add("scientific", "nauchnyy", "nauchno")
_add("national", "natl", "nat", "natsionalnyy", "nasjonal", "guojia")
_add("state", "gosudarstvennyy")
_add("federal", "federalnyy")
_add("central", "tsentralnyy", "sentral")
_add("military", "voennyy", "voyennyy")
_add("physics", "fiziki", "fizicheskiy", "fiziko")
_add("moscow", "moskovskiy")
_add("saint petersburg", "sanktpeterburgskiy")
_add("russian", "rossiyskiy", "rossiyskoy", "rossiyskaya", "rossii")
_add("aviation", "aviatsionnyy")
_add("economics", "ekonomiki")
_add("higher", "vysshaya")
_add("polytechnic", "politekhnicheskiy", "polytechnical")
_add("applied", "prikladnoy")
_add("mathematics", "matematiki")
_add("chemistry", "khimii")
_add("biology", "biologii")
_add("nuclear", "yadernoy", "yadernyy")
_add("naval", "morskoy", "morskaya")
_add("space", "kosmicheskiy")
_add("electronics", "elektroniki")
_add("defense", "defence")
_add("organization", "organisation", "organisations", "organizations")
_add("program", "programme", "programmes", "programs")
# Persian and Arabic organisation words, as scripts.to_ascii spells them.
_add("university", "dnshgh", "jmh", "jm`h")
_add("institute", "pzhwhshgh", "pzhwhshkdh", "mussh", "mwssh", "nstytw", "mhd")
_add("center", "mrkz")
_add("company", "shrkt")
_add("chinese academy sciences", "cas")
_add("russian academy sciences", "ras")

# Stems of the Russian forms above, so that moskovsky/moskovskij/moskovskii and
# gosudarstvenny/gosudarstvennyj all find their entry.
_RUSSIAN_ENDING = re.compile(r"(aia|ogo|ii|oi|ai|i|a)$")
_RUSSIAN_ADJECTIVE = re.compile(r"s?k(aia|ogo|ii|oi|i)$")


def _stem(word: str) -> str:
    """Russian romanisations differ: x is "kh" or "h", endings -iy/-ij/-y/-ii."""
    word = word.replace("kh", "h").replace("y", "i").replace("j", "i")
    return _RUSSIAN_ENDING.sub("", word)


@lru_cache(maxsize=50_000)
def stems(word: str) -> tuple[str, ...]:
    """Forms to look up for a word that is not on the lists: "tomsky" -> "tomsk",
    "uralsky" -> "ural", "skolkovsky" -> "skolkov"."""
    forms = [word]
    if len(word) >= 6:
        forms.append(re.sub(r"(iy|ij|ii|yy|y|i|oy|aya|a)$", "", word))
        forms.append(_RUSSIAN_ADJECTIVE.sub("", _stem(word) + "i"))
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 4))


_STEMS = {
    _stem(form): canonical for form, canonical in _SYNONYMS.items() if len(form) >= 6
}

_APOSTROPHES = re.compile("['`\u2019\u00b4\u02bc]")  # ' ` right quote, acute, modifier
_ELISION = re.compile("(?<![a-z])[dl]['\u2019](?=[a-z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


def ascii_fold(text: str) -> str:
    """Transliterate any script to lower-case ASCII (Cyrillic, Greek, Han ...)."""
    return to_ascii(text)


@lru_cache(maxsize=50_000)
def _canonical(token: str) -> tuple[str, ...]:
    if token in _SYNONYMS:
        return _SYNONYMS[token]
    ordinal = _ORDINAL.match(token)
    if ordinal:
        return (ordinal.group(1),)
    if len(token) >= 6:
        stem = _stem(token)
        if stem in _STEMS:
            return _STEMS[stem]
    return (token,)


def raw_tokens(name: str) -> list[str]:
    """Lower-case ASCII words of a name, punctuation removed, nothing dropped."""
    return list(_raw_tokens(name))


@lru_cache(maxsize=50_000)
def _raw_tokens(name: str) -> tuple[str, ...]:
    text = _ELISION.sub(" ", ascii_fold(name))  # "d'Iran" -> "d Iran"
    text = _APOSTROPHES.sub("", text)  # "Xi'an" -> "Xian"
    text = text.replace("&", " and ")
    # "fiziko-tekhnicheskiy", "nauchno-issledovatelskiy": Russian compounds
    text = text.replace("voenno-morsk", "morsk")
    text = re.sub(r"(o)-(?=[a-z])", r"o ", text)
    return tuple(t for t in _NON_WORD.split(text) if t)


_MERGE_MAX_FIRST = 7


def tokens(name: str, merge_with: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Canonical tokens of a name. Adjacent words whose concatenation is a known
    token ("jiao tong" -> "jiaotong", "bei jing" -> "beijing") are merged."""
    words = _raw_tokens(name)
    count = len(words)
    result: list[str] = []
    i = 0
    while i < count:
        # merged words are short: "jiao tong", "amir kabir", "sankt peterburgskiy"
        short = i + 1 < count and len(words[i]) <= _MERGE_MAX_FIRST
        for size in (3, 2) if short else ():
            if i + size > count:
                continue
            chunk = "".join(words[i : i + size])
            if chunk in _SYNONYMS or chunk in merge_with:
                result.extend(_canonical(chunk))
                i += size
                break
        else:
            result.extend(_canonical(words[i]))
            i += 1
    kept = (t for t in result if len(t) > 1 and t not in STOPWORDS)
    return tuple(dict.fromkeys(kept))


def hyphen_compounds(name: str) -> set[str]:
    """Hyphenated words joined: "Sun Yat-sen" -> {"yatsen"}."""
    if "-" not in name:
        return set()
    text = _APOSTROPHES.sub("", ascii_fold(name))
    return {
        re.sub(r"[^a-z0-9]", "", m)
        for m in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text)
    }


def initials(name: str) -> str:
    """Generated acronym: "Harbin Institute of Technology" -> "hit"."""
    words = [w for w in raw_tokens(name) if w not in STOPWORDS and not w.isdigit()]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def implied_countries(name: str) -> frozenset[str]:
    """Countries the name itself states: "Norwegian ..." -> NO, "... Moscow" -> RU."""
    words = [w for w in raw_tokens(name) if w not in STOPWORDS]
    return places.implied_countries(words)
