from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from screening.reports import checks  # noqa: F401 (registers the check)
        from screening.services import rescoring
        from valueregister import services as register

        if rescoring.enqueue_for_assets not in register.rescore_hooks:
            register.rescore_hooks.append(rescoring.enqueue_for_assets)
