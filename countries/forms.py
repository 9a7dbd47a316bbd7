from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from countries import flags
from countries.labels import VALUE_LABELS
from countries.models import Assessment


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["level", "rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "rationale": _(
                "Why this level: the facts above, your own knowledge and sources. "
                "Describe the state and its institutions, never individuals."
            )
        }

    def clean_rationale(self) -> str:
        rationale = self.cleaned_data["rationale"].strip()
        if len(rationale) < 10:
            raise forms.ValidationError(
                _("Write a short rationale (at least 10 characters).")
            )
        return rationale


def fact_choices(kind: str) -> list[tuple[str, object]]:
    """The values a contact point can give a fact of this kind, with labels."""
    values = {
        "gdpr_adequacy": flags.GDPR_VALUES,
        "gdpr_adequacy_scope": flags.GDPR_SCOPES,
        **flags.ENTERED_FLAGS,
    }[kind]
    return [(v, VALUE_LABELS.get(v, v)) for v in values]


class FactForm(forms.Form):
    """Confirm a country fact as it stands, or set another value with a source."""

    action = forms.ChoiceField(
        choices=[("confirm", _("Confirm")), ("override", _("Change"))],
        widget=forms.HiddenInput,
    )
    value = forms.ChoiceField(label=_("Value"), required=False)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    source_url = forms.URLField(
        label=_("Source URL"), max_length=500, required=False, assume_scheme="https"
    )
    edition = forms.CharField(
        label=_("Edition or date of the source"), max_length=100, required=False
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Required when you change the value: why, and what you checked."),
    )

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = fact_choices(kind)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") != "override":
            return data
        if not data.get("value"):
            self.add_error("value", _("Choose the value."))
        if not (data.get("source") or "").strip():
            self.add_error("source", _("Name the source you relied on."))
        if len((data.get("note") or "").strip()) < 10:
            self.add_error(
                "note", _("Write why you change it (at least 10 characters).")
            )
        return data
