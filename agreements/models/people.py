from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models.institution import default_language


class Unit(models.Model):
    """A faculty, department or group: a node in the institution's tree."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="unit_unique_name_in_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A unit cannot sit below itself: every chain of parents ends at a top unit."""
        super().clean()
        seen: set[int] = set()
        node_id = self.parent_id
        while node_id is not None and node_id not in seen:
            if node_id == self.pk:
                raise ValidationError(
                    {
                        "parent": _(
                            "A unit cannot be placed below itself or one of its "
                            "own sub-units."
                        )
                    }
                )
            seen.add(node_id)
            node_id = (
                Unit.objects.filter(pk=node_id).values_list("parent_id", flat=True)
            ).first()
        if node_id is not None:  # a loop in older data, above the chosen parent
            raise ValidationError(
                {
                    "parent": _(
                        "The units above this parent unit form a loop. Give one of "
                        "them a parent outside the loop first."
                    )
                }
            )

    def descendant_ids(self) -> set[int]:
        """This unit's id and every unit below it (trees are small: tens of units).

        Only ids not seen before are followed, so a loop left in old data
        (a unit below itself) ends the walk instead of repeating it for ever.
        """
        ids, frontier = {self.pk}, {self.pk}
        while frontier:
            below = Unit.objects.filter(parent_id__in=frontier).values_list(
                "pk", flat=True
            )
            frontier = set(below) - ids
            ids |= frontier
        return ids


class User(AbstractUser):
    """A person who logs in. Roles are Django groups (see agreements.roles)."""

    class Language(models.TextChoices):
        NB = "nb", _("Norwegian bokmål")
        NN = "nn", _("Norwegian nynorsk")
        EN = "en", _("English")

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=Language.choices,
        default=default_language,
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username
