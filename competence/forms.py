"""Forms for courses and completions: they validate; services record."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Unit
from competence.models import Course


class CourseForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "url",
            "description",
            "renew_months",
            "required_in_screenings",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


def _not_in_future(day):
    if day > timezone.localdate():
        raise forms.ValidationError(
            _("The date cannot be in the future. Record the course once it is done.")
        )
    return day


class CompletionForm(forms.Form):
    """A user records that they took a course."""

    course = forms.ModelChoiceField(
        label=_("Course or briefing"), queryset=Course.objects.all()
    )
    completed_on = forms.DateField(
        label=_("Completed on"),
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )

    def clean_completed_on(self):
        return _not_in_future(self.cleaned_data["completed_on"])


class GroupCompletionForm(CompletionForm):
    """The contact point records one date for several people or a whole unit."""

    users = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    unit = forms.ModelChoiceField(
        label=_("Or everyone in a unit"),
        queryset=Unit.objects.all(),
        required=False,
        help_text=_("Everyone whose account belongs to this unit."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .select_related("unit")
            .order_by("last_name", "first_name", "username")
        )
        self.fields["users"].label_from_instance = _person_label

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("users") and not cleaned.get("unit"):
            self.add_error("users", _("Choose one or more people, or a unit, or both."))
        return cleaned

    def people(self) -> list:
        chosen = {u.pk: u for u in self.cleaned_data.get("users") or []}
        unit = self.cleaned_data.get("unit")
        if unit is not None:
            for member in unit.members.filter(is_active=True):
                chosen.setdefault(member.pk, member)
        return list(chosen.values())


def _person_label(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} ({user.unit.name})" if user.unit_id else name
