from django.apps import AppConfig
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
