"""Countries as form choices: (iso2, name) in the active language, by name.

Cheaper than a model choice field, which builds 250 model instances for a
<select> on every page that shows one.
"""

from __future__ import annotations

from countries.models import Country


def country_choices() -> list[tuple[str, str]]:
    column = Country.name_field()
    return list(Country.objects.order_by(column).values_list("iso2", column))
