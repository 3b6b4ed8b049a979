"""Pure pieces of the "why things stall" section of the overview: the reasons across
communes, labelled in the reader's language. No Streamlit here."""

from __future__ import annotations

import pandas as pd

from musharaka import vocabulary as vocab
from musharaka.charts import stall_reason_text
from musharaka.i18n import t


def reasons_across_communes(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per reason (the vocabulary's order, no reason given last): the recommendations
    that did not move and the communes they are in (columns: reason, count, communes)."""
    order = {key: i for i, key in enumerate(vocab.STALL_REASON_KEYS)}
    given = counts["reason"].where(counts["reason"].notna(), None)
    table = counts.assign(
        reason=given, _order=[order.get(r, len(order)) if r else len(order) for r in given]
    ).sort_values("_order")
    return pd.DataFrame(
        {
            t("stall_reason", lang): [stall_reason_text(r, lang) for r in table["reason"]],
            t("recommendations", lang): table["count"].astype(int).tolist(),
            t("communes", lang): table["communes"].astype(int).tolist(),
        }
    )
