from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValueRegisterConfig(AppConfig):
    name = "valueregister"
    verbose_name = _("Value and risk register")
