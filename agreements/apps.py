from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from agreements.matching import warm_up
        from config import fragments

        # A transfer's preview is never on a page.
        fragments.watch(self.get_models(), unseen=["ImportPreview"])
        warm_up()  # the first screening query after start need not load tables
        post_migrate.connect(role_groups, sender=self)


def role_groups(sender, using="default", apps=global_apps, **kwargs) -> None:
    """The four role groups exist after every `migrate` and every `flush`: a
    migration made them once, but a flush (`manage.py flush`, the end of every
    transactional test) empties the table, and nobody could be given a role."""
    from agreements import roles

    try:
        group = apps.get_model("auth", "Group")
    except LookupError:  # auth is not migrated yet
        return
    for name in roles.ALL:
        group.objects.using(using).get_or_create(name=name)
