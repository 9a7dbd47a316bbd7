"""Titles are one line of text.

An agreement's or a screening's title goes into e-mail subjects (where a line
break is a header injection and Django refuses the whole message), CSV cells
and page headings. The models refuse line breaks (`validate_one_line`); forms
and the import fold them into spaces (`one_line`) before validation, since a
text input cannot produce them and a multi-line spreadsheet cell is an honest
mistake.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def one_line(text: str) -> str:
    """The text with every run of whitespace, line breaks included, as one space."""
    return " ".join(text.split())


def validate_one_line(value: str) -> None:
    if value and value.splitlines() != [value]:
        raise ValidationError(
            _("A title is one line: remove the line breaks."), code="line_break"
        )
