from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import documents
from agreements.models import Agreement, Partner, User
from agreements.picker import PartnerPicker
from agreements.titles import one_line
from config.keys import beyond_any_key

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length checked before anyone
    tries it: Django sets the limit on the field only after building it, so
    without this a long name reached the failed-login log and its too-short
    column (a 500 on PostgreSQL)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class PartnerChoices(forms.ModelMultipleChoiceField):
    """Refuses an id no row can have before asking the database: SQLite raises
    OverflowError on a number beyond 64 bits, PostgreSQL just finds nothing."""

    def _check_values(self, value):
        for pk in value:
            if beyond_any_key(pk):  # not a number at all: the parent says so
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class AgreementForm(forms.ModelForm):
    """The agreement itself. `version` is the one the user loaded (conflict check)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "partners",
            "status",
            "responsible_unit",
            "responsible_person",
            "start_date",
            "end_date",
            "signing_level",
            "review_interval_months",
            "has_academic_freedom_clause",
            "has_termination_clause",
            "has_export_control_clause",
            "document",
            "notes",
        ]
        field_classes = {"partners": PartnerChoices}
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "partners": PartnerPicker,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "partners": _(
                "Type two letters of a name or alias, then choose with the arrow "
                "keys and Enter, or click. Add as many partners as the agreement has."
            ),
            "document": _("PDF or DOCX, at most 10 MB. Only permitted users see it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.select_related("country")
        self.fields["responsible_person"].queryset = User.objects.filter(
            is_active=True
        ).order_by("first_name", "last_name")
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile):
            documents.check_document(document)
        return document

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    ror_id = forms.CharField(
        label=_("ROR id"),
        required=False,
        max_length=60,
        help_text=_("Nine characters, such as 01xtthb56, or the full ror.org address."),
    )
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One per line: names in other languages, abbreviations, former names."
        ),
    )

    class Meta:
        model = Partner
        fields = ["name", "kind", "country", "parent", "ror_id", "website", "notes"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "parent": PartnerPicker(multiple=False),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Partner.objects.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial.setdefault(
                "aliases", "\n".join(a.name for a in self.instance.aliases.all())
            )
        self.fields["parent"].queryset = parents

    def clean_ror_id(self):
        value = self.cleaned_data.get("ror_id", "").strip()
        for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
            if value.lower().startswith(prefix):
                value = value[len(prefix) :]
        return value.lower()

    def clean_aliases(self):
        lines = self.cleaned_data.get("aliases", "").splitlines()
        names: list[str] = []
        for line in lines:
            name = line.strip()
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name[:300])
        return names


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "The first row holds the column headers, as in the export. "
            "At most 2 MB and 2,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class IncidentForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example pressure, unusual requests or a security incident. "
            "The partner is flagged in its other screenings, which are scored again."
        ),
    )

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what happened."))
        return text
