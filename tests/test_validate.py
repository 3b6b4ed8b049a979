"""Row validation rules of the data contract: a clean record, or one problem naming the
column and the contract's reason, and warnings for what was accepted with a doubt.
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.validate import (
    status_fingerprint,
    validate_association,
    validate_meeting,
    validate_recommendation,
    validate_status_update,
)
from musharaka.parsing import PercentCell

GOOD_MEETING = {
    "meeting_id": "TZN-2020-01",
    "commune": " Tiznit ",
    "province": "Tiznit",
    "date": "16/02/2020",
    "title": "Rencontre communicative",
    "kind": "communicative",
    "edition": "1",
    "location": "Salle des fêtes",
    "chair": "Le président du conseil",
    "facilitator": "Fatima Zahra",
    "participants": "120",
    "associations": "جمعية النور؛ Association Tifawt",
    "summary": "Compte rendu de la rencontre.",
    "source_url": "https://example.org/pv.pdf",
}
GOOD_RECOMMENDATION = {
    "recommendation_id": "R-01",
    "meeting_id": "TZN-2020-01",
    "domain": "الصحة",
    "title": "Construire un dispensaire au douar Aït Ali",
    "description": "Le douar est à 12 km du centre de santé.",
    "proposed_by": "جمعية النور؛ Association Tifawt",
    "responsible": "Commune",
    "partners": "Ministère de la Santé\nProvince",
    "location": "Douar Aït Ali",
    "priority": "haute",
    "budget_mad": "1 200 000,50 DH",
    "target_date": "31/12/2021",
    "status": "en cours",
    "progress": "45%",
}
GOOD_STATUS_UPDATE = {
    "recommendation_id": "R-01",
    "date": "2021-03-01",
    "status": "في طور الإنجاز",
    "progress": "٤٥٪",
    "note": "Les travaux ont commencé.",
    "evidence_url": "https://example.org/photo.jpg",
    "reported_by": "Association Tifawt",
}
GOOD_ASSOCIATION = {
    "name": "جمعية النور",
    "commune": "Tiznit",
    "domain": "Women and social action",
    "location": "Douar Aït Ali",
    "phone": "0600000000",
    "email": "contact@example.org",
}


VALIDATOR_NAMES = {
    validate_meeting: "meeting",
    validate_recommendation: "recommendation",
    validate_status_update: "status update",
    validate_association: "association",
}


def _with(row: dict[str, object], **changes: object) -> dict[str, object]:
    return {**row, **changes}


# --- A full good row -----------------------------------------------------------------
def test_a_good_meeting():
    result = validate_meeting(GOOD_MEETING)
    assert result.problem is None
    assert result.warnings == []
    assert result.record == {
        "meeting_id": "TZN-2020-01",
        "commune": "Tiznit",
        "province": "Tiznit",
        "date": dt.date(2020, 2, 16),
        "title": "Rencontre communicative",
        "kind": "communicative",
        "edition": "1",
        "location": "Salle des fêtes",
        "chair": "Le président du conseil",
        "facilitator": "Fatima Zahra",
        "participants": 120,
        "associations": ["جمعية النور", "Association Tifawt"],
        "summary": "Compte rendu de la rencontre.",
        "source_url": "https://example.org/pv.pdf",
    }


def test_a_good_recommendation():
    result = validate_recommendation(GOOD_RECOMMENDATION)
    assert result.problem is None
    assert result.warnings == []
    assert result.record == {
        "recommendation_id": "R-01",
        "meeting_id": "TZN-2020-01",
        "domain": "health",
        "domain_text": None,
        "title": "Construire un dispensaire au douar Aït Ali",
        "description": "Le douar est à 12 km du centre de santé.",
        "proposed_by": ["جمعية النور", "Association Tifawt"],
        "responsible": "Commune",
        "partners": ["Ministère de la Santé", "Province"],
        "location": "Douar Aït Ali",
        "priority": "high",
        "budget_mad": 1_200_000.50,
        "target_date": dt.date(2021, 12, 31),
        "status": "in_progress",
        "progress": 45.0,
    }


def test_a_good_status_update():
    result = validate_status_update(GOOD_STATUS_UPDATE)
    assert result.problem is None
    assert result.warnings == []
    assert result.record == {
        "recommendation_id": "R-01",
        "date": dt.date(2021, 3, 1),
        "status": "in_progress",
        "progress": 45.0,
        "note": "Les travaux ont commencé.",
        "evidence_url": "https://example.org/photo.jpg",
        "reported_by": "Association Tifawt",
    }


def test_a_good_association():
    result = validate_association(GOOD_ASSOCIATION)
    assert result.problem is None
    assert result.warnings == []
    assert result.record == {
        "name": "جمعية النور",
        "commune": "Tiznit",
        "domain": "women_social",
        "location": "Douar Aït Ali",
        "phone": "0600000000",
        "email": "contact@example.org",
    }


@pytest.mark.parametrize(
    ("validate", "row", "column", "cell", "expected"),
    [
        pytest.param(
            validate_meeting, GOOD_MEETING, "meeting_id", 12.0, "12", id="an id typed as 12"
        ),
        pytest.param(
            validate_meeting, GOOD_MEETING, "meeting_id", "م-١٢", "م-12", id="Arabic-Indic id"
        ),
        pytest.param(
            validate_status_update,
            GOOD_STATUS_UPDATE,
            "recommendation_id",
            " R-01 ",
            "R-01",
            id="an id trimmed",
        ),
        pytest.param(
            validate_recommendation,
            GOOD_RECOMMENDATION,
            "budget_mad",
            None,
            None,
            id="optional blank is None",
        ),
        pytest.param(
            validate_meeting,
            GOOD_MEETING,
            "participants",
            120.0,
            120,
            id="participants as a float",
        ),
        pytest.param(validate_meeting, GOOD_MEETING, "associations", "", [], id="empty list cell"),
    ],
)
def test_cells_are_normalised(validate, row, column, cell, expected):
    result = validate(_with(row, **{column: cell}))
    assert result.problem is None
    assert result.record[column] == expected


# --- Required values -----------------------------------------------------------------
REQUIRED = [
    (validate_meeting, GOOD_MEETING, "meeting_id"),
    (validate_meeting, GOOD_MEETING, "commune"),
    (validate_meeting, GOOD_MEETING, "date"),
    (validate_recommendation, GOOD_RECOMMENDATION, "recommendation_id"),
    (validate_recommendation, GOOD_RECOMMENDATION, "meeting_id"),
    (validate_recommendation, GOOD_RECOMMENDATION, "domain"),
    (validate_recommendation, GOOD_RECOMMENDATION, "title"),
    (validate_status_update, GOOD_STATUS_UPDATE, "recommendation_id"),
    (validate_status_update, GOOD_STATUS_UPDATE, "date"),
    (validate_status_update, GOOD_STATUS_UPDATE, "status"),
    (validate_association, GOOD_ASSOCIATION, "name"),
]


@pytest.mark.parametrize("blank", [None, "", "   ", float("nan")], ids=repr)
@pytest.mark.parametrize(
    ("validate", "row", "column"),
    [pytest.param(*case, id=f"{VALIDATOR_NAMES[case[0]]}: {case[2]}") for case in REQUIRED],
)
def test_a_blank_required_value_is_missing_required(validate, row, column, blank):
    result = validate(_with(row, **{column: blank}))
    assert result.record is None
    assert (result.problem.column, result.problem.reason, result.problem.value) == (
        column,
        "missing_required",
        "",
    )


@pytest.mark.parametrize(
    ("validate", "row", "column"),
    [pytest.param(*case, id=f"{VALIDATOR_NAMES[case[0]]}: {case[2]}") for case in REQUIRED],
)
def test_an_absent_required_column_is_missing_required(validate, row, column):
    cells = {name: value for name, value in row.items() if name != column}
    result = validate(cells)
    assert result.record is None
    assert (result.problem.column, result.problem.reason) == (column, "missing_required")


# --- Bad values ----------------------------------------------------------------------
BAD_VALUES = [
    (validate_meeting, GOOD_MEETING, "date", "31/02/2020", "bad_date"),
    (validate_meeting, GOOD_MEETING, "date", "demain", "bad_date"),
    (validate_meeting, GOOD_MEETING, "participants", "-5", "out_of_range"),
    (validate_meeting, GOOD_MEETING, "participants", -5, "out_of_range"),
    (validate_meeting, GOOD_MEETING, "participants", "beaucoup", "bad_number"),
    (validate_meeting, GOOD_MEETING, "participants", "12.5", "bad_number"),
    (validate_recommendation, GOOD_RECOMMENDATION, "budget_mad", "-350 000 DH", "out_of_range"),
    (validate_recommendation, GOOD_RECOMMENDATION, "budget_mad", -1, "out_of_range"),
    (validate_recommendation, GOOD_RECOMMENDATION, "budget_mad", "cher", "bad_number"),
    (validate_recommendation, GOOD_RECOMMENDATION, "target_date", "fin 2021", "bad_date"),
    (validate_recommendation, GOOD_RECOMMENDATION, "target_date", "31/04/2021", "bad_date"),
    (validate_recommendation, GOOD_RECOMMENDATION, "status", "peut-être", "unknown_value"),
    (validate_recommendation, GOOD_RECOMMENDATION, "progress", "150", "out_of_range"),
    (validate_recommendation, GOOD_RECOMMENDATION, "progress", "-5 %", "out_of_range"),
    (validate_recommendation, GOOD_RECOMMENDATION, "progress", "moitié", "bad_number"),
    (validate_status_update, GOOD_STATUS_UPDATE, "date", "31/02/2020", "bad_date"),
    (validate_status_update, GOOD_STATUS_UPDATE, "date", 99999999, "bad_date"),
    (validate_status_update, GOOD_STATUS_UPDATE, "status", "xyz", "unknown_value"),
    (validate_status_update, GOOD_STATUS_UPDATE, "progress", 150, "out_of_range"),
    (validate_status_update, GOOD_STATUS_UPDATE, "progress", "abc", "bad_number"),
]


@pytest.mark.parametrize(
    ("validate", "row", "column", "cell", "reason"),
    [
        pytest.param(*case, id=f"{VALIDATOR_NAMES[case[0]]}: {case[2]}={case[3]}")
        for case in BAD_VALUES
    ],
)
def test_a_bad_value_names_its_column_and_reason(validate, row, column, cell, reason):
    result = validate(_with(row, **{column: cell}))
    assert result.record is None
    assert (result.problem.column, result.problem.reason, result.problem.value) == (
        column,
        reason,
        str(cell),
    )
    assert result.problem.message


def test_the_first_bad_cell_is_the_one_reported():
    result = validate_status_update(_with(GOOD_STATUS_UPDATE, date="demain", status="xyz"))
    assert (result.problem.column, result.problem.reason) == ("date", "bad_date")


# --- Consistency between status and progress -----------------------------------------
@pytest.mark.parametrize(
    ("validate", "row"),
    [
        pytest.param(validate_recommendation, GOOD_RECOMMENDATION, id="recommendation"),
        pytest.param(validate_status_update, GOOD_STATUS_UPDATE, id="status update"),
    ],
)
@pytest.mark.parametrize(
    ("status", "progress", "expected", "warned"),
    [
        pytest.param("réalisée", None, 100.0, False, id="completed with no progress means 100"),
        pytest.param("منجزة", "", 100.0, False, id="completed with blank progress means 100"),
        pytest.param("non entamée", None, 0.0, False, id="not_started with no progress means 0"),
        pytest.param("terminée", "80", 80.0, True, id="completed with 80 is loaded with a warning"),
        pytest.param("done", PercentCell(0.8), 80.0, True, id="completed with a percent cell 80%"),
        pytest.param("completed", "100%", 100.0, False, id="completed with 100"),
        pytest.param("en cours", None, None, False, id="in_progress with no progress stays empty"),
        pytest.param("مبرمجة", None, None, False, id="planned with no progress stays empty"),
        pytest.param("en cours", "45", 45.0, False, id="in_progress with 45"),
    ],
)
def test_status_and_progress_consistency(validate, row, status, progress, expected, warned):
    result = validate(_with(row, status=status, progress=progress))
    assert result.problem is None
    assert result.record["progress"] == expected
    progress_warnings = [message for column, message in result.warnings if column == "progress"]
    assert bool(progress_warnings) == warned
    if warned:
        assert "completed" in progress_warnings[0]
        assert "80" in progress_warnings[0]


def test_a_bare_fraction_of_progress_is_loaded_as_it_stands_with_a_warning():
    result = validate_status_update(_with(GOOD_STATUS_UPDATE, progress=0.45))
    assert result.record["progress"] == 0.45
    assert [column for column, _ in result.warnings] == ["progress"]


@pytest.mark.parametrize("status", [None, "", "  "], ids=repr)
def test_a_recommendation_with_no_status_is_not_started(status):
    row = _with(GOOD_RECOMMENDATION, status=status, progress=None)
    result = validate_recommendation(row)
    assert result.problem is None
    assert (result.record["status"], result.record["progress"]) == ("not_started", 0.0)


def test_a_recommendation_without_status_columns_is_not_started():
    cells = {k: v for k, v in GOOD_RECOMMENDATION.items() if k not in ("status", "progress")}
    result = validate_recommendation(cells)
    assert (result.record["status"], result.record["progress"]) == ("not_started", 0.0)


# --- Domains and priorities: kept, with a warning ------------------------------------
def test_an_unknown_domain_is_other_with_its_text_and_a_warning():
    result = validate_recommendation(_with(GOOD_RECOMMENDATION, domain=" Tourisme "))
    assert result.problem is None
    assert (result.record["domain"], result.record["domain_text"]) == ("other", "Tourisme")
    assert len(result.warnings) == 1
    column, message = result.warnings[0]
    assert column == "domain"
    assert "Tourisme" in message


def test_an_unknown_association_domain_is_other_with_a_warning():
    result = validate_association(_with(GOOD_ASSOCIATION, domain="Tourisme"))
    assert result.problem is None
    assert result.record["domain"] == "other"
    assert [column for column, _ in result.warnings] == ["domain"]
    assert "Tourisme" in result.warnings[0][1]


@pytest.mark.parametrize(
    ("priority", "expected", "warned"),
    [
        ("haute", "high", False),
        ("عالية", "high", False),
        ("moyenne", "medium", False),
        ("faible", "low", False),
        ("منخفضة", "low", False),
        (None, None, False),
        ("", None, False),
        ("P1", None, True),
    ],
)
def test_priority(priority, expected, warned):
    result = validate_recommendation(_with(GOOD_RECOMMENDATION, priority=priority))
    assert result.problem is None
    assert result.record["priority"] == expected
    assert [column for column, _ in result.warnings] == (["priority"] if warned else [])


@pytest.mark.parametrize(
    ("record", "stored"),
    [
        (
            {
                "recommendation_id": "C0001-M01-R001",
                "date": dt.date(2022, 4, 15),
                "status": "in_progress",
                "progress": 40.0,
                "note": "Étude technique en cours",
            },
            "148caf1f86105a67eb38e6e23602b43c53c3f3f071903d0d58493e49622a0991",
        ),
        (
            {
                "recommendation_id": "R-7",
                "date": dt.datetime(2022, 4, 15, 9, 30),
                "status": "completed",
                "progress": None,
                "note": None,
            },
            "e775145837bd8bd51b8d5a22e0b06ff749078a54b4b37fbd3b1f823bff40f951",
        ),
    ],
)
def test_a_status_updates_fingerprint_is_the_one_databases_already_hold(record, stored):
    """The fingerprint is how a file loaded again is known to repeat the updates stored:
    a database loaded by an earlier version holds these values, so a change to how it is
    computed must give them still (else every update loaded again would be new)."""
    assert status_fingerprint(record) == stored
