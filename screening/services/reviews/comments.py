"""Comments on a screening under review: on one answer or on the whole case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from agreements.models import User
from screening.models import Comment, Screening
from screening.services.reviews.transitions import can_comment, require


@transaction.atomic
def add_comment(
    screening: Screening,
    *,
    by: User,
    body: str,
    question_key: str = "",
    parent: Comment | None = None,
) -> Comment | None:
    """A comment on one answer or the whole case; a reply joins its parent's thread."""
    require(can_comment(by, screening))
    if not body.strip():
        return None
    if parent is not None:
        if parent.screening_id != screening.pk:
            raise PermissionDenied
        question_key = parent.question_key
        parent = parent.parent or parent  # threads are one level deep
    return Comment.objects.create(
        screening=screening,
        author=by,
        body=body.strip(),
        question_key=question_key,
        parent=parent,
    )
