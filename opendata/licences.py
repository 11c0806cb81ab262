"""The licences the open data can be published under; settings.OPEN_DATA_LICENCE picks one
(CC0 by default: what Sweden's agency for digital government recommends for open public
data). Every response names it: a top-level `meta` in JSON, a Link header with
rel="license" on every response, CSV included."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Licence:
    id: str  # SPDX identifier
    name: str
    url: str


LICENCES = {
    licence.id: licence
    for licence in (
        Licence(
            "CC0-1.0",
            "Creative Commons Zero v1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
    )
}


def current():
    return LICENCES[settings.OPEN_DATA_LICENCE]
