"""The summary filter: unit and period (dashboard and summary report)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.models import Unit
from screening.reports.summary import Filter

DATE = forms.DateInput(
    attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"
)


class SummaryFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.all(),
        required=False,
        empty_label=_("The whole institution"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    since = forms.DateField(label=_("Started from"), required=False, widget=DATE)
    until = forms.DateField(label=_("Started until"), required=False, widget=DATE)

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def to_filter(self) -> Filter:
        data = self.cleaned_data if self.is_valid() else {}
        unit = data.get("unit")
        return Filter(
            unit_id=unit.pk if unit else None,
            since=data.get("since"),
            until=data.get("until"),
        )
