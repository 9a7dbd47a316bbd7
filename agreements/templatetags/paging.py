"""`{% page_numbers page_obj as numbers %}`: the page links worth showing.

The first and last page and two on each side of the current one, with the
paginator's ellipsis for the gaps; computed in Python, where looping over all
200 pages of the register in the template cost several milliseconds.
"""

from __future__ import annotations

from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag
def page_numbers(page: Page) -> list:
    return list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
