"""The widgets of the data status page (pages/5_Data_status.py)."""

from __future__ import annotations

import pandas as pd

from musharaka.i18n import t
from musharaka.ui.display import (
    number,
)
from musharaka.ui.frame import Page
from musharaka.ui.url_state import (
    sidebar_id_picker,
)


def load_run_filter(page: Page, runs: pd.DataFrame, latest: int) -> int | None:
    """A picker of one load among `runs` (newest first) in the sidebar, kept in the URL as
    ?load=ID; None means the `latest` loads."""
    labels = {
        int(run.id): f"#{int(run.id)} · {pd.Timestamp(run.finished_at):%Y-%m-%d %H:%M}"
        for run in runs.itertuples(index=False)
    }
    latest_label = t("data_status_latest_loads", page.lang).format(count=number(latest, page.lang))
    return sidebar_id_picker(
        page.lang,
        t("data_status_load_filter", page.lang),
        "load",
        labels,
        latest_label,
        "data_status_load_filter",
    )
