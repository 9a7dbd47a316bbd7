"""Screening models, one module per area. Each area adds its import line here."""

from screening.models.mail import UndeliveredEmail  # noqa: F401
from screening.models.reports import Report  # noqa: F401
from screening.models.reviews import (  # noqa: F401
    Comment,
    FollowUp,
    ReviewReminder,
    RouteTask,
    Transition,
)
from screening.models.screenings import Screening, ScreeningQuerySet  # noqa: F401
