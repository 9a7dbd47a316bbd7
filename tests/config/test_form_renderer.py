"""The <select> written in Python is Django's markup, character for character."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from config.form_renderer import FormRenderer


class Sample(forms.Form):
    single = forms.ChoiceField(
        choices=[
            ("", "---"),
            ("x", 'X & <y> "z"'),
            (1, "one"),
            ("Group <g>", [("g1", "G1"), ("g2", "G2")]),
        ],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("1", "a"), ("2", "b")])
    maybe = forms.NullBooleanField()


@pytest.mark.parametrize(
    "data",
    [{}, {"single": "x", "several": ["1", "2"], "maybe": "true"}, {"single": "g2"}],
)
@pytest.mark.parametrize("name", ["single", "several", "maybe"])
def test_select_markup_matches_djangos_templates(data, name):
    expected = str(Sample(data, renderer=DjangoTemplates())[name])
    assert str(Sample(data, renderer=FormRenderer())[name]) == expected


def test_labels_and_values_are_escaped():
    html = str(Sample({"single": "x"}, renderer=FormRenderer())["single"])
    assert "X &amp; &lt;y&gt; &quot;z&quot;" in html
    assert '<optgroup label="Group &lt;g&gt;">' in html
    assert '<option value="x" selected>' in html


def test_the_project_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FormRenderer)
