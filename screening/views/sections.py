"""The questionnaire pages: one section per page, autosave, summary and submit."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from countries.labels import fact_rows
from screening import questionnaire as qn
from screening.forms import SectionForm, to_answer, to_initial
from screening.models import Screening
from screening.progress import METADATA_SECTIONS, percent_done, section_progress
from screening.services import screenings as services
from screening.views import review_data
from screening.views.screenings import lang

PENDING = "screening_pending_section"


def orig_name(key: str) -> str:
    return f"_orig.{key}"


def dom_id(key: str) -> str:
    return key.replace(".", "-").replace("_", "-")


def _section(screening: Screening, key: str) -> qn.Section:
    section = screening.questionnaire.section(key)
    if section is None or key in METADATA_SECTIONS:
        raise Http404("No such section")
    return section


def _is_answer(value: object) -> bool:
    """An answer as the page renders it: text (or a number), or a list of those."""
    scalar = (str, int, float, bool, type(None))
    if isinstance(value, list):
        return all(isinstance(item, scalar) for item in value)
    return isinstance(value, scalar)


def _originals(post: QueryDict, keys: list[str]) -> dict[str, object]:
    """The values the page was rendered with. Unreadable JSON counts as not sent;
    nesting no page of ours sends (a forged POST) is refused with 400."""
    originals: dict[str, object] = {}
    for key in keys:
        raw = post.get(orig_name(key))
        if raw is None:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        except RecursionError as exc:
            raise BadRequest("original answer nested too deeply") from exc
        if not _is_answer(value):
            raise BadRequest("original answer is not an answer")
        originals[key] = value
    return originals


def _revision(post: QueryDict) -> int | None:
    raw = post.get("revision", "")
    return int(raw) if raw.isdecimal() else None


@login_required
def section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    screening = get_object_or_404(
        Screening.objects.visible_to(request.user).select_related(
            "country", "partner", "previous"
        ),
        pk=pk,
    )
    sec = _section(screening, key)
    context = screening.context()
    questions = qn.visible_questions(
        screening.questionnaire, sec, screening.answers, context
    )
    form = SectionForm(
        initial={q.key: to_initial(q, screening.answers.get(q.key)) for q in questions},
        questions=questions,
        lang=lang(),
    )
    pending = request.session.get(PENDING)
    if pending and pending.get("screening") == pk and pending.get("section") == key:
        del request.session[PENDING]
        if screening.is_editable and screening.is_author(request.user):
            data = QueryDict(mutable=True)
            for name, values in pending["data"].items():
                data.setlist(name, values)
            form = SectionForm(data, questions=questions, lang=lang())
            form.is_valid()
            messages.info(
                request,
                _(
                    "Your session had run out. What you typed is filled in again: "
                    "check it and save."
                ),
            )
    return _render_section(request, screening, sec, form, questions, {})


def _rows(request, screening, sec, form, questions, conflicts, originals=None):
    """One row per question for the page; `originals`: the values the page was
    rendered with (kept when the list is re-evaluated live), else the stored ones."""
    originals = originals or {}
    changed = services.changed_since_previous(screening)
    can_edit = screening.is_editable and screening.is_author(request.user)
    threads = review_data.threads_by_question(screening)
    rows = []
    for question in questions:
        field = form[question.key]
        if not can_edit:
            field.field.disabled = True
        if question.type == "text" and can_edit:
            field.field.widget.attrs.update(
                {
                    "hx-post": reverse(
                        "screening:autosave", args=[screening.pk, sec.key]
                    ),
                    "hx-trigger": "keyup changed delay:1s",
                    "hx-target": f"#autosave-{dom_id(question.key)}",
                    "hx-include": f"#orig-{dom_id(question.key)}",
                    "hx-swap": "innerHTML",
                    "aria-describedby": f"autosave-{dom_id(question.key)}",
                }
            )
        original = originals.get(question.key)
        if original is None:
            original = json.dumps(screening.answers.get(question.key, ""))
        rows.append(
            {
                "question": question,
                "field": field,
                "dom_id": dom_id(question.key),
                "orig_name": orig_name(question.key),
                "original": original,
                "autosave": can_edit
                and (question.type == "text" or question.type in CHOICE_TYPES),
                "changed": question.key in changed,
                "previous": _display(question, changed.get(question.key)),
                "conflict": conflicts.get(question.key),
                "review_threads": threads.get(question.key, []),
            }
        )
    return rows


def progress_context(screening: Screening, key: str) -> dict:
    """The progress bar and the section list of a section page, for the page
    and for the answers saved on it (which swap them in afresh)."""
    states = section_progress(screening, lang())
    keys = [s.key for s in states if s.visible]
    position = keys.index(key) if key in keys else -1
    return {
        "states": states,
        "keys": keys,
        "position": position,
        "percent": percent_done(states),
        "step": position + 1,
        "steps": len(keys),
        "current": key,
    }


def _render_section(request, screening, sec, form, questions, conflicts):
    progress = progress_context(screening, sec.key)
    keys, position = progress["keys"], progress["position"]
    can_edit = screening.is_editable and screening.is_author(request.user)
    rows = _rows(request, screening, sec, form, questions, conflicts)
    facts = screening.country_facts() if sec.key == "country" else None
    context = {
        "screening": screening,
        "section": sec,
        "title": qn.tr(sec.title, lang()),
        "intro": qn.tr(sec.intro, lang()),
        **progress,
        "rows": rows,
        "form": form,
        "can_edit": can_edit,
        "back": keys[position - 1] if position > 0 else None,
        "next": keys[position + 1] if 0 <= position < len(keys) - 1 else None,
        "live_url": reverse("screening:section_questions", args=[screening.pk, sec.key])
        if can_edit
        else "",
        "is_country": sec.key == "country",
        "country_facts": facts,
        "country_rows": fact_rows(facts) if facts else [],
    }
    status = 200
    return render(request, "screening/section.html", context, status=status)


def _display(question: qn.Question, value: object) -> str:
    if not qn.is_answered(value):
        return _("(no answer)")
    if question.type == "assets" and isinstance(value, list):
        return review_data.asset_names(value) or _("(no answer)")
    values = value if isinstance(value, list) else [value]
    labels = []
    for item in values:
        option = question.option(item)
        labels.append(qn.tr(option.label, lang()) if option else str(item))
    return ", ".join(labels)


def section_post(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    if not request.user.is_authenticated:
        data = {
            k: request.POST.getlist(k)
            for k in request.POST
            if k != "csrfmiddlewaretoken"
        }
        request.session[PENDING] = {"screening": pk, "section": key, "data": data}
        return redirect_to_login(request.path)
    screening = get_object_or_404(Screening.objects.visible_to(request.user), pk=pk)
    sec = _section(screening, key)
    if not screening.is_author(request.user):
        raise PermissionDenied
    if not screening.is_editable:
        messages.error(request, _("This screening can no longer be edited."))
        return redirect(screening)
    # Visible for the answers being saved: a follow-up shown live on the page
    # (its trigger chosen but not saved yet) is saved with its trigger.
    answers = {**screening.answers, **_posted_answers(sec, request.POST)}
    questions = qn.visible_questions(
        screening.questionnaire, sec, answers, screening.context()
    )
    form = SectionForm(request.POST, questions=questions, lang=lang())
    form.is_valid()
    found = services.save_answers(
        screening,
        changes=form.answer_values(),
        originals=_originals(request.POST, [q.key for q in questions]),
        revision=_revision(request.POST),
        by=request.user,
    )
    if form.errors or found:
        conflicts = {}
        data = request.POST.copy()
        for conflict in found:
            question = form.questions[conflict.key]
            conflicts[conflict.key] = {
                "mine": _display(question, conflict.mine),
                "stored": _display(question, conflict.stored),
            }
            stored = conflict.stored
            if isinstance(stored, list):
                data.setlist(conflict.key, stored)
            else:
                data[conflict.key] = "" if stored is None else str(stored)
        form = SectionForm(data, questions=questions, lang=lang())
        form.is_valid()
        messages.warning(
            request,
            _(
                "Some answers need your attention (marked below). "
                "Your other answers are saved."
            ),
        )
        return _render_section(request, screening, sec, form, questions, conflicts)
    new = _new_follow_ups(screening, sec, request.POST)
    if new and request.POST.get("go", "next") != "leave":
        messages.info(
            request,
            _("Your answers added a question to this section. Answer it, then go on."),
        )
        url = reverse("screening:section", args=[screening.pk, key])
        return redirect(f"{url}#q-{dom_id(new[0].key)}")
    return _after_save(request, screening, key)


def _new_follow_ups(screening, sec, post) -> list[qn.Question]:
    """Questions the saved answers show that the page did not have (the page
    without JavaScript only learns of a follow-up when it saves)."""
    if not any(name.startswith("_orig.") for name in post):
        return []
    now = qn.visible_questions(
        screening.questionnaire, sec, screening.answers, screening.context()
    )
    return [q for q in now if orig_name(q.key) not in post]


def _after_save(request, screening, key):
    go = request.POST.get("go", "next")
    if go == "leave":
        messages.success(request, _("Draft saved. You can continue later."))
        return redirect("screening:list")
    keys = [s.key for s in section_progress(screening, lang()) if s.visible]
    step = -1 if go == "back" else 1
    position = keys.index(key) + step if key in keys else 0
    if 0 <= position < len(keys):
        return redirect("screening:section", pk=screening.pk, key=keys[position])
    return redirect("screening:summary", pk=screening.pk)


def section_view(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """GET needs a login; a POST from an expired session keeps what was typed."""
    if request.method == "POST":
        return section_post(request, pk, key)
    return section(request, pk, key)


@require_POST
def autosave(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """htmx: save one long text answer while the user types."""
    if not request.user.is_authenticated:
        return HttpResponse(
            _(
                "Not saved: your session has run out. Press Save: you will be asked "
                "to log in and your text is kept."
            )
        )
    screening = get_object_or_404(
        Screening.objects.editable_by(request.user).distinct(), pk=pk
    )
    sec = _section(screening, key)
    questions = qn.visible_questions(
        screening.questionnaire, sec, screening.answers, screening.context()
    )
    texts = [q for q in questions if q.type == "text" and q.key in request.POST]
    if not texts:
        return HttpResponse(_("Not saved."))
    question = texts[0]
    form = SectionForm(request.POST, questions=[question], lang=lang())
    if not form.is_valid():
        return HttpResponse(" ".join(form.errors[question.key]))
    value = to_answer(question, form.cleaned_data[question.key])
    found = services.save_answers(
        screening,
        changes={question.key: value},
        originals=_originals(request.POST, [question.key]),
        revision=None,
        by=request.user,
    )
    context = {
        "conflict": found[0] if found else None,
        "dom_id": dom_id(question.key),
        "orig_name": orig_name(question.key),
        "original": json.dumps(screening.answers.get(question.key, "")),
        "screening": screening,
        **({} if found else progress_context(screening, key)),
    }
    return render(request, "screening/_autosave_status.html", context)


def _posted_answers(sec: qn.Section, post: QueryDict) -> dict[str, object]:
    """What the page shows now for the questions it was rendered with (those
    with an original value): an unticked box or unchosen radio sends nothing."""
    values: dict[str, object] = {}
    for question in sec.questions:
        if orig_name(question.key) not in post:
            continue
        if question.type == "multi":
            values[question.key] = [v for v in post.getlist(question.key) if v]
        else:
            values[question.key] = post.get(question.key, "")
    return values


@require_POST
def section_questions(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """htmx: the section's questions re-evaluated with the answers on the page,
    so a follow-up appears (or goes) as soon as its trigger answer changes.
    The choices named in `_save` (the ones just changed) are saved, like text
    is while typing; nothing else is saved, and what was typed is kept."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    screening = get_object_or_404(
        Screening.objects.editable_by(request.user).distinct(), pk=pk
    )
    sec = _section(screening, key)
    posted = _posted_answers(sec, request.POST)
    answers = {**screening.answers, **posted}
    questions = qn.visible_questions(
        screening.questionnaire, sec, answers, screening.context()
    )
    initial = {
        q.key: posted[q.key]
        if q.key in posted
        else to_initial(q, screening.answers.get(q.key))
        for q in questions
    }
    form = SectionForm(initial=initial, questions=questions, lang=lang())
    originals = {
        q.key: request.POST[orig_name(q.key)]
        for q in questions
        if orig_name(q.key) in request.POST
    }
    saved = _save_choices(request, screening, questions, originals)
    rows = _rows(request, screening, sec, form, questions, {}, originals)
    before = [q for q in sec.questions if q.key in posted]
    now = {q.key for q in questions}
    news = [
        _("New question: %(text)s") % {"text": qn.tr(q.text, lang())}
        for q in questions
        if q.key not in posted
    ] + [
        _("No longer asked: %(text)s") % {"text": qn.tr(q.text, lang())}
        for q in before
        if q.key not in now
    ]
    context = {
        "rows": rows,
        "screening": screening,
        "live_url": request.path,
        "news": " ".join(news),
        "saved": saved,
        "oob": True,
        # A saved choice may finish (or reopen) a section: the progress bar and
        # the section list follow without a reload.
        **(progress_context(screening, key) if any(x["ok"] for x in saved) else {}),
    }
    return render(request, "screening/_section_questions.html", context)


CHOICE_TYPES = ("ynu", "choice", "multi")


def _save_choices(request, screening, questions, originals) -> list[dict[str, str]]:
    """Save the changed choices named in `_save`; what to say under each."""
    wanted = set(request.POST.getlist("_save"))
    chosen = [q for q in questions if q.key in wanted and q.type in CHOICE_TYPES]
    if not chosen:
        return []
    form = SectionForm(request.POST, questions=chosen, lang=lang())
    form.is_valid()
    found = services.save_answers(
        screening,
        changes=form.answer_values(),
        originals=_originals(request.POST, [q.key for q in chosen]),
        revision=None,
        by=request.user,
    )
    conflicts = {c.key for c in found}
    time = timezone.localtime().strftime("%H:%M")
    out = []
    for question in chosen:
        if question.key in form.errors:
            text = " ".join(form.errors[question.key])
        elif question.key in conflicts:
            text = _(
                "Not saved: this answer was changed in another window. "
                "Reload the page to see both versions."
            )
        else:
            text = _("Saved at %(time)s") % {"time": time}
            originals[question.key] = json.dumps(
                screening.answers.get(question.key, "")
            )
        out.append(
            {
                "dom_id": dom_id(question.key),
                "text": text,
                "ok": question.key not in conflicts and question.key not in form.errors,
            }
        )
    return out
