from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
