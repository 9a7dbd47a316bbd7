from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from config import fragments
        from screening.reports import checks  # noqa: F401 (registers the check)

        fragments.watch(self.get_models())
