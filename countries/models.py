"""Country profiles: sourced, dated indicators and the institution's own assessment.

Indicators are records (value, year or edition, source, licence, load date);
the institution's assessment sits beside them and never overwrites them. The
flag columns on Country (tier, sanctions_level, af_band, af_value, af_year,
gdpr_adequacy) are derived from the indicators by
`countries.services.refresh_country_flags`, the one place that writes them, so
other apps can filter on them cheaply (`partner__country__tier`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from countries import flags as country_flags
from countries import tiers
from countries.facts import CountryFacts, Fact
from countries.level_choices import ASSESSED, RiskLevel


class Country(models.Model):
    """An ISO 3166-1 country (plus Kosovo, XK). Reference data: see sync_countries."""

    class Tier(models.TextChoices):
        T0 = "T0", _("T0: no flags")
        T1 = "T1", _("T1: minor flags")
        T2 = "T2", _("T2: elevated")
        T3 = "T3", _("T3: high")

    class SanctionsLevel(models.TextChoices):
        NONE = "none", _("None")
        TARGETED = "targeted", _("Targeted (persons and entities)")
        SECTORAL = "sectoral", _("Sectoral")
        COMPREHENSIVE = "comprehensive", _("Comprehensive or arms embargo")

    class AcademicFreedomBand(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")
        VERY_LOW = "very_low", _("Very low")
        NOT_ASSESSED = "not_assessed", _("Not assessed")

    class GdprAdequacy(models.TextChoices):
        EEA = "eea", _("EEA")
        ADEQUATE = "adequate", _("Adequacy decision")
        NOT_ADEQUATE = "not_adequate", _("Not adequate")

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=100)
    name_nn = models.CharField(
        _("name (nynorsk)"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the same as in bokmål."),
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    tier = models.CharField(
        _("tier"), max_length=2, choices=Tier.choices, default=Tier.T0, db_index=True
    )
    sanctions_level = models.CharField(
        _("sanctions"),
        max_length=15,
        choices=SanctionsLevel.choices,
        default=SanctionsLevel.NONE,
        db_index=True,
    )
    af_band = models.CharField(
        _("academic freedom"),
        max_length=15,
        choices=AcademicFreedomBand.choices,
        default=AcademicFreedomBand.NOT_ASSESSED,
        db_index=True,
    )
    af_value = models.FloatField(_("Academic Freedom Index"), null=True, blank=True)
    af_year = models.PositiveSmallIntegerField(
        _("Academic Freedom Index year"), null=True, blank=True
    )
    gdpr_adequacy = models.CharField(
        _("GDPR adequacy"),
        max_length=15,
        choices=GdprAdequacy.choices,
        default=GdprAdequacy.NOT_ADEQUATE,
    )

    class Meta:
        ordering = ["name_nb"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_nn = self.name_nn or self.name_nb  # most names are the same
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/countries/{self.iso2}/"

    @property
    def name(self) -> str:
        return getattr(self, self.name_field())

    @staticmethod
    def name_field() -> str:
        """The column holding the name in the active language."""
        language = (get_language() or "nb").lower()
        if language.startswith("en"):
            return "name_en"
        return "name_nn" if language.startswith("nn") else "name_nb"

    @property
    def tier_class(self) -> str:
        """The level-badge colour of the tier (shown with its text, never alone)."""
        return {"T0": "low", "T1": "medium", "T2": "high", "T3": "very_high"}[self.tier]

    def flag_values(self) -> dict[str, str]:
        """Every flag of countries.facts with its current value, from the indicators."""
        return {flag: value for flag, (value, _records) in self._flags().items()}

    def facts(self) -> CountryFacts:
        """The sourced country facts the risk engine reads (one Fact per flag)."""
        facts = []
        for flag, (value, records) in self._flags().items():
            facts.append(_fact(flag, value, records))
        return CountryFacts(
            iso2=self.iso2, name=self.name, tier=self.tier, facts=tuple(facts)
        )

    @property
    def current_assessment(self) -> Assessment | None:
        assessments = list(self.assessments.all())
        return max(assessments, key=lambda a: a.assessed_at, default=None)

    def _flags(self) -> dict[str, tuple[str, list[Indicator]]]:
        """flag -> (value, the indicator records the value comes from)."""
        records = list(self.indicators.all())  # uses prefetch_related when given
        kind = Indicator.Kind
        confirmed = _current(records, kind.SANCTIONS_LEVEL)
        if confirmed:
            sanctions = (confirmed.value, [confirmed])
        else:
            regimes = [
                r for r in records if r.kind in (kind.SANCTIONS_NO, kind.SANCTIONS_EU)
            ]
            level = country_flags.strongest(r.regime_level for r in regimes)
            sanctions = (level, regimes)
        index = _current_index(records)
        gdpr = _current(records, kind.GDPR)
        scope = _current(records, kind.GDPR_SCOPE)
        result = {
            "sanctions_regime": sanctions,
            "academic_freedom_band": (
                country_flags.af_band(index.numeric_value if index else None),
                _list(index),
            ),
            "gdpr_adequacy": (gdpr.value if gdpr else "not_adequate", _list(gdpr)),
            # Only adequate countries have a scope; "" elsewhere (not shown).
            "gdpr_adequacy_scope": (scope.value if scope else "", _list(scope)),
        }
        for flag, values in country_flags.ENTERED_FLAGS.items():
            record = _current(records, flag)
            result[flag] = (record.value if record else values[0], _list(record))
        return result

    def derived_columns(self) -> dict[str, object]:
        """The denormalised columns as they should be (see services)."""
        values = self.flag_values()
        index = _current_index(list(self.indicators.all()))
        return {
            "tier": tiers.derive_tier(values),
            "sanctions_level": values["sanctions_regime"],
            "af_band": values["academic_freedom_band"],
            "af_value": index.numeric_value if index else None,
            "af_year": index.year if index else None,
            "gdpr_adequacy": values["gdpr_adequacy"],
        }


class Indicator(models.Model):
    """One sourced, dated fact about a country: an index value, a regime, a flag."""

    class Kind(models.TextChoices):
        ACADEMIC_FREEDOM = "academic_freedom_index", _("Academic Freedom Index")
        SANCTIONS_NO = "sanctions_no", _("Norwegian sanctions regulation")
        SANCTIONS_EU = "sanctions_eu", _("EU restrictive measures (context)")
        SANCTIONS_LEVEL = (
            "sanctions_regime",
            _("Sanctions level (confirmed by an administrator)"),
        )
        GDPR = "gdpr_adequacy", _("GDPR adequacy")
        THREAT = "threat_assessment_named", _("Named in threat assessments")
        RULE_OF_LAW = "rule_of_law_band", _("Rule of law")
        TRAVEL = "travel_advice", _("Travel advice")
        DATA_ACCESS = "state_data_access_laws", _("State data-access laws")
        POLICY = "policy_instruction", _("National policy instruction")
        GDPR_SCOPE = "gdpr_adequacy_scope", _("Scope of the adequacy decision")

    class Origin(models.TextChoices):
        FIXTURE = "fixture", _("Reference data (fixtures)")
        IMPORT = "import", _("Imported file")
        ADMIN = "admin", _("Entered by an administrator")

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    kind = models.CharField(_("indicator"), max_length=30, choices=Kind.choices)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Tells records of one kind apart, e.g. a regime or regulation id."),
    )
    value = models.CharField(_("value"), max_length=300)
    numeric_value = models.FloatField(_("numeric value"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    checked_on = models.DateField(
        _("checked"),
        null=True,
        blank=True,
        help_text=_("The day the source was last checked, where it has no edition."),
    )
    detail = models.TextField(
        _("detail"), blank=True, help_text=_("Measures of a regime, or a note.")
    )
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.ADMIN
    )
    loaded_at = models.DateTimeField(_("loaded"), default=timezone.now)
    to_be_verified = models.BooleanField(_("to be verified"), default=False)
    verification_note = models.CharField(
        _("verification note"), max_length=300, blank=True
    )
    set_by_institution = models.BooleanField(
        _("set by the institution"),
        default=False,
        help_text=_("The contact point overrode the value from the source."),
    )
    history = HistoricalRecords(excluded_fields=["loaded_at"])

    class Meta:
        ordering = ["kind", "reference"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "reference"],
                name="indicator_unique_kind_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.kind} {self.reference}".strip()

    @property
    def state(self) -> str:
        """verified / to_be_verified / institution (see countries.flags)."""
        return country_flags.verification_state(
            to_be_verified=self.to_be_verified,
            set_by_institution=self.set_by_institution,
        )

    @property
    def regime_level(self) -> str:
        """For a sanctions regime record: the level its measures amount to."""
        measures = country_flags.parse_measures(self.detail)
        return country_flags.regime_level(measures)

    @property
    def display_value(self) -> str:
        """A flag value's label ("Not adequate"); other values as stored."""
        from countries.labels import VALUE_LABELS

        if self.kind in FLAG_KINDS:
            return str(VALUE_LABELS.get(self.value, self.value))
        return self.value

    @property
    def year_or_edition(self) -> str:
        return " · ".join(str(p) for p in (self.year, self.edition) if p)

    @property
    def display_detail(self) -> str:
        """The detail in the reader's language where we wrote it ("Arms embargo"
        is stored as a msgid); source text is returned as it stands."""
        if self.detail in OUR_DETAILS:
            return gettext(self.detail)
        if self.kind == self.Kind.SANCTIONS_EU:  # "Asset freeze;Travel ban"
            return "; ".join(m.strip() for m in self.detail.split(";") if m.strip())
        return self.detail

    @property
    def source_language(self) -> str:
        """ "en" where the value or detail is the English text of a source file
        (so the page can mark it lang="en"); "" for our own or entered text."""
        if self.origin == self.Origin.FIXTURE and self.kind in ENGLISH_SOURCE_KINDS:
            return "en"
        return ""


class Assessment(models.Model):
    """The institution's own assessment of a country. Every one is kept."""

    Level = RiskLevel  # any level but "incomplete" (ASSESSED)

    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    level = models.CharField(_("risk level"), max_length=10, choices=ASSESSED)
    rationale = models.TextField(_("rationale"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="country_assessments",
    )
    assessed_at = models.DateTimeField(_("assessed"), default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("country assessment")
        verbose_name_plural = _("country assessments")

    def __str__(self) -> str:
        return f"{self.country_id}: {self.level}"


# Stored details we wrote ourselves (gettext_noop in countries.loading).
OUR_DETAILS = frozenset({"Arms embargo"})
# Fixture kinds whose value or detail is the source's own English text.
ENGLISH_SOURCE_KINDS = frozenset(
    {
        Indicator.Kind.ACADEMIC_FREEDOM,
        Indicator.Kind.SANCTIONS_EU,
        Indicator.Kind.GDPR,
        # fixtures/country_facts.csv: detail and note in English
        Indicator.Kind.GDPR_SCOPE,
        Indicator.Kind.THREAT,
        Indicator.Kind.POLICY,
        Indicator.Kind.TRAVEL,
        Indicator.Kind.DATA_ACCESS,
    }
)
FLAG_KINDS = frozenset(
    {
        "gdpr_adequacy",
        "gdpr_adequacy_scope",
        "sanctions_regime",
        *country_flags.ENTERED_FLAGS,
    }
)
# The kinds the contact point confirms or overrides on the country page: one
# current record per country, each a value of countries.facts.
FACT_KINDS = (
    "threat_assessment_named",
    "policy_instruction",
    "travel_advice",
    "gdpr_adequacy",
    "gdpr_adequacy_scope",
    "rule_of_law_band",
    "state_data_access_laws",
)


def _current(records: list[Indicator], kind: str) -> Indicator | None:
    """The latest record of a single-valued kind: newest year, then newest load."""
    of_kind = [r for r in records if r.kind == kind]
    return max(of_kind, key=lambda r: (r.year or 0, r.loaded_at), default=None)


def _current_index(records: list[Indicator]) -> Indicator | None:
    """The Academic Freedom Index value that counts: the newest year; where two
    territories share one code (West Bank and Gaza as PS), the lower value."""
    of_kind = [r for r in records if r.kind == Indicator.Kind.ACADEMIC_FREEDOM]
    return max(
        of_kind,
        key=lambda r: (r.year or 0, r.loaded_at, -(r.numeric_value or 0)),
        default=None,
    )


def _list(record: Indicator | None) -> list[Indicator]:
    return [record] if record else []


def _fact(flag: str, value: str, records: list[Indicator]) -> Fact:
    if flag == "sanctions_regime" and not records:
        return Fact(
            flag,
            value,
            source=gettext("Norwegian sanctions regulations; EU restrictive measures"),
            detail=gettext("No regime in the loaded lists targets this country."),
        )
    if not records:
        return Fact(flag, value, source="")
    first = records[0]
    if flag == "sanctions_regime" and len(records) > 1:
        states = {r.state for r in records}
        sources = sorted({r.source for r in records})
        editions = sorted({r.edition for r in records if r.edition})
        detail = "; ".join(
            f"{r.reference or r.value} ({r.regime_level})" for r in records
        )
        return Fact(
            flag,
            value,
            source=" / ".join(sources),
            edition=" / ".join(editions),
            licence=" / ".join(sorted({r.licence for r in records if r.licence})),
            url=first.source_url,
            detail=detail,
            checked=max(
                (r.checked_on.isoformat() for r in records if r.checked_on), default=""
            ),
            state=next(
                (s for s in ("to_be_verified", "institution") if s in states),
                "verified",
            ),
        )
    detail = "" if first.numeric_value is None else f"{first.numeric_value:g}"
    return Fact(
        flag,
        value,
        source=first.source,
        edition=first.year_or_edition,
        licence=first.licence,
        url=first.source_url,
        detail=detail or first.detail,
        checked=first.checked_on.isoformat() if first.checked_on else "",
        state=first.state,
    )
