"""The recommendations page under AppTest: in each language, on the sample (SQLite and
PostgreSQL), on an empty database and at 150 communes; every filter narrows the list to
what an independent SQL count gives; paging, the exports and one recommendation's detail.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from reading import data_html, reading_lists
from sqlalchemy import create_engine, text

from conftest import run_page
from musharaka import exports, queries, ui
from musharaka.i18n import t
from musharaka.queries import recommendations as rq
from musharaka.ui import url_state
from musharaka.views import recommendations as listing

PAGE = "pages/1_Recommendations.py"


def _open(url: str, monkeypatch, lang: str = "en", **params: str):
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params)
    assert not app.exception, app.exception
    return app


def _found(app) -> str:
    """The count the page announces, as written ('Recommendations found: 1,234' -> '1,234')."""
    heading = app.subheader[0].value
    return heading.split(":")[-1].strip()


def _sql(engine, query: str, **values) -> list:
    with engine.connect() as connection:
        return [row[0] for row in connection.execute(text(query), values)]


def _count(engine, where: str = "1 = 1", **values) -> int:
    return _sql(engine, f"SELECT count(*) FROM recommendations r WHERE {where}", **values)[0]


def _listed(app):
    """The page's list of recommendations as the reader sees it."""
    (shown,) = reading_lists(app)
    return shown


def _codes(app) -> list[str]:
    """The codes of the listed recommendations, from each title's link (?rec=CODE)."""
    return [parse_qs(urlsplit(link).query)["rec"][0] for link in _listed(app)["link"]]


def _shown_codes(app) -> set[str]:
    return set(_codes(app))


# --- runs everywhere ------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_sample_in_each_language(sample_url, engine, monkeypatch, lang):
    app = _open(sample_url, monkeypatch, lang=lang)
    total = _count(engine)
    assert app.subheader[0].value == t("rec_found", lang).format(count=total)
    shown = _listed(app)
    assert len(shown) == min(total, rq.PAGE_SIZE)
    assert app.caption[0].value == t("rec_page_of", lang).format(page=1, pages=2)
    # What a reader looks for comes first: the title, then its status and progress.
    headers = [t(k, lang) for k in ("recommendation", "status", "progress")]
    assert list(shown.columns[:3]) == headers
    # Statuses are shown as an icon and a word, in the reader's language.
    assert ui.status_label("completed", lang) in set(shown[t("status", lang)])
    # Dates as the reader's language writes them, never ISO.
    dates = shown[t("rec_meeting_date", lang)]
    assert not dates.str.match(r"\d{4}-\d\d-\d\d").any()
    assert ui.day("2020-02-16", lang) in set(dates)
    rtl = any("direction: rtl" in str(h.proto) for h in app.get("html"))
    assert rtl == (lang == "ar")
    # The list itself reads from the right in Arabic.
    lists = [h.proto.body for h in app.get("html") if "mk-list" in h.proto.body]
    assert ('dir="rtl"' in lists[0]) == (lang == "ar")


def test_an_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _open(db_url, monkeypatch, lang=lang)
        assert "python -m etl sample" in app.info[0].body
        assert not app.dataframe


# --- every filter narrows the count to exactly the independent SQL count ---------------
def _khnafif(engine) -> int:
    return _sql(engine, "SELECT id FROM communes WHERE name = 'الخنافيف'")[0]


def _overdue_where() -> tuple[str, dict]:
    where = "target_date < :today AND current_status NOT IN ('completed', 'cancelled')"
    return where, {"today": dt.date.today()}


# Every searchable field of a recommendation, as stored (not folded).
_RAW = (
    "(r.code || ' ' || coalesce(r.title, '') || ' ' || coalesce(r.description, '') || ' ' || "
    "coalesce(r.location, '') || ' ' || coalesce(r.responsible, '') || ' ' || "
    "coalesce(r.partners, ''))"
)


def _any_of(forms: list[str]) -> tuple[str, dict]:
    clauses = " OR ".join(f"{_RAW} LIKE :w{i}" for i in range(len(forms)))
    return f"({clauses})", {f"w{i}": f"%{form}%" for i, form in enumerate(forms)}


def _first(engine, query: str):
    return _sql(engine, query)[0]


_AN_ASSOCIATION = "SELECT min(association_id) FROM recommendation_proposers"
_A_DOUAR = "SELECT min(location) FROM recommendations WHERE location LIKE 'دوار%'"

FILTERS = {
    "commune": lambda e: ({"commune": str(_khnafif(e))}, "commune_id = :c", {"c": _khnafif(e)}),
    "domain": lambda e: ({"domain": "health"}, "domain = 'health'", {}),
    "status": lambda e: (
        {"status": "stalled,in_progress"},
        "current_status IN ('stalled', 'in_progress')",
        {},
    ),
    "overdue only": lambda e: ({"overdue": "1"}, *_overdue_where()),
    "priority": lambda e: ({"priority": "high"}, "priority = 'high'", {}),
    "commune and status": lambda e: (
        {"commune": str(_khnafif(e)), "status": "stalled"},
        "commune_id = :c AND current_status = 'stalled'",
        {"c": _khnafif(e)},
    ),
    "target dates": lambda e: (
        {"from": "2022-01-01", "to": "2022-12-31"},
        "target_date BETWEEN :a AND :b",
        {"a": dt.date(2022, 1, 1), "b": dt.date(2022, 12, 31)},
    ),
    "responsible": lambda e: (
        {"responsible": "Conseil communal"},
        "responsible = 'Conseil communal'",
        {},
    ),
    "meeting": lambda e: (
        {"meeting": str(_first(e, "SELECT id FROM meetings WHERE code = 'KHN-2020-2'"))},
        "meeting_id = :m",
        {"m": _first(e, "SELECT id FROM meetings WHERE code = 'KHN-2020-2'")},
    ),
    "proposing association": lambda e: (
        {"association": str(_first(e, _AN_ASSOCIATION))},
        "r.id IN (SELECT recommendation_id FROM recommendation_proposers "
        "WHERE association_id = :a)",
        {"a": _first(e, _AN_ASSOCIATION)},
    ),
    "location": lambda e: (
        {"location": _first(e, _A_DOUAR)},
        "location = :l",
        {"l": _first(e, _A_DOUAR)},
    ),
    # Typed without its hamza and with a final ه: matches 'إنارة' only once folded.
    "arabic search": lambda e: ({"q": "اناره"}, *_any_of(["إنارة", "انارة", "أنارة"])),
    # Typed without accents: matches 'Électrification' only once folded.
    "french search": lambda e: (
        {"q": "electrification"},
        *_any_of(["Électrification", "électrification", "Electrification", "electrification"]),
    ),
}


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_to_the_sql_count(sample_url, engine, monkeypatch, name):
    params, where, values = FILTERS[name](engine)
    expected = _count(engine, where, **values)
    assert 0 < expected < _count(engine)
    app = _open(sample_url, monkeypatch, **params)
    assert _found(app) == str(expected)
    codes = set(_sql(engine, f"SELECT code FROM recommendations r WHERE {where}", **values))
    assert _shown_codes(app) == codes  # each filter keeps fewer than a page here
    assert dict(app.query_params) == {"lang": "en", **params}  # the URL to share


def test_the_two_searches_above_find_nothing_unless_folded(sample_url, engine):
    for typed in ("اناره", "انارة", "electrification"):
        where, values = _any_of([typed])
        assert _count(engine, where, **values) == 0


def test_free_text_values_repeat_their_parameter(sample_url, engine, monkeypatch):
    # A responsible body may have a comma in its name: one parameter per value.
    both = ["Conseil communal", "INDH"]
    where = "responsible IN ('Conseil communal', 'INDH')"
    app = _open(sample_url, monkeypatch, responsible=both)
    assert _found(app) == str(_count(engine, where))
    app.multiselect(key="rec_responsible").unselect("INDH").run()
    assert _found(app) == str(_count(engine, "responsible = 'Conseil communal'"))
    assert app.query_params["responsible"] == "Conseil communal"


def test_choosing_filters_in_the_sidebar_narrows_and_rewrites_the_url(
    sample_url, engine, monkeypatch
):
    app = _open(sample_url, monkeypatch, page="2")
    assert app.number_input(key="rec_page").value == 2
    app.multiselect(key="rec_status").select("stalled").run()
    assert not app.exception
    assert _found(app) == str(_count(engine, "current_status = 'stalled'"))
    assert app.number_input(key="rec_page").value == 1  # a new filter starts on page 1
    assert dict(app.query_params) == {"lang": "en", "status": "stalled"}
    app.checkbox(key="rec_overdue").check().run()
    where, values = _overdue_where()
    assert _found(app) == str(_count(engine, f"current_status = 'stalled' AND {where}", **values))
    assert app.query_params["overdue"] == "1"
    app.text_input(key="rec_q").input("إنارة").run()
    assert app.query_params["q"] == "إنارة"


def test_filter_choices_follow_the_chosen_commune(sample_url, engine, monkeypatch):
    khnafif = _khnafif(engine)
    app = _open(sample_url, monkeypatch, commune=str(khnafif))
    meetings = set(app.multiselect(key="rec_meeting").options)
    assert len(meetings) == _count_meetings(engine, khnafif)
    assert all(label.startswith("KHN-") for label in meetings)
    responsible = set(app.multiselect(key="rec_responsible").options)
    assert responsible == set(
        _sql(
            engine,
            "SELECT DISTINCT responsible FROM recommendations "
            "WHERE commune_id = :c AND responsible IS NOT NULL",
            c=khnafif,
        )
    )


def _count_meetings(engine, commune_id: int) -> int:
    return _sql(engine, "SELECT count(*) FROM meetings WHERE commune_id = :c", c=commune_id)[0]


# --- national scale ---------------------------------------------------------------------
def test_paging_at_150_communes(demo150_url, monkeypatch):
    engine = create_engine(demo150_url)
    total = _count(engine)
    pages = math.ceil(total / rq.PAGE_SIZE)
    commune = _sql(engine, "SELECT min(id) FROM communes")[0]
    stalled_there = _count(engine, "commune_id = :c AND current_status = 'stalled'", c=commune)
    last_codes = _sql(
        engine,
        "SELECT code FROM recommendations ORDER BY code LIMIT :n OFFSET :o",
        n=rq.PAGE_SIZE,
        o=(pages - 1) * rq.PAGE_SIZE,
    )
    sample_code = _sql(
        engine, "SELECT min(code) FROM recommendations WHERE commune_id = :c", c=commune
    )[0]
    history = _sql(
        engine,
        "SELECT count(*) FROM status_updates s JOIN recommendations r "
        "ON r.id = s.recommendation_id WHERE r.code = :code",
        code=sample_code,
    )[0]
    engine.dispose()
    assert total > 90_000

    app = _open(demo150_url, monkeypatch, lang="en")
    assert _found(app) == f"{total:,}"
    assert len(_listed(app)) == rq.PAGE_SIZE
    assert app.caption[0].value == f"Page 1 of {pages:,}"

    app = _open(demo150_url, monkeypatch, lang="ar", page=str(pages))
    assert app.caption[0].value == t("rec_page_of", "ar").format(
        page=ui.number(pages, "ar"), pages=ui.number(pages, "ar")
    )
    assert _codes(app) == last_codes
    assert len(last_codes) == total - (pages - 1) * rq.PAGE_SIZE

    app = _open(
        demo150_url, monkeypatch, lang="fr", commune=str(commune), status="stalled", rec=sample_code
    )
    assert len(_listed(app)) == history  # the detail's history at national scale
    app = _open(demo150_url, monkeypatch, lang="fr", commune=str(commune), status="stalled")
    assert _found(app) == ui.number(stalled_there, "fr")


# --- exports ----------------------------------------------------------------------------
def _csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _xlsx_rows(data: bytes) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


EXPORTED = {
    "everything (two pages)": ({}, queries.RecommendationFilter(), ("1 = 1", {})),
    "statuses and a word": (
        {"status": "stalled,in_progress", "q": "دوار"},
        queries.RecommendationFilter(statuses=("stalled", "in_progress"), search="دوار"),
        (
            "current_status IN ('stalled', 'in_progress') AND " + _any_of(["دوار"])[0],
            _any_of(["دوار"])[1],
        ),
    ),
}


@pytest.mark.parametrize("name", EXPORTED)
def test_exports_hold_exactly_the_filtered_rows(sample_url, engine, monkeypatch, name):
    params, f, (where, values) = EXPORTED[name]
    expected = set(_sql(engine, f"SELECT code FROM recommendations r WHERE {where}", **values))
    app = _open(sample_url, monkeypatch, lang="fr", **params)
    assert _found(app) == str(len(expected))
    # What the page's download buttons build when clicked: the export builder's rows for
    # the page's filter, labelled, as CSV and as XLSX.
    table = listing.export_table(queries.read_frame(engine, rq.export_rows(f)), "fr")
    code = t("code", "fr")
    for rows in (_csv_rows(exports.csv_bytes(table)), _xlsx_rows(exports.xlsx_bytes(table))):
        assert len(rows) == len(expected)
        assert {row[code] for row in rows} == expected
        assert "phone" not in json.dumps(list(rows[0]))


HOSTILE = [
    '=HYPERLINK("http://example.invalid","clic")',
    "+33 formula",
    "-1+2",
    "@SUM(A1)",
    '"quoted" =1',
    "<script>alert('x')</script>",
]


@pytest.fixture
def hostile_url(engine, db_url, load, tmp_path: Path):
    """A commune whose titles are formulas and markup, with contact details and evidence
    that is not a web address."""
    (tmp_path / "associations.csv").write_text(
        "name,commune,phone,email\nJam3iya,Bled,0612345678,secret@example.invalid\n",
        encoding="utf-8",
    )
    (tmp_path / "reunions.csv").write_text(
        "meeting_id,commune,date\nM1,Bled,2020-02-16\n", encoding="utf-8"
    )
    rows = ["recommendation_id,meeting_id,domain,title,proposed_by,status,progress"]
    rows += [
        f'R{i},M1,health,"{title.replace(chr(34), chr(34) * 2)}",Jam3iya,in progress,10'
        for i, title in enumerate(HOSTILE)
    ]
    (tmp_path / "recommendations.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "status.csv").write_text(
        "recommendation_id,date,status,progress,evidence_url\n"
        "R0,2021-01-01,in progress,20,javascript:alert(1)\n"
        "R0,2021-02-01,in progress,30,https://example.org/report (1).pdf\n"
        "R0,2021-03-01,in progress,40,\\\\server\\share\\photo.jpg\n",
        encoding="utf-8",
    )
    report = load(engine, tmp_path)
    assert report.committed and not report.rejects
    return db_url


def test_exports_neutralise_formulas_and_leave_out_contact_details(hostile_url, engine):
    table = listing.export_table(
        queries.read_frame(engine, rq.export_rows(queries.RecommendationFilter())), "en"
    )
    csv_data, xlsx_data = exports.csv_bytes(table), exports.xlsx_bytes(table)
    for rows in (_csv_rows(csv_data), _xlsx_rows(xlsx_data)):
        titles = {row["Recommendation"] for row in rows}
        assert titles == {"'" + title if title[0] in "=+-@\t" else title for title in HOSTILE}
        assert {row["Proposed by"] for row in rows} == {"Jam3iya"}
    for data in (csv_data, xlsx_data):
        assert b"0612345678" not in data and b"secret@" not in data


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (-1, -1),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert exports.neutralise(value) == expected


def test_the_etl_export_uses_the_same_neutralise():
    from etl import export

    assert export.neutralise is exports.neutralise


# --- one recommendation -------------------------------------------------------------------
def test_a_link_to_one_recommendation_opens_its_detail(sample_url, engine, monkeypatch):
    code = "KHN-2019-1-R09"
    updates = _sql(
        engine,
        "SELECT count(*) FROM status_updates s JOIN recommendations r "
        "ON r.id = s.recommendation_id WHERE r.code = :code",
        code=code,
    )[0]
    evidence = _sql(
        engine,
        "SELECT s.evidence_url FROM status_updates s JOIN recommendations r "
        "ON r.id = s.recommendation_id WHERE r.code = :code AND s.evidence_url IS NOT NULL",
        code=code,
    )
    last = _sql(engine, "SELECT current_status_date FROM recommendations WHERE code = :c", c=code)
    days = (dt.date.today() - dt.date.fromisoformat(str(last[0]))).days
    app = _open(sample_url, monkeypatch, rec=code)
    # The recommendation at the top of the page: its title, code, status and progress.
    assert (
        app.subheader[0].value.replace("\\", "").strip("\u2068\u2069")
        == _sql(engine, "SELECT title FROM recommendations WHERE code = :c", c=code)[0]
    )
    assert code in app.caption[0].value.replace("\\", "")
    assert [m.label for m in app.metric[:2]] == ["Status", "Progress"]
    assert app.button[0].label == t("rec_back_to_list", "en")
    history = _listed(app)
    assert len(history) == updates > 1
    # The whole path, as steps: from its first status on its meeting's day, every update,
    # then on to today.
    line, points = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    assert line["line"]["shape"] == "hv"
    assert len(points["x"]) == updates + 1
    assert (
        points["x"][0]
        == str(
            _sql(
                engine,
                "SELECT m.date FROM meetings m JOIN recommendations r "
                "ON r.meeting_id = m.id WHERE r.code = :c",
                c=code,
            )[0]
        )[:10]
    )
    assert line["x"][-1] == str(dt.date.today())
    assert f"Last update: {days} days ago" in app.caption[0].value
    links = [m.value for m in app.markdown if m.value.startswith("- ")]
    assert len(links) == len(evidence) > 0
    assert all(f"]({url})" in link for link, url in zip(links, evidence, strict=True))
    assert not app.get("dataframe")  # the list is not drawn under the recommendation


def test_one_update_still_draws_a_step_from_the_start(sample_url, engine, monkeypatch):
    code = _sql(
        engine,
        "SELECT r.code FROM recommendations r JOIN status_updates s ON s.recommendation_id = r.id "
        "GROUP BY r.code HAVING count(*) = 1 ORDER BY r.code LIMIT 1",
    )[0]
    app = _open(sample_url, monkeypatch, rec=code)
    line, points = json.loads(app.get("plotly_chart")[0].proto.spec)["data"]
    assert len(points["x"]) == 2 and len(line["x"]) >= 2


def test_the_detail_in_arabic_is_mirrored(sample_url, monkeypatch):
    app = _open(sample_url, monkeypatch, lang="ar", rec="KHN-2019-1-R09")
    timeline = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert timeline["layout"]["xaxis"]["autorange"] == "reversed"
    assert timeline["layout"]["yaxis"]["side"] == "right"
    assert "آخر تحيين: قبل " in app.caption[0].value


def test_each_title_opens_its_recommendation_and_the_way_back_keeps_the_filters(
    sample_url, monkeypatch
):
    app = _open(sample_url, monkeypatch, status="completed", sort="progress")
    third = _codes(app)[2]
    link = _listed(app)["link"][2]
    params = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert urlsplit(link).path == ""  # this page
    assert params == {"status": "completed", "sort": "progress", "lang": "en", "rec": third}
    app = _open(sample_url, monkeypatch, **{k: v for k, v in params.items() if k != "lang"})
    assert third in app.caption[0].value.replace("\\", "")
    app.button(key="rec_back").click().run()
    assert "rec" not in app.query_params
    assert app.query_params["status"] == "completed"
    assert len(_codes(app)) > 0 and third in _codes(app)


def test_an_unknown_code_says_so(sample_url, monkeypatch):
    app = _open(sample_url, monkeypatch, rec="NOPE-1")
    assert "NOPE" in app.warning[0].body


def test_evidence_is_a_link_only_when_it_is_a_web_address(hostile_url, monkeypatch):
    app = _open(hostile_url, monkeypatch, rec="R0")
    items = [m.value for m in app.markdown if m.value.startswith("- ")]
    assert len(items) == 3
    javascript, web, share = items
    assert "](" not in javascript and "(not a web address)" in javascript
    assert "](https://example.org/report%20%281%29.pdf)" in web
    assert "](" not in share and "(not a web address)" in share
    # Markup in the title is shown as text, never as HTML.
    for element in [*app.markdown, *app.subheader, *data_html(app)]:
        assert "<script>" not in str(element.proto)


def test_across_many_communes_meetings_and_associations_are_picked_within_a_commune(
    sample_url, engine, monkeypatch
):
    # A country's 15,000 meetings and 21,000 associations are offered only once a commune
    # is chosen; a link that chose some keeps them. (The sample has few communes: the
    # line is lowered to it.)
    monkeypatch.setattr(url_state, "LONG_LIST_COMMUNES", 1)
    meeting = _first(engine, "SELECT id FROM meetings WHERE code = 'KHN-2020-2'")
    app = _open(sample_url, monkeypatch)
    assert app.multiselect(key="rec_meeting").options == []
    assert app.multiselect(key="rec_association").options == []
    assert t("rec_pick_commune_first", "en") in [c.value for c in app.caption]
    assert _found(app) == str(_count(engine))

    app = _open(sample_url, monkeypatch, meeting=str(meeting))
    assert len(app.multiselect(key="rec_meeting").options) == 1
    assert app.multiselect(key="rec_meeting").value == [meeting]
    assert _found(app) == str(_count(engine, "meeting_id = :m", m=meeting))

    khnafif = _khnafif(engine)
    app = _open(sample_url, monkeypatch, commune=str(khnafif))
    assert len(app.multiselect(key="rec_meeting").options) == _count_meetings(engine, khnafif)
    assert app.multiselect(key="rec_association").options
    assert t("rec_pick_commune_first", "en") not in [c.value for c in app.caption]
