"""The register's edit form: it validates, the ModelForm saves its own row."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valueregister.models import Asset


class AssetForm(forms.ModelForm):
    class Meta:
        model = Asset
        fields = [
            "kind",
            "name",
            "unit",
            "why_valuable",
            "sensitivity",
            "access",
            "last_reviewed",
            "retired",
        ]
        widgets = {
            "why_valuable": forms.Textarea(attrs={"rows": 4}),
            "access": forms.Textarea(attrs={"rows": 4}),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "name": _("As the people who work with it call it, e.g. “Cryo-EM lab”."),
            "why_valuable": _(
                "What would the institution lose if it leaked, was copied or "
                "was misused?"
            ),
            "access": _(
                "Who may use or see it, how access is granted, and how it is "
                "logged or supervised."
            ),
        }

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_last_reviewed(self):
        value = self.cleaned_data["last_reviewed"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("A review date cannot be in the future."))
        return value
