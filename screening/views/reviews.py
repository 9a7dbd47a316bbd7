"""The review page of one screening and the review actions posted from it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements import partner_screening, roles
from agreements.models import Partner
from countries.labels import fact_rows
from screening import level_changes
from screening.models import Comment, RouteTask, Screening
from screening.review_forms import (
    CommentForm,
    ConfirmRouteForm,
    DecisionForm,
    ExportControlForm,
    ReasonForm,
    RouteForm,
)
from screening.services import reviews as services
from screening.views import review_data
from screening.views.screenings import lang
from screening.views.summary import competence_of, explain


def _visible(request: HttpRequest, pk: int) -> Screening:
    return get_object_or_404(
        Screening.objects.visible_to(request.user).select_related(
            "owner", "partner", "country", "unit", "agreement"
        ),
        pk=pk,
    )


def _reviewable(request: HttpRequest, pk: int) -> Screening:
    """Reviewers and leadership read the review page; an author gets 403."""
    screening = _visible(request, pk)
    if not roles.sees_all_screenings(request.user):
        raise PermissionDenied
    return screening


def _show(request: HttpRequest, screening: Screening, status: int = 200, **forms):
    user = request.user
    language = lang()
    threads = review_data.threads_by_question(screening)
    previous = review_data.previous_submission(screening)
    tasks = list(screening.route_tasks.select_related("decided_by"))
    under_review = screening.status in services.UNDER_REVIEW
    authored = services.wrote(user, screening)
    independent = not authored or services.own_review_allowed()
    checks = review_data.checklist(screening, tasks)
    failed = getattr(forms.get("task_form"), "task_id", None)
    explained = explain(screening, language)
    country_facts = screening.country_facts()
    plan = screening.mitigation_plan or {}
    sections = review_data.answer_sections(
        screening, language, threads, previous.answers if previous else None
    )
    context = {
        "screening": screening,
        "explained": explained,
        "sections": sections,
        "previous": previous,
        "changed_answers": sum(row.changed for s in sections for row in s.rows),
        "case_threads": threads.get("", []),
        "fact_lines": review_data.fact_lines(screening, language),
        "country_facts": country_facts,
        "country_rows": fact_rows(country_facts),
        "approval_blockers": partner_screening.approval_blockers(screening.partner),
        "level_change": level_changes.describe(screening.level_change),
        "merge_options": _merge_options(screening),
        "tasks": tasks,
        "competence": competence_of(screening),
        "history": screening.transitions.select_related("actor"),
        "mitigations": [
            {"key": m["key"], "label": m["label"], "text": plan.get(m["key"], "")}
            for m in explained["mitigations"]
        ],
        "can_decide": services.can_review(user) and under_review and independent,
        "own_case": services.can_review(user) and not independent,
        "own_case_allowed": authored and independent,
        "checks": checks,
        "checks_missing": [c for c in checks if not c.done],
        "override_form": forms.get("override_form") or ReasonForm(prefix="override"),
        "can_reopen": services.can_review(user)
        and screening.status == Screening.Status.WITHDRAWN,
        "reopen_form": forms.get("reopen_form") or ReasonForm(prefix="reopen"),
        "follow_ups": list(screening.follow_ups.select_related("owner", "done_by")),
        "can_comment": services.can_comment(user, screening),
        "is_export_officer": roles.is_export_officer(user),
        "is_contact_point": services.can_review(user),
        "under_review": under_review,
        "decision_form": forms.get("decision_form")
        or DecisionForm(initial={"seen": services.latest_submission_id(screening)}),
        "route_form": RouteForm(),
        "comment_form": CommentForm(),
        "register_assets": screening.picked_assets(),
        "task_rows": [
            (
                t,
                forms.get("task_form")
                if t.pk == failed
                else _task_form(user, t, independent=independent),
            )
            for t in tasks
        ],
    }
    return render(request, "screening/review.html", context, status=status)


def _merge_options(screening: Screening) -> list[Partner]:
    """Registered partners in the proposed partner's country to merge it into."""
    partner = screening.partner
    if partner is None or not partner.proposed:
        return []
    return list(
        Partner.objects.filter(country_id=partner.country_id, proposed=False)
        .exclude(pk=partner.pk)
        .order_by("name")[:500]
    )


def _task_form(user, task: RouteTask, data=None, *, independent: bool = True):
    """The form for a route task, if this user may record it now (four-eyes:
    never on a screening they wrote or submitted)."""
    if not task.is_open or task.screening.status not in services.UNDER_REVIEW:
        return None
    if not independent:
        return None
    if task.is_export_control:
        if not roles.is_export_officer(user):
            return None
        form = ExportControlForm(data, prefix=f"t{task.pk}")
    elif services.can_sign(user, task):
        form = ConfirmRouteForm(data, prefix=f"t{task.pk}")
    else:
        return None
    form.task_id = task.pk
    return form


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _show(request, _reviewable(request, pk))


def _back(request: HttpRequest, screening: Screening, outcome: services.Outcome):
    (messages.success if outcome.done else messages.warning)(request, outcome.message)
    return redirect("screening:review", pk=screening.pk)


@login_required
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _reviewable(request, pk)
    return _back(request, screening, services.start_review(screening, by=request.user))


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _reviewable(request, pk)
    if not services.can_review(request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _show(request, screening, status=400, decision_form=form)
    text, seen = form.cleaned_data["text"], form.cleaned_data["seen"]
    by = request.user
    actions = {
        form.APPROVE: lambda: services.approve(
            screening, by=by, comment=text, seen=seen
        ),
        form.APPROVE_WITH_CONDITIONS: lambda: services.approve_with_conditions(
            screening, by=by, conditions=text, due=form.cleaned_data["due"], seen=seen
        ),
        form.REQUEST_CHANGES: lambda: services.request_changes(
            screening, by=by, reason=text, seen=seen
        ),
        form.REJECT: lambda: services.reject(screening, by=by, reason=text, seen=seen),
    }
    outcome = actions[form.cleaned_data["decision"]]()
    return _back(request, screening, outcome)


@login_required
@require_POST
def route(request: HttpRequest, pk: int) -> HttpResponse:
    screening = _reviewable(request, pk)
    form = RouteForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    outcome = services.route_to_export_control(
        screening, by=request.user, comment=comment
    )
    return _back(request, screening, outcome)


@login_required
@require_POST
def route_task(request: HttpRequest, pk: int, task_id: int) -> HttpResponse:
    screening = _reviewable(request, pk)
    task = get_object_or_404(RouteTask, pk=task_id, screening=screening)
    if not services.independent(request.user, screening):
        raise services.OwnCase
    form = _task_form(request.user, task, request.POST)
    if form is None:
        if task.is_open and screening.status in services.UNDER_REVIEW:
            raise PermissionDenied
        return _back(
            request,
            screening,
            services.Outcome(
                False, _("Nothing changed: this task is already recorded.")
            ),
        )
    if not form.is_valid():
        return _show(request, screening, status=400, task_form=form)
    data = form.cleaned_data
    if task.is_export_control:
        outcome = services.record_export_control(
            task,
            by=request.user,
            licence_required=data["outcome"] == ExportControlForm.LICENCE_REQUIRED,
            reference=data["reference"],
            comment=data["comment"],
        )
    else:
        outcome = services.confirm_route(
            task, by=request.user, reference=data["reference"], comment=data["comment"]
        )
    return _back(request, screening, outcome)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    """Reviewers comment on the review page; authors reply from their pages."""
    screening = _visible(request, pk)
    if not services.can_comment(request.user, screening):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(
                Comment, pk=form.cleaned_data["parent"], screening=screening
            )
        services.add_comment(
            screening,
            by=request.user,
            body=form.cleaned_data["body"],
            question_key=form.cleaned_data["question_key"] or "",
            parent=parent,
        )
        messages.success(request, _("Your comment is saved."))
    else:
        messages.error(request, _("Write a comment before you save it."))
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)  # a path, never a view name to reverse
    if roles.sees_all_screenings(request.user):
        return redirect("screening:review", pk=screening.pk)
    return redirect(screening)


def _with_reason(request: HttpRequest, pk: int, prefix: str, action) -> HttpResponse:
    """A contact point's step that needs a reason (override, reopen): the
    reason next to its field when missing, else the service's outcome."""
    screening = _reviewable(request, pk)
    if not services.can_review(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST, prefix=prefix)
    if not form.is_valid():
        return _show(request, screening, status=400, **{f"{prefix}_form": form})
    outcome = action(screening, by=request.user, reason=form.cleaned_data["reason"])
    return _back(request, screening, outcome)


@login_required
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve without the sign-off the level requires: only with a reason."""
    return _with_reason(request, pk, "override", services.override_sign_off)


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _with_reason(request, pk, "reopen", services.reopen)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner withdraws, after confirming it with a reason."""
    screening = _visible(request, pk)
    if screening.owner_id != request.user.pk:
        raise PermissionDenied
    form = ReasonForm(request.POST, prefix="withdraw")
    if not form.is_valid():
        messages.error(request, _("Say why you withdraw the screening."))
        return redirect(screening)
    outcome = services.withdraw(
        screening, by=request.user, reason=form.cleaned_data["reason"]
    )
    (messages.success if outcome.done else messages.warning)(request, outcome.message)
    return redirect(screening)
