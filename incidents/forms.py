"""Forms of the incident channel: they validate; the services act."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Partner
from agreements.picker import PartnerPicker
from config.keys import beyond_any_key
from countries.choices import country_choices
from countries.models import Country
from incidents.models import IncidentReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_LIMIT = 5000


class PartnerChoice(forms.ModelChoiceField):
    """One partner from the picker; a forged id is a field error, not a 500."""

    def to_python(self, value):
        if beyond_any_key(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def _not_in_future(day):
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))
    return day


def _text(value: str, message) -> str:
    text = value.strip()
    if not text:
        raise ValidationError(message)
    return text


class ReportForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Who contacted you or what did you notice, what was asked of you, and "
            "what did you do? Write what you know; guesses are fine if you say so."
        ),
    )
    occurred_on = forms.DateField(
        label=_("When did it happen?"),
        widget=DATE,
        help_text=_("The date, or your best estimate of it."),
    )
    partner = PartnerChoice(
        label=_("Partner institution involved, if any"),
        queryset=Partner.objects.all(),
        required=False,
        widget=PartnerPicker(attrs={"id": "id_partner"}, multiple=False),
    )
    country = forms.ChoiceField(
        label=_("Country involved, if any"),
        required=False,
        help_text=_("Leave empty to use the partner's country, or if none applies."),
    )
    anonymous = forms.BooleanField(
        label=_("Hide my name from colleagues other than the contact point"),
        required=False,
        help_text=_(
            "The contact point always sees who reported, so they can answer you. "
            "With this ticked, anyone else who works on the case (for example "
            "export control) sees it without your name."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]

    def clean_what_happened(self) -> str:
        return _text(self.cleaned_data["what_happened"], _("Describe what happened."))

    def clean_occurred_on(self):
        return _not_in_future(self.cleaned_data["occurred_on"])

    def clean_country(self) -> Country | None:
        iso2 = self.cleaned_data["country"]
        return Country.objects.filter(iso2=iso2).first() if iso2 else None


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_text(self) -> str:
        return _text(self.cleaned_data["text"], _("Write a message."))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=IncidentReport.Status.choices)


class TieForm(forms.Form):
    """Record the case as an incident of a partner (the partner flag)."""

    partner = PartnerChoice(
        label=_("Partner institution"),
        queryset=Partner.objects.all(),
        widget=PartnerPicker(attrs={"id": "id_tie_partner"}, multiple=False),
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    description = forms.CharField(
        label=_("Text for the partner's record"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the partner page and in the result of every screening with "
            "this partner, to everyone who can see them. Do not name the reporter "
            "or other people."
        ),
    )

    def clean_occurred_on(self):
        return _not_in_future(self.cleaned_data["occurred_on"])

    def clean_description(self) -> str:
        return _text(self.cleaned_data["description"], _("Describe what happened."))
