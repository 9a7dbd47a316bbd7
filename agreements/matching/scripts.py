"""Any script to lower-case ASCII words (pure Python, no Django, no ICU).

anyascii transliterates every script from a pure-Python wheel. Two scripts need
more than that to be compared:

- Chinese has no spaces, and transliteration cannot recover a conventional
  romanisation ("哈尔滨" is "ha er bin", never "Harbin"). So a run of Han
  characters is cut at the words that say what an organisation is (大学, 研究所,
  有限公司 ...), which become their English canonical words, and what lies
  between them becomes one pinyin word ("哈尔滨工业大学" -> "haerbingongye
  university"). A Chinese name then meets the same name written in Chinese on a
  list entry (native-script aliases, fixtures/named_list_aliases.csv), and a
  near-namesake such as 哈尔滨医科大学 stays a different word.
- Persian and Arabic are written without short vowels; their transliteration
  is consonants ("دانشگاه صنعتی شریف" -> "dnshgh snty shryf"). The Arabic and
  Persian forms of the same letter (ي/ی, ك/ک) fold to one, and the
  organisation words are mapped in normalise.py like any other language's.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Han words -> canonical English words (as normalise.tokens spells them).
HAN_WORDS: dict[str, str] = {
    "股份有限公司": "company",
    "有限责任公司": "company",
    "有限公司": "company",
    "公司": "company",
    "集团": "group",
    "大学": "university",
    "学院": "college",
    "研究院": "institute",
    "研究所": "institute",
    "研究中心": "research center",
    "中心": "center",
    "重点实验室": "key laboratory",
    "实验室": "laboratory",
    "科学院": "academy sciences",
    "工程院": "academy engineering",
    "中国人民解放军": "pla",
    "人民解放军": "pla",
    "解放军": "pla",
    "中华人民共和国": "china",
    "中国": "china",
    "分校": "branch",
    "校区": "campus",
    "股份": "company",
}
# Words that name a field or a quality, so that a Chinese name can also meet
# the English name on a list ("北京航空航天大学" -> "beijing aeronautics
# astronautics university", an alias of Beihang University).
HAN_WORDS |= {
    "航空": "aeronautics",
    "航天": "astronautics",
    "科学技术": "science technology",
    "理工": "science engineering",
    "科技": "science technology",
    "电子": "electronic",
    "邮电": "posts telecommunications",
    "国防": "national defense",
    "军事": "military",
    "医学": "medical",
    "医科": "medical",
    "师范": "normal",
    "农业": "agricultural",
    "林业": "forestry",
    "海事": "maritime",
    "海洋": "ocean",
    "物理": "physics",
    "工程": "engineering",
    "计算技术": "computing technology",
    "技术": "technology",
    "数字": "digital",
    "信息": "information",
    "外国语": "foreign languages",
}
# Places, in the romanisation their institutions use in English.
HAN_WORDS |= {
    "北京": "beijing",
    "上海": "shanghai",
    "天津": "tianjin",
    "重庆": "chongqing",
    "哈尔滨": "harbin",
    "南京": "nanjing",
    "西安": "xian",
    "成都": "chengdu",
    "武汉": "wuhan",
    "长沙": "changsha",
    "广州": "guangzhou",
    "深圳": "shenzhen",
    "杭州": "hangzhou",
    "合肥": "hefei",
    "大连": "dalian",
    "沈阳": "shenyang",
    "青岛": "qingdao",
    "济南": "jinan",
    "长春": "changchun",
    "威海": "weihai",
    "四川": "sichuan",
    "山东": "shandong",
    "湖南": "hunan",
    "西北": "northwest",
    "香港": "hong kong",
}
# Traditional forms of the same words.
HAN_WORDS |= {
    "大學": "university",
    "學院": "college",
    "研究院": "institute",
    "實驗室": "laboratory",
    "集團": "group",
    "有限公司": "company",
    "中國": "china",
}
_HAN_LONGEST = max(len(w) for w in HAN_WORDS)
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below
        "\u0622": "\u0627",  # alef with madda
        "\u0624": "\u0648",  # waw with hamza
        "\u200c": " ",  # zero-width non-joiner (Persian half-space)
    }
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, tatweel


def _pinyin(chars: str) -> str:
    return anyascii(chars).lower()


def han_words(run: str) -> str:
    """A run of Han characters as space-separated words (see module doc)."""
    words: list[str] = []
    pending = ""
    i = 0
    while i < len(run):
        for size in range(min(_HAN_LONGEST, len(run) - i), 1, -1):
            word = run[i : i + size]
            if word in HAN_WORDS:
                if pending:
                    words.append(_pinyin(pending))
                    pending = ""
                words.append(HAN_WORDS[word])
                i += size
                break
        else:
            pending += run[i]
            i += 1
    if pending:
        words.append(_pinyin(pending))
    return f" {' '.join(words)} "


def to_ascii(text: str) -> str:
    """Lower-case ASCII for a name in any script."""
    text = unicodedata.normalize("NFKC", text)
    if _HAN_RUN.search(text):
        text = _HAN_RUN.sub(lambda m: han_words(m.group()), text)
    if _ARABIC_SCRIPT.search(text):
        text = _ARABIC_MARKS.sub("", text.translate(_ARABIC_LETTERS))
    return anyascii(text).lower()
