"""Screening pages: the list, starting a screening, the case overview, co-authors."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import roles
from agreements.models import Agreement, Partner, User
from screening import level_changes
from screening import questionnaire as qn
from screening.forms import CoAuthorForm, NewScreeningForm
from screening.models import Screening
from screening.progress import section_progress
from screening.reports import labels
from screening.services import reviews
from screening.services import screenings as services
from screening.views import review_data

PAGE_SIZE = 25


def lang() -> str:
    """The questionnaire language of the request: "nb", "nn" or "en"."""
    return qn.text_language(get_language())


@login_required
def screening_list(request: HttpRequest) -> HttpResponse:
    screenings = (
        Screening.objects.visible_to(request.user)
        .select_related("owner", "partner", "country", "unit")
        .order_by("-updated_at", "-pk")
    )
    status = request.GET.get("status", "")
    level = request.GET.get("level", "")
    if status in Screening.Status.values:
        screenings = screenings.filter(status=status)
    if level in Screening.Level.values:
        screenings = screenings.filter(overall_level=level)
    changed = request.GET.get("changed", "") == "1"
    if changed:
        screenings = level_changes.with_changed_result(screenings)
    page = Paginator(screenings, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = (("status", status), ("level", level), ("changed", "1" if changed else ""))
    filters = urlencode({k: v for k, v in chosen if v})
    context = {
        "page": page,
        "status": status,
        "level": level,
        "statuses": Screening.Status.choices,
        "levels": Screening.Level.choices,
        "filters": filters,
        "changed": changed,
        "changed_days": level_changes.CHANGED_DAYS,
        "can_start": roles.may_start_screening(request.user),
        "follow_ups": list(reviews.open_for(request.user)[:50]),
    }
    return render(request, "screening/screening_list.html", context)


def component_choices() -> list[tuple[str, str]]:
    q = qn.load(*qn.CURRENT)
    question = q.question("collab.components")
    if question is None:
        return []
    return [(o.key, qn.tr(o.label, lang())) for o in question.options]


@login_required
def screening_create(request: HttpRequest) -> HttpResponse:
    if not roles.may_start_screening(request.user):
        raise PermissionDenied
    agreement = None
    if request.GET.get("agreement", "").isdecimal():
        agreement = get_object_or_404(
            Agreement.objects.visible_to(request.user), pk=request.GET["agreement"]
        )
    initial = {"unit": request.user.unit_id, "stage": Screening.Stage.NEW}
    if agreement is not None:
        first = agreement.partners.first()
        initial.update(
            title=agreement.title,
            partner=first.pk if first else None,
            unit=agreement.responsible_unit_id or request.user.unit_id,
            stage=Screening.Stage.RENEWAL,
            period_start=agreement.start_date,
            period_end=agreement.end_date,
        )
    form = NewScreeningForm(
        request.POST or None, initial=initial, component_choices=component_choices()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screening = services.create_screening(
            by=request.user,
            title=data["title"],
            partner=data["partner"],
            proposed_partner_name=data["proposed_partner_name"],
            proposed_partner_country=data["proposed_partner_country"],
            proposed_partner_website=data["proposed_partner_website"],
            country=data["country"],
            unit=data["unit"],
            stage=data["stage"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            components=data["components"],
            agreement=agreement,
        )
        if screening.previous_id:
            messages.info(
                request,
                _(
                    "The answers from the previous screening are filled in. "
                    "Check each section: changed answers are marked."
                ),
            )
        shown = [s for s in section_progress(screening) if s.visible]
        if not shown:
            return redirect("screening:summary", pk=screening.pk)
        return redirect("screening:section", pk=screening.pk, key=shown[0].key)
    context = {
        "form": form,
        "agreement": agreement,
    }
    return render(request, "screening/screening_create.html", context)


@login_required
def partner_check(request: HttpRequest) -> HttpResponse:
    """htmx: named-list matches for the partner being chosen (empty if none)."""
    name, country = "", ""
    partner_id = request.GET.get("partner", "")
    if partner_id.isdecimal():
        partner = Partner.objects.filter(pk=partner_id).first()
        if partner is not None:
            name, country = partner.name, partner.country_id
    else:
        name = request.GET.get("proposed_partner_name", "").strip()[:300]
        country = request.GET.get("proposed_partner_country", "")[:2]
    try:
        url = reverse("agreements:partner_check")
    except NoReverseMatch:
        return HttpResponse("")
    if not name:
        return HttpResponse("")
    return redirect(f"{url}?{urlencode({'name': name, 'country': country})}")


def _visible(request: HttpRequest, pk: int) -> Screening:
    return get_object_or_404(
        Screening.objects.visible_to(request.user).select_related(
            "owner", "partner", "country", "unit", "agreement", "previous"
        ),
        pk=pk,
    )


@login_required
def screening_detail(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _visible(request, pk)
    states = section_progress(screening, lang())
    shown = [s for s in states if s.visible]
    resume = next((s for s in shown if not s.done), shown[0] if shown else None)
    context = {
        "screening": screening,
        "states": states,
        "resume_key": resume.key if resume else "",
        "co_authors": screening.co_authors.order_by("last_name", "username"),
        "can_edit": screening.is_editable and screening.is_author(request.user),
        "is_owner": screening.owner_id == request.user.pk,
        "co_author_form": CoAuthorForm(screening=screening),
        "review": review_data.for_author_page(screening, request.user, lang()),
        "level_change": level_changes.describe(screening.level_change),
        "questionnaire_title": labels.questionnaire_title(
            screening.questionnaire_id, screening.questionnaire_version, lang()
        ),
        "agreement_visible": screening.agreement_id is not None
        and Agreement.objects.visible_to(request.user)
        .filter(pk=screening.agreement_id)
        .exists(),
    }
    return render(request, "screening/screening_detail.html", context)


@login_required
@require_POST
def co_author_add(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_object_or_404(
        Screening.objects.visible_to(request.user), pk=pk, owner=request.user
    )
    form = CoAuthorForm(request.POST, screening=screening)
    if form.is_valid():
        user = form.cleaned_data["who"]
        if services.add_co_author(screening, user=user, by=request.user):
            messages.success(
                request, _("%(name)s can now edit this screening.") % {"name": user}
            )
        else:
            messages.info(
                request, _("%(name)s is already a co-author.") % {"name": user}
            )
    else:
        for error in form.errors.get("who", []):
            messages.error(request, error)
    return redirect(screening)


@login_required
@require_POST
def co_author_remove(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    screening = get_object_or_404(
        Screening.objects.visible_to(request.user), pk=pk, owner=request.user
    )
    user = get_object_or_404(User, pk=user_id)
    if services.remove_co_author(screening, user=user, by=request.user):
        messages.success(
            request, _("%(name)s is no longer a co-author.") % {"name": user}
        )
    return redirect(screening)
