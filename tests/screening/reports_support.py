"""A scored screening for the report tests, with a stored result in the JSON shape
of `screening.scoring.Result.to_json()` (written out, so the test pins the contract).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from django.utils import timezone
from pypdf import PdfReader

from screening.models import Screening
from tests import factories

XSS = '<img src="file:///etc/passwd"> and <b>bold</b>'


def result_json() -> dict:
    def text(nb: str, en: str) -> dict:
        return {"nb": nb, "en": en}

    dims = [
        ("AF", "Akademisk frihet og etikk", "Academic freedom and ethics", 4, "medium"),
        ("SEC", "Sikkerhet og påvirkning", "Security and interference", 9, "high"),
        (
            "EXP",
            "Eksportkontroll og sanksjoner",
            "Export control and sanctions",
            2,
            "low",
        ),
        ("DP", "Personvern og informasjonssikkerhet", "Data protection", 0, "low"),
        ("REP", "Omdømme, økonomi og styring", "Reputation and governance", 1, "low"),
    ]
    return {
        "questionnaire": {"id": "samarbeid", "version": 1},
        "status": "complete",
        "overall": "high",
        "overall_computed": "high",
        "escalated": False,
        "sensitivity": 2,
        "actor": 2,
        "dimensions": [
            {
                "key": k,
                "points": p,
                "band": lvl,
                "floor": None,
                "level": lvl,
                "name": text(nb, en),
            }
            for k, nb, en, p, lvl in dims
        ],
        "ledger": [
            {
                "dimension": "SEC",
                "source": "answer",
                "key": "partner.military_links",
                "value": "indirect",
                "points": 5,
                "rule": "partner.military_links=indirect",
                "ref": "HK-dir: Partnerskap (2024)",
                "explanation": text(
                    "Partneren har indirekte militære bånd → +5 SEC",
                    "The partner has indirect military links → +5 SEC",
                ),
            },
            {
                "dimension": "AF",
                "source": "country",
                "key": "academic_freedom_band",
                "value": "low",
                "points": 4,
                "rule": "country.academic_freedom_band=low",
                "fact_source": "V-Dem v14",
                "fact_edition": "2023",
                "fact_licence": "CC BY-SA 4.0",
                "fact_detail": "0.087",
                "explanation": text(
                    "Landet har lav akademisk frihet → +4 AF",
                    "The country has low academic freedom → +4 AF",
                ),
            },
        ],
        "floors": [],
        "hard_triggers": [
            {
                "key": "HT-04",
                "text": text(
                    "Dobbelt bruk med militær aktør", "Dual use with a military actor"
                ),
                "detail": {"routes": ["R-EC"]},
            },
        ],
        "routes": [
            {
                "key": "R-EC",
                "text": text("Eksportkontrollansvarlig", "Export control officer"),
                "detail": {"because": ["research.dual_use=yes"]},
            },
        ],
        "gaps": [],
        "blocking": [],
        "mitigations": [
            {
                "key": "M-SEC-01",
                "text": text(
                    "Avgrens tilgangen til laboratoriet",
                    "Limit access to the laboratory",
                ),
                "detail": {"because": ["partner.military_links"]},
            },
        ],
    }


def scored_screening(**kwargs) -> Screening:
    owner = kwargs.pop("owner", None) or factories.researcher()
    country = factories.CountryFactory(iso2="CN", name_nb="Kina", name_en="China")
    partner = factories.PartnerFactory(name="Tsinghua University", country=country)
    factories.PartnerAliasFactory(partner=partner, name="清华大学")
    fields = {
        "owner": owner,
        "title": "Felles laboratorium for batterimaterialer",
        "partner": partner,
        "country": country,
        "unit": owner.unit,
        "stage": Screening.Stage.NEW,
        "questionnaire_id": "samarbeid",
        "questionnaire_version": 1,
        "answers": {"collab.reflection": "Åpenhet om resultater er vår røde linje."},
        "result": result_json(),
        "overall_level": "high",
        "status": Screening.Status.SUBMITTED,
        "submitted_at": timezone.now(),
        "mitigation_plan": {"M-SEC-01": "Adgangskort bare for prosjektets ansatte."},
        **kwargs,
    }
    return Screening.objects.create(**fields)


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_to_png(content: bytes, tmp_path: Path, name: str) -> list[Path]:
    """The first two pages as PNG (pdftoppm), for a person to look at."""
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(content)
    prefix = tmp_path / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(prefix)],
        check=True,
    )
    return sorted(tmp_path.glob(f"{name}*.png"))


def pdf_fonts(content: bytes) -> set[str]:
    """The base font names embedded in a PDF (subset prefixes kept)."""
    reader = PdfReader(io.BytesIO(content))
    names = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object().get("/BaseFont")))
    return names
