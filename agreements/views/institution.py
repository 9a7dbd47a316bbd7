"""The institution's settings page (the contact point's)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agreements.models import InstitutionSettings
from agreements.views import contact_point_required


class InstitutionSettingsForm(forms.ModelForm):
    class Meta:
        model = InstitutionSettings
        fields = ["default_language"]
        widgets = {"default_language": forms.RadioSelect}


@contact_point_required
def institution_settings(request: HttpRequest) -> HttpResponse:
    form = InstitutionSettingsForm(
        request.POST or None, instance=InstitutionSettings.current()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings have been saved."))
        return redirect("agreements:settings")
    return render(request, "agreements/institution_settings.html", {"form": form})
