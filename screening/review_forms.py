"""Forms of the review page: they validate only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _reference(help_text: str) -> forms.CharField:
    """The required reference a route clearance or confirmation is filed under."""
    return forms.CharField(label=_("Reference"), max_length=200, help_text=help_text)


def _comment() -> forms.CharField:
    return forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    APPROVE = "approve"
    APPROVE_WITH_CONDITIONS = "approve_with_conditions"
    REQUEST_CHANGES = "request_changes"
    REJECT = "reject"
    CHOICES = [
        (APPROVE, _("Approve")),
        (APPROVE_WITH_CONDITIONS, _("Approve with conditions")),
        (REQUEST_CHANGES, _("Request changes")),
        (REJECT, _("Reject")),
    ]
    NEEDS_TEXT = {
        APPROVE_WITH_CONDITIONS: _("Write the conditions."),
        REQUEST_CHANGES: _("Give a reason."),
        REJECT: _("Give a reason."),
    }

    decision = forms.ChoiceField(
        label=_("Decision"), choices=CHOICES, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Conditions or reason"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required for approval with conditions, a request for changes and a "
            "rejection. The researcher reads it."
        ),
    )

    due = forms.DateField(
        label=_("Conditions due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Each line of the conditions becomes a follow-up for the researcher, "
            "due on this date. Leave empty for 90 days from today."
        ),
    )
    confirm_reject = forms.BooleanField(
        label=_("Yes, reject: the researcher is told at once"),
        required=False,
    )
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        decision = data.get("decision", "")
        message = self.NEEDS_TEXT.get(decision)
        if message and not (data.get("text") or "").strip():
            self.add_error("text", message)
        if decision == self.REJECT and not data.get("confirm_reject"):
            self.add_error(
                "confirm_reject", _("Confirm the rejection: it cannot be undone.")
            )
        due = data.get("due")
        if due and due < timezone.localdate():
            self.add_error("due", _("Choose a date from today on."))
        return data


class ReasonForm(forms.Form):
    """Withdraw, reopen, override: a step that needs a reason."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give a reason."))
        return reason


class FollowUpDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    question_key = forms.CharField(
        required=False, max_length=100, widget=forms.HiddenInput
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RouteForm(forms.Form):
    comment = forms.CharField(
        label=_("Note to the export control officer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExportControlForm(forms.Form):
    CLEARED = "cleared"
    LICENCE_REQUIRED = "licence_required"
    outcome = forms.ChoiceField(
        label=_("Assessment"),
        choices=[
            (CLEARED, _("Cleared: no licence needed")),
            (LICENCE_REQUIRED, _("Licence required")),
        ],
        widget=forms.RadioSelect,
    )
    reference = _reference(
        _("Case number, e.g. a DEKSA reference or the archive number.")
    )
    comment = _comment()


class ConfirmRouteForm(forms.Form):
    reference = _reference(
        _("Who confirmed it and where it is recorded, e.g. a case number.")
    )
    comment = _comment()
