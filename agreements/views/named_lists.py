"""Named lists: the contact point's adjudication and the point-of-use check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import named_lists
from agreements.matching import PROBABLE, InvalidName
from agreements.matching.index import MAX_NAME_LENGTH
from agreements.models import EntryAlias, NamedListEntry, Partner, PartnerMatch
from agreements.named_list_forms import EntryAliasForm, MatchDecisionForm
from agreements.views import contact_point_required, proposals


@contact_point_required
def match_decide(request: HttpRequest, pk: int, match_pk: int) -> HttpResponse:
    match = get_object_or_404(PartnerMatch, pk=match_pk, partner_id=pk)
    form = MatchDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        match = named_lists.decide_match(
            match,
            status=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        if match.status == PartnerMatch.Status.CONFIRMED:
            messages.success(request, _("Match confirmed: the partner is flagged."))
        else:
            messages.success(request, _("Candidate dismissed."))
        return proposals.back(
            request, f"{match.partner.get_absolute_url()}#matches-heading"
        )
    context = {"match": match, "partner": match.partner, "form": form}
    return render(request, "agreements/match_decide.html", context)


@contact_point_required
@require_POST
def partner_rescreen(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=pk)
    named_lists.screen_partner(partner)
    messages.success(request, _("Screened again against the current named lists."))
    return proposals.back(request, f"{partner.get_absolute_url()}#matches-heading")


@login_required
def partner_check(request: HttpRequest) -> HttpResponse:
    """HTML fragment for htmx: probable matches for a name, or for a partner."""
    name = request.GET.get("name", "")
    country = request.GET.get("country", "")[:2].upper()
    partner_id = request.GET.get("partner", "")
    context: dict[str, object] = {"name": name}
    try:
        if partner_id:
            partner = get_object_or_404(
                Partner, pk=int(partner_id) if partner_id.isdecimal() else 0
            )
            matches = named_lists.partner_matches(partner)
            entries = named_lists.entries_for(matches)
            found = [named_lists.Found(m, entries[m.key]) for m in matches]
            context["name"] = partner.name
        else:
            found = named_lists.check_name(name, country)
        context["found"] = [f for f in found if f.match.score >= PROBABLE]
    except InvalidName:
        context["error"] = (
            _("The name is too long (at most %(max)s characters).")
            % {"max": MAX_NAME_LENGTH}
            if name.strip()
            else _("Enter a name to check.")
        )
    return render(request, "agreements/_partner_check.html", context)


@contact_point_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A list entry with every name it is matched on; the contact point adds
    local aliases here."""
    entry = get_object_or_404(
        NamedListEntry.objects.select_related("named_list"), pk=pk
    )
    form = EntryAliasForm(request.POST or None, entry=entry)
    if request.method == "POST" and form.is_valid():
        named_lists.add_entry_alias(
            entry,
            name=form.cleaned_data["name"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(
            request, _("Alias added. Partners are screened again with it.")
        )
        return redirect("agreements:entry_detail", pk=entry.pk)
    history = (
        EntryAlias.history.filter(entry_id=entry.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    context = {
        "entry": entry,
        "form": form,
        "aliases": entry.local_aliases.select_related("added_by"),
        "history": history,
    }
    return render(request, "agreements/entry_detail.html", context)


@contact_point_required
@require_POST
def entry_alias_remove(request: HttpRequest, pk: int, alias_pk: int) -> HttpResponse:
    alias = get_object_or_404(
        EntryAlias, pk=alias_pk, entry_id=pk, source=EntryAlias.Source.LOCAL
    )
    named_lists.remove_entry_alias(alias, by=request.user)
    messages.success(request, _("Alias removed; the history keeps it."))
    return redirect("agreements:entry_detail", pk=pk)
