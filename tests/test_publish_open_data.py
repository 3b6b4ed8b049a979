"""The static site's open data, from the sample on SQLite and on PostgreSQL with personal
data planted in every column that can hold it: `frictionless validate` passes on the data
package of the country and of each commune; each commune's files hold its rows, as many
as the database counts; no phone, e-mail, name or note reaches any file; every JSON file
parses; and two runs on the same data write the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from conftest import SAMPLE_DIR
from etl import export
from etl.load import run_load
from etl.publish import open_data
from musharaka import licences
from musharaka.models import Association, Commune, Meeting, Recommendation, StatusUpdate
from musharaka.vocabulary import STATUS_KEYS

PERSONAL = {
    "phone": "0661 48 27 93",
    "email": "h.ouazzani.prive@example.ma",
    "chair": "Hanane Ouazzani",
    "facilitator": "Youssef Bennani Smires",
    "note": "Appeler M. Ouazzani chez lui avant la séance",
    "reported_by": "Khadija Amrani Joutei",
}


@pytest.fixture
def sample(engine):
    """The sample, its associations placed in its first commune, personal data planted."""
    report = run_load(engine, [SAMPLE_DIR])
    assert report.committed and not report.rejects
    with engine.begin() as connection:
        first = connection.scalar(select(func.min(Meeting.commune_id)))
        connection.execute(
            update(Association).values(
                phone=PERSONAL["phone"], email=PERSONAL["email"], commune_id=first
            )
        )
        connection.execute(
            update(Meeting).values(chair=PERSONAL["chair"], facilitator=PERSONAL["facilitator"])
        )
        connection.execute(
            update(StatusUpdate).values(note=PERSONAL["note"], reported_by=PERSONAL["reported_by"])
        )
    return engine


def publish(engine) -> dict[str, bytes]:
    """Every open-data file, the country's and each commune's, as the publisher gets them."""
    with engine.connect() as connection:
        files = open_data.national_files(connection, None)
        for commune_id in open_data.published_communes(connection):
            files |= open_data.commune_files(connection, commune_id)
    return files


def write(files: dict[str, bytes], root: Path) -> None:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def frictionless_validate(descriptor: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", descriptor.name],
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_data_packages_are_valid(sample, tmp_path):
    files = publish(sample)
    write(files, tmp_path)
    descriptors = [tmp_path / "data" / "datapackage.json"]
    with sample.connect() as connection:
        communes = open_data.published_communes(connection)
    assert communes
    descriptors.append(tmp_path / open_data.commune_folder(communes[0]) / "datapackage.json")
    for descriptor in descriptors:
        answer = frictionless_validate(descriptor)
        report = json.loads(answer.stdout)
        assert answer.returncode == 0 and report["valid"], answer.stdout[:4000]
        checked = {task["name"]: task["stats"]["rows"] for task in report["tasks"]}
        assert set(export.TABLES) <= set(checked)
    package = json.loads(files["data/datapackage.json"])
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    assert package["licenses"][0]["name"] == licences.configured().id
    status = next(f for f in schemas["recommendations"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == list(STATUS_KEYS)
    assert schemas["recommendations"]["primaryKey"] == ["recommendation_id"]
    assert {
        "fields": ["meeting_id"],
        "reference": {"resource": "meetings", "fields": ["meeting_id"]},
    } in (schemas["recommendations"]["foreignKeys"])


def test_each_commune_holds_its_rows_and_the_catalog_counts_them(sample):
    files = publish(sample)
    catalog = json.loads(files["data/catalog.json"])
    with sample.connect() as connection:
        database = {
            row.id: row
            for row in connection.execute(
                select(
                    Commune.id,
                    select(func.count())
                    .where(Recommendation.commune_id == Commune.id)
                    .scalar_subquery()
                    .label("recommendations"),
                    select(func.count())
                    .where(Meeting.commune_id == Commune.id)
                    .scalar_subquery()
                    .label("meetings"),
                    select(func.count())
                    .select_from(StatusUpdate)
                    .join(Recommendation)
                    .where(Recommendation.commune_id == Commune.id)
                    .scalar_subquery()
                    .label("status_updates"),
                    select(func.count())
                    .where(Association.commune_id == Commune.id)
                    .scalar_subquery()
                    .label("associations"),
                )
            )
        }
        national = {
            "recommendations": connection.scalar(select(func.count(Recommendation.id))),
            "status_updates": connection.scalar(select(func.count(StatusUpdate.id))),
        }
    assert len(catalog["communes"]) == sum(1 for row in database.values() if row.meetings)
    assert catalog["rows"]["recommendations"] == national["recommendations"]
    for table, count in national.items():
        assert len(csv_rows(files[f"data/{table}.csv"])) == count
    for commune in catalog["communes"]:
        expected = database[commune["id"]]
        for table in export.TABLES:
            assert commune["rows"][table] == getattr(expected, table)
            rows = csv_rows(files[f"data/{commune['files'][0].rsplit('/', 1)[0]}/{table}.csv"])
            assert len(rows) == getattr(expected, table), (commune["name"], table)
            records = json.loads(files[f"{open_data.commune_folder(commune['id'])}/{table}.json"])
            assert len(records[table]) == getattr(expected, table)
        for name in commune["files"]:
            assert f"data/{name}" in files
        meetings = csv_rows(files[f"{open_data.commune_folder(commune['id'])}/meetings.csv"])
        assert {m["commune"] for m in meetings} == {commune["name"]}
    assert sum(c["rows"]["associations"] for c in catalog["communes"]) > 0


def test_no_personal_data_anywhere_and_every_json_parses(sample):
    files = publish(sample)
    assert len(files) > 20
    for name, content in files.items():
        text = content.decode("utf-8-sig")
        for what, value in PERSONAL.items():
            assert value not in text, f"{what} in {name}"
        if name.endswith(".json"):
            json.loads(text)
    columns = csv_rows(files["data/associations.csv"])[0].keys()
    assert "phone" not in columns and "email" not in columns
    dictionary = csv_rows(files["data/dictionary.csv"])
    withheld = {(r["table"], r["column"]) for r in dictionary if r["type"] == "withheld"}
    assert ("associations", "email") in withheld and ("status_updates", "note") in withheld


def test_the_same_data_gives_the_same_bytes(sample):
    first, second = publish(sample), publish(sample)
    assert first.keys() == second.keys()
    assert [n for n in first if first[n] != second[n]] == []


def test_the_sitemap_lists_every_file_once_with_its_date(sample):
    files = publish(sample)
    entries = open_data.sitemap_entries(files["data/catalog.json"])
    paths = [entry.path for entry in entries]
    assert sorted(paths) == sorted(files) and len(set(paths)) == len(paths)
    fragment = open_data.sitemap_fragment("https://musharaka.example.ma/", entries)
    assert fragment.count("<url>") == len(files)
    assert "<loc>https://musharaka.example.ma/data/catalog.json</loc>" in fragment
