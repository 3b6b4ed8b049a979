"""The associations page under AppTest: the list, an association's own page with exactly
the recommendations it proposed and a link to share, and never a phone or an e-mail."""

from __future__ import annotations

from pathlib import Path

import pytest
from reading import tables
from sqlalchemy import create_engine, text

from conftest import run_page
from musharaka import ui
from musharaka.i18n import t

PAGE = "pages/3_Associations.py"


def _run(url, monkeypatch, lang="en", **params):
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params)
    assert not app.exception, app.exception
    return app


def _rows(engine, sql: str, **params) -> list:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def _busiest_association(engine) -> int:
    """The association that proposed the most recommendations."""
    return _rows(
        engine,
        "SELECT association_id FROM recommendation_proposers GROUP BY association_id "
        "ORDER BY count(*) DESC, association_id LIMIT 1",
    )[0][0]


def _proposed_codes(engine, association: int) -> set[str]:
    return {
        code
        for (code,) in _rows(
            engine,
            "SELECT r.code FROM recommendations r JOIN recommendation_proposers p "
            "ON p.recommendation_id = r.id WHERE p.association_id = :a",
            a=association,
        )
    }


def _attended_codes(engine, association: int) -> list[str]:
    return [
        code
        for (code,) in _rows(
            engine,
            "SELECT m.code FROM meetings m JOIN meeting_associations a ON a.meeting_id = m.id "
            "WHERE a.association_id = :a ORDER BY m.date, m.id",
            a=association,
        )
    ]


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_page_runs_in_each_language(sample_url, engine, monkeypatch, lang):
    app = _run(sample_url, monkeypatch, lang=lang)
    assert app.title[0].value == t("assoc_title", lang)
    listed = tables(app)[0]
    assert len(listed) == _rows(engine, "SELECT count(*) FROM associations")[0][0]

    association = _busiest_association(engine)
    app = _run(sample_url, monkeypatch, lang=lang, association=str(association))
    name = _rows(engine, "SELECT name FROM associations WHERE id = :a", a=association)[0][0]
    assert name in app.header[0].value
    proposed = tables(app)[0]
    assert set(proposed[t("code", lang)]) == _proposed_codes(engine, association)
    figures = {m.label: m.value for m in app.metric}
    assert figures[t("recommendations", lang)] == str(len(_proposed_codes(engine, association)))
    assert any("direction: rtl" in str(h.proto) for h in app.get("html")) == (lang == "ar")


def test_an_association_page_lists_exactly_what_it_proposed_and_attended(
    sample_url, engine, monkeypatch
):
    for (association,) in _rows(engine, "SELECT id FROM associations ORDER BY id"):
        app = _run(sample_url, monkeypatch, association=str(association))
        proposed = _proposed_codes(engine, association)
        shown = tables(app)[0] if proposed else None
        if proposed:
            assert set(shown["Code"]) == proposed
            assert len(shown) == len(proposed)  # each once, even with several proposers
        else:
            assert t("assoc_no_proposed", "en") in [i.body for i in app.info]
        attended = _attended_codes(engine, association)
        if attended:
            assert list(tables(app)[-1]["Code"]) == attended
        else:
            assert t("assoc_no_attended", "en") in [i.body for i in app.info]
        # The statuses shown are the current ones.
        if proposed:
            current = dict(
                _rows(
                    engine,
                    "SELECT r.code, r.current_status FROM recommendations r "
                    "JOIN recommendation_proposers p ON p.recommendation_id = r.id "
                    "WHERE p.association_id = :a",
                    a=association,
                )
            )
            from musharaka.views.meetings import status_text

            assert dict(zip(shown["Code"], shown["Status"], strict=True)) == {
                code: status_text(status, "en") for code, status in current.items()
            }


def test_the_link_to_share_opens_the_same_page(sample_url, engine, monkeypatch):
    association = _busiest_association(engine)
    app = _run(sample_url, monkeypatch, lang="fr", association=str(association))
    link = app.code[0].value
    assert link.endswith(f"Associations?association={association}&lang=fr")
    # Opening the link: the page of that association, in that language.
    params = dict(pair.split("=") for pair in link.split("?", 1)[1].split("&"))
    again = run_page(PAGE, sample_url, monkeypatch, params=params)
    assert again.header[0].value == app.header[0].value
    assert set(tables(again)[0]["Code"]) == _proposed_codes(engine, association)


def test_choosing_a_commune_narrows_the_list_and_picking_opens_a_page(
    sample_url, engine, monkeypatch
):
    app = _run(sample_url, monkeypatch)
    everyone = len(tables(app)[0])
    khnafif = _rows(engine, "SELECT id FROM communes WHERE name = 'الخنافيف'")[0][0]
    app.selectbox(key="commune_filter").select(khnafif).run()
    assert not app.exception
    active = _rows(
        engine,
        "SELECT count(*) FROM associations WHERE commune_id = :c "
        "OR id IN (SELECT p.association_id FROM recommendation_proposers p "
        "  JOIN recommendations r ON r.id = p.recommendation_id WHERE r.commune_id = :c) "
        "OR id IN (SELECT a.association_id FROM meeting_associations a "
        "  JOIN meetings m ON m.id = a.meeting_id WHERE m.commune_id = :c)",
        c=khnafif,
    )[0][0]
    listed = tables(app)[0]
    assert 0 < len(listed) == active < everyone
    # The counts are those of the commune.
    first = int(listed["#"].iloc[0])
    in_commune = _rows(
        engine,
        "SELECT count(*) FROM recommendation_proposers p JOIN recommendations r "
        "ON r.id = p.recommendation_id WHERE p.association_id = :a AND r.commune_id = :c",
        a=first,
        c=khnafif,
    )[0][0]
    assert int(listed[t("assoc_col_proposed", "en")].iloc[0]) == in_commune

    # Row selection cannot be clicked under AppTest; it is driven through its state.
    app.session_state["assoc_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert not app.exception
    assert app.query_params["association"] == str(first)
    assert app.code[0].value.endswith(f"association={first}&lang=en")
    next(b for b in app.button if b.label == t("assoc_back", "en")).click().run()
    assert not app.exception
    assert "association" not in app.query_params
    assert len(tables(app)[0]) == active


PHONE = "+212 661-234567"
EMAIL = "president.amal@example.org"


def test_no_phone_or_email_anywhere_on_the_page(engine, db_url, load, tmp_path: Path, monkeypatch):
    (tmp_path / "associations.csv").write_text(
        "name,commune,domain,location,phone,email\n"
        f"Association Amal,Khnafif,health,Douar Tagant,{PHONE},{EMAIL}\n",
        encoding="utf-8",
    )
    (tmp_path / "meetings.csv").write_text(
        "meeting_id,commune,date,associations\nM1,Khnafif,2020-02-16,Association Amal\n",
        encoding="utf-8",
    )
    (tmp_path / "recommendations.csv").write_text(
        "recommendation_id,meeting_id,domain,title,proposed_by,status\n"
        "R1,M1,health,Ambulance,Association Amal,planned\n",
        encoding="utf-8",
    )
    report = load(engine, tmp_path)
    assert report.committed and not report.rejects
    stored = _rows(engine, "SELECT id, phone, email FROM associations")
    assert [(phone, email) for _, phone, email in stored] == [(PHONE, EMAIL)]
    association = stored[0][0]

    for lang in ("ar", "fr", "en"):
        for params in ({}, {"association": str(association)}):
            app = _run(db_url, monkeypatch, lang=lang, **params)
            everything = b"".join(_protos(app))
            assert b"Association Amal" in everything  # the check sees the page's data
            for secret in (PHONE, EMAIL, "661-234567", "example.org"):
                assert secret.encode() not in everything, (lang, params, secret)
    assert list(tables(app)[0]["Code"]) == ["R1"]
    assert "Douar Tagant" in app.markdown[0].value  # the place is public, the contact is not


def _protos(app):
    """Every element of the page, serialised (tables included, as their Arrow bytes)."""

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            yield proto.SerializeToString()
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    yield from walk(app._tree)


def test_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _run(db_url, monkeypatch, lang=lang)
        assert len(app.info) == 1
        assert "python -m etl sample" in app.info[0].body
        assert not tables(app)


def test_at_150_communes(demo150_url, monkeypatch):
    engine = create_engine(demo150_url)
    try:
        associations = _rows(engine, "SELECT count(*) FROM associations")[0][0]
        association = _busiest_association(engine)
        proposed = _proposed_codes(engine, association)
        attended = _attended_codes(engine, association)
    finally:
        engine.dispose()
    app = _run(demo150_url, monkeypatch, lang="ar")
    assert associations > 50
    listed = tables(app)[0]
    assert len(listed) == 50  # one page: only its rows are counted
    assert t("assoc_found", "ar").format(count=ui.number(associations, "ar")) in [
        m.value for m in app.markdown
    ]
    assert_counts_of(demo150_url, listed)
    app = _run(demo150_url, monkeypatch, lang="fr", association=str(association))
    assert set(tables(app)[0][t("code", "fr")]) == proposed
    assert len(tables(app)[0]) == len(proposed)
    assert list(tables(app)[1][t("code", "fr")]) == attended


def assert_counts_of(url: str, listed, lang: str = "ar") -> None:
    """The counts a page of the list shows are those of the whole database, row by row."""
    engine = create_engine(url)
    try:
        for row in listed.to_dict("records"):
            association = int(row["#"])
            proposed, completed = _rows(
                engine,
                "SELECT count(*), coalesce(sum(CASE WHEN r.current_status = 'completed' "
                "THEN 1 ELSE 0 END), 0) FROM recommendation_proposers p "
                "JOIN recommendations r ON r.id = p.recommendation_id WHERE p.association_id = :a",
                a=association,
            )[0]
            attended = len(_attended_codes(engine, association))
            shown = (
                row[t("assoc_col_proposed", lang)],
                row[t("completed", lang)],
                row[t("assoc_col_attended", lang)],
            )
            assert tuple(int(v) for v in shown) == (proposed, completed, attended), association
    finally:
        engine.dispose()


def test_the_list_is_paged_by_name_and_every_page_counts_its_own_rows(demo150_url, monkeypatch):
    engine = create_engine(demo150_url)
    try:
        by_name = [i for (i,) in _rows(engine, "SELECT id FROM associations ORDER BY name, id")]
    finally:
        engine.dispose()
    app = _run(demo150_url, monkeypatch, lang="fr", page="2")
    listed = tables(app)[0]
    assert [int(i) for i in listed["#"]] == by_name[50:100]
    assert_counts_of(demo150_url, listed, "fr")
    # The last page holds what is left; a page past the end shows the last one.
    last = -(-len(by_name) // 50)
    app = _run(demo150_url, monkeypatch, lang="fr", page=str(last + 5))
    assert [int(i) for i in tables(app)[0]["#"]] == by_name[(last - 1) * 50 :]


def test_searching_a_name_ignores_hamzas_accents_and_case(sample_url, engine, monkeypatch):
    names = {i: n for i, n in _rows(engine, "SELECT id, name FROM associations")}
    from musharaka.text import fold

    for name in list(names.values())[:5]:
        word = max(name.split(), key=len)
        typed = word.upper().replace("أ", "ا").replace("إ", "ا").replace("é", "e")
        app = _run(sample_url, monkeypatch, q=typed)
        shown = set(tables(app)[0][t("assoc_col_name", "en")])
        expected = {n for n in names.values() if fold(word) in fold(n)}
        assert shown == expected and name in shown, (typed, shown)
    app = _run(sample_url, monkeypatch, q="zzzz-no-such-association")
    assert not tables(app)
    assert t("assoc_no_match", "en") in [i.body for i in app.info]


def test_an_unknown_or_mistyped_association_says_so(sample_url, engine, monkeypatch):
    app = _run(sample_url, monkeypatch, association="999999")
    assert t("assoc_not_found", "en") in [w.body for w in app.warning]
    next(b for b in app.button if b.label == t("assoc_back", "en")).click().run()
    assert "association" not in app.query_params
    assert len(tables(app)[0]) == _rows(engine, "SELECT count(*) FROM associations")[0][0]
    app = _run(sample_url, monkeypatch, association="abc")
    assert "association" not in app.query_params
    assert len(tables(app)[0]) == _rows(engine, "SELECT count(*) FROM associations")[0][0]
