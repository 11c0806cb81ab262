from django.conf import settings
from django.core.checks import Error, register

from opendata.licences import LICENCES


@register()
def licence_is_known(app_configs, **kwargs):
    if settings.OPEN_DATA_LICENCE in LICENCES:
        return []
    return [
        Error(
            f"OPEN_DATA_LICENCE is {settings.OPEN_DATA_LICENCE!r}; "
            f"choose one of {', '.join(LICENCES)}.",
            id="opendata.E001",
        )
    ]
