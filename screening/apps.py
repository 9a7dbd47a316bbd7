from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from agreements import history
        from config import fragments
        from countries.signals import facts_changed
        from screening.models import Screening
        from screening.reports import checks  # noqa: F401 (registers the check)
        from screening.services import rescoring

        fragments.watch(self.get_models())
        facts_changed.connect(rescoring.on_facts_changed, dispatch_uid="rescore")
        decision = ("agreements.Agreement", "last_decision")
        history.NAMED_VALUES[decision] = Screening.Status.choices
