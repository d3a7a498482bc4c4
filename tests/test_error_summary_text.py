"""The error summary's link texts (core/templatetags/design.py): "Label: message", a
question label followed by its message, and for a label that is a whole sentence (a consent
box) the message alone, which says what to do."""

from __future__ import annotations

from django import forms

from core.templatetags.design import error_links


class Sample(forms.Form):
    name = forms.CharField(label="Your name")
    offer = forms.CharField(label="What do you offer?")
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree that my data is used.",
        error_messages={"required": "Please accept the privacy notice to send your idea."},
    )


def test_each_kind_of_label_reads_well_in_the_summary() -> None:
    form = Sample(data={})
    assert not form.is_valid()
    assert error_links(form) == [
        ("id_name", "Your name: This field is required."),
        ("id_offer", "What do you offer? This field is required."),
        ("id_consent", "Please accept the privacy notice to send your idea."),
    ]
