"""The licence of the open data: the one the commune chose (MUSHARAKA_DATA_LICENCE, an SPDX
identifier), with its name and the address of its text. Pure, except for reading the
setting.

The default is the Open Database License (ODbL-1.0), the licence Morocco's national portal
data.gov.ma refers its reusers to.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

SETTING = "MUSHARAKA_DATA_LICENCE"
DEFAULT_LICENCE = "ODbL-1.0"
# An SPDX short identifier: letters, digits, '.', '-' and '+' (LicenseRef-... included).
_SPDX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]{0,79}$")


@dataclass(frozen=True)
class Licence:
    """A licence by its SPDX identifier, its full name and where its text is (or None)."""

    id: str
    name: str
    url: str | None


# The licences open-data portals use, with the names the SPDX list gives them.
KNOWN: tuple[Licence, ...] = (
    Licence(
        "ODbL-1.0",
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    Licence(
        "ODC-By-1.0",
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    Licence(
        "PDDL-1.0",
        "Open Data Commons Public Domain Dedication & License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    Licence(
        "CC-BY-4.0",
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    Licence(
        "CC-BY-SA-4.0",
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    Licence(
        "CC0-1.0",
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    Licence(
        "etalab-2.0",
        "Etalab Open License 2.0",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    ),
)
_BY_ID = {licence.id.lower(): licence for licence in KNOWN}


def licence(spdx_id: str) -> Licence:
    """The licence with this SPDX identifier (any case). One not listed here keeps its
    identifier as its name and links to its page in the SPDX list; a custom one
    (LicenseRef-...) has no link. Raises ValueError for text that is no SPDX identifier."""
    spdx_id = spdx_id.strip()
    if not _SPDX_ID.match(spdx_id):
        raise ValueError(f"'{spdx_id}' is not an SPDX licence identifier")
    known = _BY_ID.get(spdx_id.lower())
    if known:
        return known
    if spdx_id.lower().startswith("licenseref-"):
        return Licence(spdx_id, spdx_id, None)
    return Licence(spdx_id, spdx_id, f"https://spdx.org/licenses/{spdx_id}.html")


def configured(environ: dict[str, str] | None = None) -> Licence:
    """The licence MUSHARAKA_DATA_LICENCE names, else the default. A value that is no SPDX
    identifier is logged and the default used: data is never published without a licence."""
    value = (os.environ if environ is None else environ).get(SETTING, "").strip()
    if not value:
        return licence(DEFAULT_LICENCE)
    try:
        return licence(value)
    except ValueError as error:
        logging.getLogger("musharaka.licences").warning(
            "%s: %s; using %s instead", SETTING, error, DEFAULT_LICENCE
        )
        return licence(DEFAULT_LICENCE)
