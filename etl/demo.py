"""A deterministic synthetic national data set: `python -m etl demo --communes N`.

Commune k (1-based) is generated from its own random generator seeded by (seed, k), so it is
the same whatever N is; N=1503 is the size of Morocco. Communes are produced one at a time
(`demo_communes`, etl.demo_generate, from the places of etl.demo_places), written as the
data contract's CSV files, one per region and table (`write_files`), or inserted straight
into an empty database (`load_direct`, etl.demo_direct), which writes exactly what
`etl.load.run_load` of the same files would, so a later load of those files finds every
row unchanged. Everything is fictional; REFERENCE_DATE is 'today'.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from etl.demo_direct import CHUNK, DIRECT_TABLES, Progress, load_direct
from etl.demo_generate import (
    ASSOCIATION_COLUMNS,
    FILE_COLUMNS,
    MEETING_COLUMNS,
    NATIONAL_COMMUNES,
    RECOMMENDATION_COLUMNS,
    REFERENCE_DATE,
    STATUS_UPDATE_COLUMNS,
    DemoCommune,
    demo_communes,
    file_name,
    generate_commune,
)
from etl.demo_places import CommuneProfile, commune_profiles, demo_commune_names
from musharaka import geography

__all__ = [
    "ASSOCIATION_COLUMNS",
    "CHUNK",
    "DIRECT_TABLES",
    "FILE_COLUMNS",
    "MEETING_COLUMNS",
    "NATIONAL_COMMUNES",
    "RECOMMENDATION_COLUMNS",
    "REFERENCE_DATE",
    "STATUS_UPDATE_COLUMNS",
    "CommuneProfile",
    "DemoCommune",
    "commune_profiles",
    "demo_commune_names",
    "demo_communes",
    "file_name",
    "generate_commune",
    "load_direct",
    "write_files",
]


def write_files(
    out_dir: Path, communes: int, seed: int = 1, progress: Progress | None = None
) -> list[Path]:
    """Write the demo as the contract's CSV files, one per region and table; their paths.

    Demo files of an earlier run in `out_dir` (same names) are replaced or removed, so the
    folder can be loaded as a whole; other files are left alone.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for each in geography.REGIONS:
        for table in FILE_COLUMNS:
            (out_dir / file_name(each.key, table)).unlink(missing_ok=True)
    writers: dict[tuple[str, str], Any] = {}
    handles = []
    try:
        for done, commune in enumerate(demo_communes(communes, seed), start=1):
            region = commune.profile.region_key
            for table, columns in FILE_COLUMNS.items():
                writer = writers.get((region, table))
                if writer is None:
                    handle = open(  # noqa: SIM115 - one handle per file, closed below
                        out_dir / file_name(region, table), "w", encoding="utf-8", newline=""
                    )
                    handles.append(handle)
                    writer = writers[(region, table)] = csv.writer(handle, lineterminator="\n")
                    writer.writerow(columns)
                writer.writerows(commune.rows(table))
            if progress:
                progress("writing demo files", done, communes)
    finally:
        for handle in handles:
            handle.close()
    return sorted(out_dir / file_name(region, table) for region, table in writers)
