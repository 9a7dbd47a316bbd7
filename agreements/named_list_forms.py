"""The contact point's decision on a named-list candidate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import NamedListEntry, PartnerMatch


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


class EntryAliasForm(forms.Form):
    """A further name for a list entry, added by the contact point."""

    name = forms.CharField(
        label=_("Alias"),
        max_length=500,
        help_text=_(
            "Another name of the listed institution, in any script, e.g. its "
            "own name in Chinese, Russian, Persian or Arabic."
        ),
    )
    note = forms.CharField(
        label=_("Source or note"),
        max_length=500,
        required=False,
        help_text=_("Where the name comes from, e.g. the institution's website."),
    )

    def __init__(self, *args, entry: NamedListEntry, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.entry = entry

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not any(c.isalpha() for c in name):
            raise forms.ValidationError(_("An alias needs at least one letter."))
        known = {self.entry.name, *self.entry.aliases}
        known |= set(self.entry.local_aliases.values_list("name", flat=True))
        if name in known:
            raise forms.ValidationError(_("The entry already has this name."))
        return name
