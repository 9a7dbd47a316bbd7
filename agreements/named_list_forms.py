"""The contact point's decision on a named-list candidate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import PartnerMatch


class MatchDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (
                PartnerMatch.Status.CONFIRMED,
                _("Confirm: this is the listed organisation"),
            ),
            (PartnerMatch.Status.DISMISSED, _("Dismiss: a different organisation")),
        ],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Say what you checked, e.g. address, parent or website."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason for the decision."))
        return reason
