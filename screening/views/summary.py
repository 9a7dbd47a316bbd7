"""The summary page: the result explained, the mitigation plan and submitting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agreements import partner_screening
from competence import status as competence
from screening import ledger
from screening import questionnaire as qn
from screening.forms import MitigationPlanForm
from screening.models import Screening
from screening.progress import section_progress
from screening.services import screenings as services
from screening.views.screenings import lang
from screening.views.sections import dom_id


def explain(screening: Screening, language: str) -> dict[str, object]:
    """The stored result, shaped for the page (nothing is re-scored here)."""
    q = screening.questionnaire
    result = screening.result or {}
    ledger_lines = result.get("ledger", [])
    names = {
        d["key"]: qn.tr(d.get("name"), language) or q.dimension_name(d["key"], language)
        for d in result.get("dimensions", [])
    }
    found = [
        {
            "reason": reason,
            "effects": [
                {"name": names.get(e.dimension, e.dimension), "text": e.text}
                for e in reason.effects
            ],
        }
        for reason in ledger.reasons(ledger_lines, language)
    ]
    filed: dict[str, list[dict[str, object]]] = {key: [] for key in names}
    for item in found:
        filed.setdefault(item["reason"].home, []).append(item)
    dimensions = [
        {
            "key": d["key"],
            "name": names[d["key"]],
            "level": d["level"],
            "points": d["points"],
            "floor": d.get("floor"),
            "reasons": filed.get(d["key"], []),
        }
        for d in result.get("dimensions", [])
    ]

    def items(name: str) -> list[dict[str, object]]:
        return [
            {**i, "label": qn.tr(i.get("text"), language)} for i in result.get(name, [])
        ]

    def link(question_key: str) -> str:
        question = q.question(question_key)
        if question is None:
            return ""
        return (
            f"/screenings/{screening.pk}/section/{question.section}/"
            f"#q-{dom_id(question_key)}"
        )

    gaps = [{**g, "link": link(g["key"])} for g in items("gaps")]
    blocking = [
        {**b, "link": link(b.get("detail", {}).get("question", ""))}
        for b in items("blocking")
    ]
    return {
        "complete": result.get("status") == "complete",
        "overall": result.get("overall") or "incomplete",
        "provisional": result.get("overall_computed"),
        "escalated": result.get("escalated", False),
        "dimensions": dimensions,
        "top_reasons": found[:3],
        "hard_triggers": items("hard_triggers"),
        "routes": items("routes"),
        "mitigations": items("mitigations"),
        "gaps": gaps,
        "blocking": blocking,
    }


def competence_of(screening: Screening) -> list[competence.PersonStatus]:
    """The owner and co-authors, each current, expired or missing on the
    courses required in screenings (three queries, whatever the number)."""
    people = [(screening.owner, _("Owner"))]
    people += [(u, _("Co-author")) for u in screening.co_authors.all()]
    return competence.people_status(people)


def next_step(
    screening: Screening, *, blocked: bool, can_edit: bool, plan: bool
) -> dict[str, str]:
    """What the researcher should do now, in one sentence, with where to do it."""
    status = Screening.Status
    if screening.status in (status.DRAFT, status.CHANGES_REQUESTED) and can_edit:
        if blocked:
            return {
                "text": _("Answer the items under “Before you can submit”."),
                "href": "#blocking-title",
                "label": _("Go to the items"),
            }
        if plan:
            return {
                "text": _(
                    "Write what you will do about each recommended action, "
                    "then submit the screening to the contact point."
                ),
                "href": "#plan",
                "label": _("Go to the plan"),
            }
        return {
            "text": _("Submit the screening to the contact point."),
            "href": "#plan",
            "label": _("Go to submit"),
        }
    if screening.status in (status.SUBMITTED, status.IN_REVIEW):
        return {
            "text": _(
                "The contact point is reviewing the screening. You will be "
                "told by e-mail when there is a decision or a question."
            ),
            "href": "",
            "label": "",
        }
    return {
        "text": _("See the decision and any conditions on the case page."),
        "href": screening.get_absolute_url(),
        "label": _("Open the case"),
    }


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_object_or_404(
        Screening.objects.visible_to(request.user).select_related(
            "owner", "partner", "country", "unit"
        ),
        pk=pk,
    )
    language = lang()
    explained = explain(screening, language)
    can_edit = screening.is_editable and screening.is_author(request.user)
    plan_items = [(m["key"], m["label"]) for m in explained["mitigations"]]
    form = MitigationPlanForm(
        request.POST or None,
        initial=screening.mitigation_plan,
        items=plan_items,
    )
    if request.method == "POST":
        if not screening.is_author(request.user):
            raise PermissionDenied
        if not can_edit:
            messages.error(request, _("This screening can no longer be edited."))
            return redirect(screening)
        if form.is_valid():
            services.save_mitigation_plan(
                screening, plan=form.cleaned_data, by=request.user
            )
            if request.POST.get("go") != "submit":
                messages.success(request, _("Mitigation plan saved."))
                return redirect("screening:summary", pk=pk)
            try:
                sent = services.submit_screening(screening, by=request.user)
            except services.SubmitRefused:
                messages.error(
                    request,
                    _(
                        "The screening cannot be submitted yet: answer the items "
                        "listed under 'Before you can submit'."
                    ),
                )
                return redirect("screening:summary", pk=pk)
            if sent:
                messages.success(
                    request,
                    _("Submitted. The contact point will review your screening."),
                )
            return redirect(screening)
    plan_rows = [{**m, "field": form[m["key"]]} for m in explained["mitigations"]]
    context = {
        "screening": screening,
        "result": explained,
        "plan_rows": plan_rows,
        "form": form,
        "can_edit": can_edit,
        "states": section_progress(screening, language),
        "blocked": bool(explained["blocking"]),
        "pending": list(partner_screening.pending_matches(screening.partner_id)),
        "competence": competence_of(screening),
        "next": next_step(
            screening,
            blocked=bool(explained["blocking"]),
            can_edit=can_edit,
            plan=bool(plan_rows),
        ),
    }
    return render(request, "screening/summary.html", context)
