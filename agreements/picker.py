"""The partner picker: a search-as-you-type combobox in place of a <select>.

A register holds thousands of partners, too many for a <select> (and a
multi-select is unusable on a phone). The widget renders only the chosen
partners, as hidden inputs with a remove button, and a text box that asks
`/partners/search/` (htmx) for matching names and aliases. Keyboard use
follows the WAI-ARIA 1.2 combobox pattern with a listbox popup
(static/js/partner_picker.js).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from agreements.models import Partner, PartnerAlias
from config.keys import as_key

RESULTS = 10


def search(query: str, limit: int = RESULTS) -> list[Partner]:
    """Partners whose name or an alias contains the text, names first."""
    query = query.strip()[:100]
    if len(query) < 2:
        return []
    aliased = PartnerAlias.objects.filter(name__icontains=query).values("partner_id")
    return list(
        Partner.objects.filter(Q(name__icontains=query) | Q(pk__in=aliased))
        .select_related("country")
        .order_by("name", "pk")[:limit]
    )


class PartnerPicker(forms.Widget):
    """Choose one partner (`multiple=False`) or several. With `propose` (the
    CSS selector of a <details> holding the proposal fields), the list also
    offers "propose a new partner" with the typed name."""

    template_name = "agreements/_partner_picker.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        *,
        multiple: bool = True,
        propose: str = "",
    ) -> None:
        super().__init__(attrs)
        self.multiple = multiple
        self.allow_multiple_selected = multiple
        self.propose = propose

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if self.multiple:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        # Like a multi-select: choosing nobody sends nothing.
        return False if self.multiple else name not in data

    def format_value(self, value: Any) -> list[str]:
        if value is None or value == "":
            return []
        values = value if isinstance(value, list | tuple) else [value]
        # Ids a database key can hold (a forged one beyond 64 bits is an
        # error next to the field, not an overflow while showing the form).
        return [str(v) for v in values if as_key(v) is not None]

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        chosen = {
            str(p.pk): p
            for p in Partner.objects.filter(pk__in=widget["value"]).select_related(
                "country"
            )
        }
        widget["chosen"] = [chosen[v] for v in widget["value"] if v in chosen]
        # The text box is not the value: with partners chosen it is empty.
        if widget["attrs"].pop("required", False):
            widget["attrs"]["aria-required"] = "true"
        widget["multiple"] = self.multiple
        widget["propose"] = self.propose
        widget["search_url"] = reverse("agreements:partner_search")
        return context

    def render(
        self, name: str, value: Any, attrs: Any = None, renderer: Any = None
    ) -> SafeString:
        # The project's template engine (the form renderer only sees app and
        # Django's own form templates).
        context = self.get_context(name, value, attrs)
        return SafeString(render_to_string(self.template_name, context))
