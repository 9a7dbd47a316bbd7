from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from agreements import freshness
        from agreements.matching import warm_up

        freshness.connect()
        warm_up()  # the first screening query after start need not load tables
