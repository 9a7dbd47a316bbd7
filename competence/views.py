"""Courses and briefings: the list, recording completions, editing, coverage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agreements import roles
from competence import coverage, currency, services, status
from competence.forms import CompletionForm, CourseForm, GroupCompletionForm
from competence.models import Course


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    courses = list(Course.objects.all())
    latest = status.latest_completions([request.user.pk], [c.pk for c in courses])
    rows = []
    for course in courses:
        done = latest.get((request.user.pk, course.pk))
        rows.append(
            {
                "course": course,
                "completed_on": done,
                "state": currency.state(done, course.renew_months, today),
                "renew_by": done and currency.renew_by(done, course.renew_months),
            }
        )
    context = {"rows": rows, "may_manage": roles.may_manage_courses(request.user)}
    return render(request, "competence/course_list.html", context)


@login_required
def record(request: HttpRequest) -> HttpResponse:
    """A user records their own completion."""
    initial = {"course": request.GET.get("course")} if request.GET.get("course") else {}
    form = CompletionForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_completion(
            course=form.cleaned_data["course"],
            user=request.user,
            completed_on=form.cleaned_data["completed_on"],
            by=request.user,
        )
        messages.success(request, _("Your completion is recorded."))
        return redirect("competence:course_list")
    return render(
        request, "competence/record.html", {"form": form}, status=_status(form)
    )


@login_required
def record_group(request: HttpRequest) -> HttpResponse:
    """The contact point records one date for several people or a unit."""
    _may_manage(request)
    form = GroupCompletionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        people = form.people()
        added = services.record_for_group(
            course=form.cleaned_data["course"],
            users=people,
            completed_on=form.cleaned_data["completed_on"],
            by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "Recorded for %(added)d of %(people)d person.",
                "Recorded for %(added)d of %(people)d people.",
                len(people),
            )
            % {"added": added, "people": len(people)},
        )
        return redirect("competence:coverage")
    return render(
        request, "competence/record_group.html", {"form": form}, status=_status(form)
    )


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    return _edit(request, Course())


@login_required
def course_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _may_manage(request)
    return _edit(request, get_object_or_404(Course, pk=pk))


@login_required
def coverage_page(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    context = {"coverage": coverage.by_unit(), "today": timezone.localdate()}
    return render(request, "competence/coverage.html", context)


def _edit(request: HttpRequest, course: Course) -> HttpResponse:
    form = CourseForm(_posted(request), instance=course)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The course is saved."))
        return redirect(course)
    history = course.history.select_related("history_user")[:10] if course.pk else []
    context = {"form": form, "course": course, "history": history}
    return render(request, "competence/course_form.html", context, status=_status(form))


def _may_manage(request: HttpRequest) -> None:
    if not roles.may_manage_courses(request.user):
        raise PermissionDenied


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


def _posted(request: HttpRequest):
    """The POST data, even when empty (an empty POST is a form with errors)."""
    return request.POST if request.method == "POST" else None
