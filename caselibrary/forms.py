"""The publish form: validation only. It refuses the names of the people on
the screening, and the partner's name unless the partner is to be shown."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from caselibrary import anonymity, prefill
from caselibrary.models import Case
from countries.models import Country
from screening.models import Screening

TEXT_FIELDS = ("title", "planned", "mattered", "decided")


class PublishForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = [
            "title",
            "planned",
            "mattered",
            "decided",
            "theme",
            "research_area",
            "country",
            "show_partner",
        ]
        widgets = {
            "planned": forms.Textarea(attrs={"rows": 4}),
            "mattered": forms.Textarea(attrs={"rows": 4}),
            "decided": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "planned": _("Describe the collaboration without naming anyone."),
            "decided": _("The decision, the conditions and the reasons."),
            "show_partner": _(
                "Leave unticked to keep the partner institution out of the library."
            ),
        }

    def __init__(self, *args, screening: Screening, **kwargs):
        super().__init__(*args, **kwargs)
        self.screening = screening
        self.people = prefill.people(screening)
        country = self.fields["country"]
        assert isinstance(country, forms.ModelChoiceField)
        country.queryset = Country.objects.all()
        self.fields["research_area"] = forms.ChoiceField(
            label=_("Research field"),
            required=False,
            choices=[("", "—"), *prefill.research_area_choices(get_language())],
        )
        if screening.partner_id is None:
            del self.fields["show_partner"]

    def clean(self):
        data = super().clean()
        partner = self.screening.partner
        show = data.get("show_partner", False)
        for name in TEXT_FIELDS:
            text = data.get(name) or ""
            found = anonymity.names_found(text, self.people)
            if found:
                self.add_error(
                    name,
                    _("Names of people are never published. Remove: %(names)s.")
                    % {"names": ", ".join(found)},
                )
            elif partner and not show and anonymity.mentions(text, partner.name):
                self.add_error(
                    name,
                    _(
                        "This names the partner institution (%(partner)s). Remove "
                        "it, or tick “Show partner”."
                    )
                    % {"partner": partner.name},
                )
        return data
