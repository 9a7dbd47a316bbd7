"""The reference data sets in fixtures/, as the "Data sources and licences" page
lists them. fixtures/SOURCES.md is the long form; keep the two in step."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DATASETS = (
    {
        "file": "countries.csv",
        "title": _("Countries and territories (ISO 3166-1, plus Kosovo)"),
        "publisher": (
            "ISO 3166 via Debian iso-codes (pycountry 26.2.16); "
            "Unicode CLDR 47 (Babel 2.18.0)"
        ),
        "edition": "CLDR 47",
        "licence": _("LGPL-2.1+ (iso-codes), Unicode License v3 (CLDR names)"),
        "url": "https://cldr.unicode.org/",
        "use": _("Country names in bokmål and English."),
    },
    {
        "file": "countries_nn.csv",
        "title": _("Country names in nynorsk"),
        "publisher": "Unicode CLDR 47 (Babel 2.18.0)",
        "edition": "CLDR 47",
        "licence": "Unicode License v3",
        "url": "https://cldr.unicode.org/",
        "use": _("Country names in nynorsk where they differ from bokmål."),
    },
    {
        "file": "vdem_academic_freedom_2023.csv",
        "title": _("Academic Freedom Index"),
        "publisher": "V-Dem Institute (University of Gothenburg)",
        "edition": _("V-Dem v14 (March 2024), values for 2023"),
        "licence": "CC BY-SA 4.0",
        "url": "https://doi.org/10.23696/mcwt-fr58",
        "use": _(
            "Academic freedom value and band. Cite: Coppedge et al. 2024, V-Dem "
            "Dataset v14; Spannagel & Kinzelbach 2023, Quality & Quantity 57."
        ),
    },
    {
        "file": "no_sanctions_regimes.csv",
        "title": _("Norwegian sanctions and restrictive measures"),
        "publisher": "Utenriksdepartementet (regjeringen.no), Lovdata",
        "edition": _("Partial overview, after March 2023; every row to be verified"),
        "licence": _("Public legal information (Copyright Act section 14)"),
        "url": "https://www.regjeringen.no/no/tema/utenrikssaker/Eksportkontroll/sanksjoner-og-tiltak1/sanksjoner-og-tiltak/id2008477/",
        "use": _("Sanctions level of a country, to be verified against Lovdata."),
    },
    {
        "file": "eu_sanctions_regimes.csv",
        "title": _("EU restrictive measures (sanctions regimes)"),
        "publisher": (
            "Council of the European Union, via OpenSanctions programme metadata"
        ),
        "edition": "2026-08-14",
        "licence": "MIT (OpenSanctions)",
        "url": "https://www.sanctionsmap.eu/",
        "use": _("Measures of each regime; context for the Norwegian regimes."),
    },
    {
        "file": "gdpr_adequacy.csv",
        "title": _("GDPR adequacy decisions"),
        "publisher": "European Commission",
        "edition": _("Checked 2026-11-23"),
        "licence": _("EU legal information (Decision 2011/833/EU)"),
        "url": "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
        "use": _("Whether personal data may go to a country without other safeguards."),
    },
    {
        "file": "country_facts.csv",
        "title": _(
            "Threat-assessment naming, policy instructions, travel advice and "
            "state data-access laws"
        ),
        "publisher": (
            "PST (Nasjonal trusselvurdering), Kunnskapsdepartementet, "
            "Utenriksdepartementet; compiled by the project"
        ),
        "edition": _("Each row names the edition it was checked against"),
        "licence": _("Public information; compiled by the project (AGPL-3.0)"),
        "url": "https://www.pst.no/",
        "use": _(
            "Country facts the score uses, each marked to be verified until the "
            "contact point confirms it on the country page."
        ),
    },
    {
        "file": "ca_named_research_organizations.csv",
        "title": _("Named Research Organizations"),
        "publisher": "Government of Canada",
        "edition": "2025-03-11",
        "licence": _("Government of Canada list (Crown copyright), verify"),
        "url": "https://science.gc.ca/site/science/en/safeguarding-your-research/guidelines-and-tools-implement-research-security/named-research-organizations",
        "use": _("Named-list screening of partner institutions."),
    },
    {
        "file": "us_dod_section1286_fy2025.csv",
        "title": _("Section 1286 list of foreign institutions of concern"),
        "publisher": "US Department of Defense, transcribed by OpenSanctions",
        "edition": "FY2025",
        "licence": _("CC BY-NC 4.0 (OpenSanctions); the DoD list is public domain"),
        "url": "https://www.cto.mil/wp-content/uploads/2026/07/FY25-Section-1286-List.pdf",
        "use": _("Named-list screening of partner institutions."),
    },
    {
        "file": "us_dod_1260h_2026.csv",
        "title": _("Section 1260H list of Chinese military companies"),
        "publisher": "US Department of Defense, transcribed by OpenSanctions",
        "edition": "2026-06-08",
        "licence": _("CC BY-NC 4.0 (OpenSanctions); the DoD list is public domain"),
        "url": "https://media.defense.gov/2026/Jun/08/2003945537/-1/-1/1/ENTITIES-IDENTIFIED-AS-CHINESE-MILITARY-COMPANIES-OPERATING-IN-THE-UNITED-STATES-IN-ACCORDANCE-WITH-SECTION-1260H.PDF",
        "use": _("Named-list screening of partner institutions."),
    },
    {
        "file": "eu_dual_use_annex1_categories.csv",
        "title": _("EU dual-use list, Annex I categories 0 to 9"),
        "publisher": "European Union, Regulation (EU) 2021/821",
        "edition": "Regulation (EU) 2021/821",
        "licence": _("EU legal information (Decision 2011/833/EU)"),
        "url": "https://eur-lex.europa.eu/eli/reg/2021/821/oj",
        "use": _("Research-area vocabulary for export control triage."),
    },
    {
        "file": "eu_dual_use_product_groups.csv",
        "title": _("EU dual-use list, product groups A to E"),
        "publisher": "European Union, Regulation (EU) 2021/821",
        "edition": "Regulation (EU) 2021/821",
        "licence": _("EU legal information (Decision 2011/833/EU)"),
        "url": "https://eur-lex.europa.eu/eli/reg/2021/821/oj",
        "use": _("Research-area vocabulary for export control triage."),
    },
    {
        "file": "ca_sensitive_technology_research_areas.csv",
        "title": _("Sensitive Technology Research Areas"),
        "publisher": "Government of Canada",
        "edition": "2025-05-07",
        "licence": _("Government of Canada list (Crown copyright), verify"),
        "url": "https://science.gc.ca/site/science/en/safeguarding-your-research/guidelines-and-tools-implement-research-security/sensitive-technology-research-areas",
        "use": _("Research-area vocabulary for export control triage."),
    },
    {
        "file": "named_list_aliases.csv",
        "title": _("Native-script names of listed institutions"),
        "publisher": "Samarbeidssjekk",
        "edition": "2026-12-02",
        "licence": "AGPL-3.0-or-later",
        "url": "https://www.wikipedia.org/",
        "use": _(
            "Aliases the project adds to named-list entries: the institution's own "
            "name in Chinese, Russian, Persian or Arabic script, shown as added by "
            "the project and not by the list's publisher."
        ),
    },
    {
        "file": "research_areas.csv",
        "title": _("Research-area vocabulary"),
        "publisher": "Samarbeidssjekk",
        "edition": _("Questionnaire version 1"),
        "licence": "AGPL-3.0-or-later",
        "url": "https://eur-lex.europa.eu/eli/reg/2021/821/oj",
        "use": _(
            "The research areas a screening offers, with a sensitivity tag, derived "
            "from the EU dual-use categories and Canada's sensitive technology areas."
        ),
    },
)
