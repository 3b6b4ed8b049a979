"""The public display (pages/4_Public_display.py): chosen by the URL alone, no sidebar,
the figures of the database, a domain panel that rotates, no personal data, no error
details, and colours that keep WCAG AA contrast."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from conftest import proto_strings, run_page
from musharaka import colours, ui
from musharaka.i18n import t, term_label
from musharaka.views import public_display
from musharaka.vocabulary import DOMAIN_KEYS, DOMAINS

PAGE = "pages/4_Public_display.py"
LABELS = {
    "ar": ("التوصيات", "منجزة", "متجاوزة للأجل"),
    "fr": ("Recommandations", "Réalisées", "Hors délai"),
    "en": ("Recommendations", "Completed", "Overdue"),
}


def _count(engine, where: str = "", **params) -> int:
    """Recommendations as the figures count them: a part is counted in its parent."""
    top_level = f"{where} AND parent_code IS NULL" if where else "WHERE parent_code IS NULL"
    with engine.connect() as connection:
        query = text(f"SELECT count(*) FROM recommendations {top_level}")
        return connection.execute(query, params).scalar_one()


def _overdue_where() -> str:
    return (
        "WHERE target_date IS NOT NULL AND target_date < :today "
        "AND current_status NOT IN ('completed', 'cancelled')"
    )


def _key_figures(app: AppTest) -> dict[str, str]:
    """The six figures at the top (the domain panel's come after them)."""
    return {m.label: m.value for m in list(app.metric)[:6]}


def _domain_figures(app: AppTest) -> dict[str, str]:
    """The domain panel's figures (a grid of value and label, drawn in HTML)."""
    body = next(h.proto.body for h in app.get("html") if "pd-grid" in h.proto.body)
    values = re.findall(r'<div class="pd-value">(.*?)</div>', body)
    labels = re.findall(r'<div class="pd-label">(.*?)</div>', body)
    return {html.unescape(k): html.unescape(v) for k, v in zip(labels, values, strict=True)}


def _visible_text(app: AppTest) -> str:
    """Everything the page sent to the browser: every element's text, and the cells of
    every table."""
    parts = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.extend(proto_strings(proto))
        if isinstance(node, Dataframe):
            parts.append(node.value.to_csv())
        if getattr(node, "type", "") == "plotly_chart":  # its JSON may escape Arabic letters
            parts.append(json.dumps(json.loads(node.proto.spec), ensure_ascii=False))
    return "\n".join(parts)


def _completions(app: AppTest) -> list[str]:
    """The items of the first list of latest completions."""
    return re.split(r"^- ", app.markdown[0].value, flags=re.M)[1:]


def _open(url: str, monkeypatch, **options) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, **options)
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def _commune_id(engine, name: str) -> int:
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM communes WHERE name = :name"), {"name": name}
        ).scalar_one()


def _latest_completed_titles(engine, limit: int, where: str = "", **params) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT title FROM recommendations WHERE current_status = 'completed' "
                    f"{where} ORDER BY current_status_date DESC, id DESC LIMIT {limit}"
                ),
                params,
            ).scalars()
        )


# --- pure: contrast, interval, rotation -------------------------------------------------
@pytest.mark.parametrize(("foreground", "background"), public_display.DISPLAY_COLOUR_PAIRS)
def test_display_colours_keep_wcag_aa_contrast(foreground, background):
    assert colours.contrast_ratio(foreground, background) >= 4.5
    # The colours checked are the ones the display's style uses.
    assert foreground in public_display.DISPLAY_CSS
    assert background in public_display.DISPLAY_CSS


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        (None, 30),
        ("", 30),
        ("soon", 30),
        ("45", 45),
        (" 45 ", 45),
        ("٤٥", 45),  # Arabic-Indic digits typed in a URL
        ("9", 10),
        ("0", 10),
        ("-30", 10),
        ("10", 10),
        ("600", 600),
        ("601", 600),
        ("86400", 600),
    ],
)
def test_refresh_interval_comes_from_the_url_within_bounds(raw, seconds):
    assert public_display.refresh_seconds(raw) == seconds


def test_rotation_walks_through_the_domains_present_in_vocabulary_order():
    counts = pd.DataFrame({"domain": ["health", "roads_transport", "other"], "count": [2, 5, 0]})
    domains = public_display.domains_in(counts)
    assert domains == ["roads_transport", "health"]
    shown = [public_display.rotating_domain(domains, tick) for tick in range(3)]
    assert shown == [(0, "roads_transport"), (1, "health"), (0, "roads_transport")]
    assert public_display.rotating_domain([], 4) is None


# --- the page ---------------------------------------------------------------------------
def test_public_display_shows_the_sample_in_each_language(sample_url, engine, monkeypatch):
    total = _count(engine)
    completed = _count(engine, "WHERE current_status = 'completed'")
    overdue = _count(engine, _overdue_where(), today=dt.date.today())
    titles = _latest_completed_titles(engine, 3)
    for lang, (total_label, completed_label, overdue_label) in LABELS.items():
        app = _open(sample_url, monkeypatch, lang=lang)
        figures = _key_figures(app)
        assert figures[total_label] == str(total)
        assert figures[completed_label] == str(completed)
        assert figures[overdue_label] == str(overdue)
        bars = next(h.proto.body for h in app.get("html") if 'class="bars"' in h.proto.body)
        shown = re.findall(r'<span class="total">\u2066\u200e([^<]+)\u2069</span>', bars)
        assert len(shown) == 6 and sum(int(n) for n in shown) == total
        assert not app.get("plotly_chart")  # no toolbar to cover anything
        assert app.title[0].value == f"{t('app_title', lang)} · {t('all_communes', lang)}"
        # The latest completions: the three most recent, by title, in that order.
        listing = _completions(app)
        assert len(listing) == len(titles) == 3
        for line, title in zip(listing, titles, strict=True):
            assert ui.data_text(title) in line
        # A screen, not a control panel: no sidebar, no language switch, no picker.
        assert len(app.sidebar.children) == 0
        assert not app.radio and not app.selectbox and not app.multiselect
        assert any("display: none" in str(h.proto) for h in app.get("html"))
        assert (lang == "ar") == any("direction: rtl" in str(h.proto) for h in app.get("html"))


def test_the_url_chooses_the_commune_and_the_language(sample_url, engine, monkeypatch):
    khnafif = _commune_id(engine, "الخنافيف")
    in_khnafif = _count(engine, "WHERE commune_id = :c", c=khnafif)
    assert 0 < in_khnafif < _count(engine)
    completed = _count(engine, "WHERE commune_id = :c AND current_status = 'completed'", c=khnafif)
    titles = _latest_completed_titles(engine, 3, "AND commune_id = :c", c=khnafif)

    app = _open(sample_url, monkeypatch, params={"commune": str(khnafif), "lang": "fr"})
    figures = _key_figures(app)
    assert figures["Recommandations"] == str(in_khnafif)
    assert figures["Réalisées"] == str(completed)
    # Its French name (the reference list's) on a French page.
    assert app.title[0].value == f"Musharaka · {ui.data_text('Lakhnafif')}"
    listing = _completions(app)
    assert len(listing) == len(titles) > 0
    for line, title in zip(listing, titles, strict=True):
        assert ui.data_text(title) in line
        assert ui.data_text("Lakhnafif") not in line  # one commune: its name is in the title

    app = _open(sample_url, monkeypatch, params={"commune": str(khnafif), "lang": "ar"})
    assert _key_figures(app)["التوصيات"] == str(in_khnafif)
    assert app.title[0].value == f"مشاركة · {ui.data_text('الخنافيف')}"
    # A commune id that names nothing shows the whole country, and says so.
    app = _open(sample_url, monkeypatch, params={"commune": "999999", "lang": "en"})
    assert _key_figures(app)["Recommendations"] == str(_count(engine))
    assert app.title[0].value == "Musharaka · All communes"


def test_the_domain_panel_rotates_at_each_refresh(sample_url, engine, monkeypatch):
    with engine.connect() as connection:
        present = set(connection.execute(text("SELECT DISTINCT domain FROM recommendations")))
    domains = [key for key in DOMAIN_KEYS if (key,) in present]
    app = _open(sample_url, monkeypatch, lang="en")
    for tick in range(2):  # the first showing, then one refresh later
        domain = domains[tick]
        label = term_label(DOMAINS, domain, "en")
        assert app.subheader[2].value == f"{label} · Domain {tick + 1} of {len(domains)}"
        figures = _domain_figures(app)
        assert figures["Recommendations"] == str(_count(engine, "WHERE domain = :d", d=domain))
        assert figures["Completed"] == str(
            _count(engine, "WHERE domain = :d AND current_status = 'completed'", d=domain)
        )
        app.run()
        assert not app.exception


def test_refresh_interval_is_read_from_the_url(sample_url, monkeypatch):
    app = _open(sample_url, monkeypatch, params={"lang": "en", "refresh": "45"})
    assert app.caption[-1].value.endswith("Refreshed every 45 s")
    app = _open(sample_url, monkeypatch, params={"lang": "en", "refresh": "1"})
    assert app.caption[-1].value.endswith("Refreshed every 10 s")


SECRETS = (
    "+212 661-987654",
    "secret.contact@assoc.example",
    "PRIVATE-NOTE-7731: the caid's cousin",
    "Reporter Zineb Planted",
    "ملاحظة سرية عن المقاول",
    "المصرح فلان السري",
)


def test_no_personal_data_reaches_the_display(engine, db_url, load, tmp_path: Path, monkeypatch):
    phone, email, note, reporter, note_ar, reporter_ar = SECRETS
    (tmp_path / "associations.csv").write_text(
        f'name,commune,phone,email\nAssociation Tifawt,Commune Test,"{phone}",{email}\n',
        encoding="utf-8",
    )
    (tmp_path / "reunions.csv").write_text(
        "meeting_id,commune,date,associations\nM1,Commune Test,2024-01-10,Association Tifawt\n",
        encoding="utf-8",
    )
    (tmp_path / "recommendations.csv").write_text(
        "recommendation_id,meeting_id,domain,title,proposed_by,status\n"
        "R1,M1,water_sanitation,Public fountain for the douar,Association Tifawt,planned\n"
        "R2,M1,health,Ambulance for the commune,Association Tifawt,planned\n",
        encoding="utf-8",
    )
    (tmp_path / "status.csv").write_text(
        "recommendation_id,date,status,progress,note,reported_by\n"
        f'R1,2024-06-01,completed,100,"{note}",{reporter}\n'
        f"R2,2024-07-01,in progress,40,{note_ar},{reporter_ar}\n",
        encoding="utf-8",
    )
    report = load(engine, tmp_path)
    assert report.committed and not report.rejects
    with engine.connect() as connection:  # the secrets are in the database...
        stored = connection.execute(
            text(
                "SELECT a.phone, a.email, s.note, s.reported_by FROM associations a, "
                "status_updates s ORDER BY s.date"
            )
        ).all()
    assert {value for row in stored for value in row} == set(SECRETS)

    for lang in ("ar", "fr", "en"):
        app = _open(db_url, monkeypatch, lang=lang)
        visible = _visible_text(app)
        assert ui.data_text("Public fountain for the douar") in visible  # the public part
        for secret in SECRETS:  # ...and never on the display
            assert secret not in visible, (lang, secret)


def test_an_error_shows_a_neutral_message_not_a_traceback(tmp_path: Path, monkeypatch):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this file is not a database at all\n" * 200)
    for lang in ("ar", "fr", "en"):
        app = run_page(PAGE, f"sqlite:///{broken}", monkeypatch, lang=lang)
        assert not app.exception
        # The shared page setup finds the database unreadable and says so plainly.
        assert [e.value for e in app.error] == [t("data_unavailable", lang)]
        visible = _visible_text(app)
        for detail in ("Traceback", "DatabaseError", "not a database", str(broken), "sqlite"):
            assert detail not in visible


def test_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _open(db_url, monkeypatch, lang=lang)
        assert len(app.info) == 1
        assert "python -m etl sample" in app.info[0].body
        assert not app.metric
        assert len(app.sidebar.children) == 0


def test_public_display_at_150_communes_and_for_one_of_them(demo150_url, monkeypatch):
    engine = create_engine(demo150_url)
    total = _count(engine)
    with engine.connect() as connection:
        commune = connection.execute(text("SELECT min(id) FROM communes")).scalar_one()
    in_commune = _count(engine, "WHERE commune_id = :c", c=commune)
    engine.dispose()
    app = _open(demo150_url, monkeypatch, lang="en")
    assert _key_figures(app)["Recommendations"] == f"{total:,}"
    app = _open(demo150_url, monkeypatch, params={"lang": "fr", "commune": str(commune)})
    assert _key_figures(app)["Recommandations"] == ui.number(in_commune, "fr")
    assert in_commune < total
