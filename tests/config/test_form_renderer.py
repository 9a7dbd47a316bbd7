"""Selects are Django's templates, with the empty choice in the page's language."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation


class Sample(forms.Form):
    single = forms.ChoiceField(
        choices=[
            ("", "---------"),
            ("x", 'X & <y> "z"'),
            (1, "one"),
            ("Group <g>", [("g1", "G1"), ("g2", "G2")]),
        ],
        required=False,
    )
    several = forms.MultipleChoiceField(choices=[("1", "a"), ("2", "b")])
    maybe = forms.NullBooleanField()


@pytest.mark.parametrize(
    ("language", "empty"), [("en", "Choose …"), ("nb", "Velg …"), ("nn", "Vel …")]
)
def test_the_empty_choice_reads_choose_in_the_page_language(language, empty):
    with translation.override(language):
        html = str(Sample()["single"])
    assert f'<option value="" selected>{empty}</option>' in html
    assert "---------" not in html


def test_labels_and_values_are_escaped_and_the_choice_kept():
    html = str(Sample({"single": "x"})["single"])
    assert '<option value="x" selected>X &amp; &lt;y&gt; &quot;z&quot;</option>' in html
    assert '<optgroup label="Group &lt;g&gt;">' in html
    assert '<option value="g2">G2</option>' in html


def test_several_choices_and_yes_no_keep_what_was_chosen():
    form = Sample({"several": ["1", "2"], "maybe": "true"})
    several = str(form["several"])
    assert '<select name="several" required id="id_several" multiple>' in several
    assert several.count("selected") == 2
    assert '<option value="true" selected>' in str(form["maybe"])
