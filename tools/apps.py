from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """`seed_demo` and `bench`: installed only with DEBUG or DEV_TOOLS=1."""

    name = "tools"
    verbose_name = "Development tools"
