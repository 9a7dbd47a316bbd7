"""Forms of the screening flow: they validate and normalise, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements.models import Partner, Unit
from agreements.picker import PartnerPicker
from agreements.titles import one_line
from countries.models import Country
from screening import questionnaire as qn
from screening.models import Screening
from valueregister.models import Asset

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_LIMIT = 5000


class NewScreeningForm(forms.Form):
    """The case metadata asked before the questionnaire starts."""

    title = forms.CharField(
        label=_("Short name of the collaboration"),
        max_length=200,
        help_text=_("For example the project name or the partner and the activity."),
    )
    partner = forms.ModelChoiceField(
        label=_("Partner institution from the register"),
        queryset=Partner.objects.all(),
        required=False,
        widget=PartnerPicker(
            attrs={"id": "partner-query", "aria-describedby": "partner-query-help"},
            multiple=False,
            propose="#propose-partner",
        ),
    )
    proposed_partner_name = forms.CharField(
        label=_("Name of the new partner"), max_length=300, required=False
    )
    proposed_partner_country = forms.ModelChoiceField(
        label=_("Country of the new partner"),
        queryset=Country.objects.all(),
        required=False,
    )
    proposed_partner_website = forms.URLField(
        label=_("Website of the new partner"), required=False, assume_scheme="https"
    )
    country = forms.ModelChoiceField(
        label=_("Country where the collaboration takes place"),
        queryset=Country.objects.all(),
        required=False,
        help_text=_("Leave empty to use the partner's country."),
    )
    components = forms.MultipleChoiceField(
        label=_("Which activities are involved?"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
    )
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects)
    stage = forms.ChoiceField(label=_("Stage"), choices=Screening.Stage.choices)
    period_start = forms.DateField(
        label=_("Planned start"), required=False, widget=DATE_WIDGET
    )
    period_end = forms.DateField(
        label=_("Planned end"), required=False, widget=DATE_WIDGET
    )

    def __init__(
        self, *args: Any, component_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["components"].choices = component_choices

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        partner, name = data.get("partner"), data.get("proposed_partner_name")
        if not partner and not name:
            self.add_error(
                "proposed_partner_name",
                _("Choose a partner from the register or name a new one."),
            )
        if not partner and name and not data.get("proposed_partner_country"):
            self.add_error(
                "proposed_partner_country", _("Give the new partner's country.")
            )
        if not data.get("country"):
            fallback = (
                partner.country if partner else data.get("proposed_partner_country")
            )
            data["country"] = fallback
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end cannot be before the start."))
        return data


class CoAuthorForm(forms.Form):
    who = forms.CharField(
        label=_("Colleague's username or e-mail address"), max_length=254
    )

    def __init__(self, *args: Any, screening: Screening, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.screening = screening

    def clean_who(self) -> Any:
        who = self.cleaned_data["who"].strip()
        users = get_user_model().objects.filter(is_active=True)
        user = users.filter(Q(username__iexact=who) | Q(email__iexact=who)).first()
        if user is None:
            raise forms.ValidationError(
                _("No active user has that username or e-mail.")
            )
        if user.pk == self.screening.owner_id:
            raise forms.ValidationError(_("The owner is already an author."))
        return user


def _text_of(question: qn.Question, lang: str) -> tuple[str, str]:
    help_text = qn.tr(question.help, lang)
    if question.ref:
        guideline = gettext("Guideline: %(ref)s") % {"ref": question.ref}
        help_text = f"{help_text} ({guideline})" if help_text else guideline
    return qn.tr(question.text, lang), help_text


def asset_choices(picked: list[str]) -> list[tuple[str, str]]:
    """The value register as options: every active asset, and any retired one
    an earlier answer picked (so saving the page keeps it)."""
    shown = Asset.objects.filter(Q(retired=False) | Q(pk__in=picked))
    rows = shown.select_related("unit").order_by("name", "pk")
    return [
        (str(a.pk), f"{a.name} ({a.get_kind_display()}, {a.unit.name})") for a in rows
    ]


def answer_field(
    question: qn.Question,
    lang: str,
    countries: list[tuple[str, str]],
    assets: list[tuple[str, str]] | None = None,
) -> forms.Field:
    """A form field for one question; never required, since drafts are partial."""
    label, help_text = _text_of(question, lang)
    options = [(o.key, qn.tr(o.label, lang)) for o in question.options]
    common = {"label": label, "help_text": help_text, "required": False}
    if question.type in ("ynu", "choice"):
        widget = forms.RadioSelect if len(options) <= 7 else forms.Select
        if widget is forms.Select:
            options = [("", "---------"), *options]
        return forms.ChoiceField(choices=options, widget=widget, **common)
    if question.type == "multi":
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.type == "assets":
        return forms.MultipleChoiceField(
            choices=assets or [], widget=forms.CheckboxSelectMultiple, **common
        )
    if question.type == "date":
        return forms.DateField(widget=DATE_WIDGET, **common)
    if question.type == "country":
        return forms.ChoiceField(choices=[("", "---------"), *countries], **common)
    if question.type == "partner":
        return forms.ModelChoiceField(
            queryset=Partner.objects.order_by("name"), **common
        )
    return forms.CharField(
        max_length=question.max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        **common,
    )


class SectionForm(forms.Form):
    """The visible questions of one section. Field names are the question keys."""

    def __init__(
        self, *args: Any, questions: list[qn.Question], lang: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = {q.key: q for q in questions}
        countries: list[tuple[str, str]] = []
        if any(q.type == "country" for q in questions):
            countries = [(c.pk, c.name) for c in Country.objects.all()]
        assets: list[tuple[str, str]] = []
        if any(q.type == "assets" for q in questions):
            picked = [
                str(v)
                for q in questions
                if q.type == "assets"
                for v in _listed(self.data, q.key) + _listed(self.initial, q.key)
            ]
            assets = asset_choices([v for v in picked if v.isascii() and v.isdigit()])
        for question in questions:
            self.fields[question.key] = answer_field(question, lang, countries, assets)

    def answer_values(self) -> dict[str, object]:
        """Valid fields as answers in the core's shape (invalid ones are left out)."""
        values: dict[str, object] = {}
        for key, question in self.questions.items():
            if key not in self.cleaned_data:
                continue
            values[key] = to_answer(question, self.cleaned_data[key])
        return values


def _listed(data: Any, key: str) -> list[object]:
    if hasattr(data, "getlist"):
        return list(data.getlist(key))
    value = data.get(key) if data else None
    return list(value) if isinstance(value, list) else []


def to_answer(question: qn.Question, value: Any) -> object:
    if value in (None, ""):
        return ""
    if question.type in ("multi", "assets"):
        return list(value)
    if question.type == "date":
        return value.isoformat()
    if question.type == "partner":
        return str(value.pk)
    return str(value)


def to_initial(question: qn.Question, value: object) -> object:
    """A stored answer as a form field's initial value."""
    if question.type in ("multi", "assets"):
        return list(value) if isinstance(value, list) else []
    return value if value is not None else ""


class MitigationPlanForm(forms.Form):
    def __init__(self, *args: Any, items: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in items:
            self.fields[key] = forms.CharField(
                label=label,
                required=False,
                max_length=TEXT_LIMIT,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
