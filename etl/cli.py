"""`python -m etl load|export|sample|report|poster|publish`: the command line of the ETL.

Exit status (docs/command-line.md): 0 committed; 1 nothing committed because of an error the
message explains; 2 usage error; 3 `--strict` and some rows were rejected.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from etl.communes import find_commune
from etl.load import LoadError, Progress, run_load
from etl.report import LoadReport
from musharaka import db
from musharaka.audit import command_line_actor
from musharaka.config import SAMPLE_DIR

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_STRICT = 0, 1, 2, 3


def terminal_progress(mode: str) -> tuple[Progress, Callable[[], None]]:
    """A progress callback for the chosen mode and a function that closes it.

    'bar' draws a tqdm bar on stderr, 'plain' prints one line per step (for logs and
    scheduled jobs), 'none' is silent; 'auto' is a bar on a terminal, silent otherwise.
    """
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "none"
    if mode == "none":
        return (lambda stage, done, total: None), (lambda: None)
    if mode == "plain":

        def plain(stage: str, done: int, total: int) -> None:
            shown = f"{done}/{total}" if total else str(done)
            print(f"{stage}: {shown}", file=sys.stderr, flush=True)

        return plain, (lambda: None)
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def bar(stage: str, done: int, total: int) -> None:
        current = bars.get(stage)
        if current is None:
            for other in bars.values():
                other.close()
            unit = "row" if stage.endswith("rows") else "step"
            current = bars[stage] = tqdm(total=total or None, desc=stage, unit=unit, leave=False)
        current.n = done
        current.refresh()

    def close() -> None:
        for other in bars.values():
            other.close()

    return bar, close


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Load, export and generate Musharaka data."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser(
        "load", help="load workbooks (xlsx, xls, ods...), csv/tsv/txt, json, docx files or folders"
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    load.add_argument("--report", type=Path, metavar="FILE.json", help="write the load report")
    load.add_argument("--dry-run", action="store_true", help="validate and report, commit nothing")
    load.add_argument(
        "--strict", action="store_true", help="commit nothing if any row is rejected (exit 3)"
    )
    load.add_argument("--progress", choices=("auto", "bar", "plain", "none"), default="auto")
    load.add_argument(
        "--commune",
        metavar="NAME",
        help="the commune of Decidim results files (its name or id; required for them)",
    )
    load.add_argument(
        "--workers",
        type=_workers,
        default=default_workers(),
        metavar="N",
        help="processes reading the files, each a file at a time (default: one per core,"
        " at most 8; 1 reads them in this process)",
    )

    export = commands.add_parser(
        "export", help="write the full export (backups, round trips), or the public one"
    )
    export.add_argument("--format", choices=("json", "csv", "xlsx", "decidim"), required=True)
    export.add_argument(
        "--public",
        action="store_true",
        help="the open data anyone may download (the Open data page's files): without the "
        "columns that can hold personal data (associations' phone and e-mail, meetings' "
        "chair and facilitator, status updates' note and reported_by). Without it, every "
        "field is kept",
    )
    export.add_argument(
        "--commune",
        metavar="NAME",
        help="decidim: only this commune's recommendations (its name or id)",
    )
    export.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="PATH",
        help="json, xlsx: the file; csv: a folder, or a .zip archive",
    )

    demo = commands.add_parser(
        "demo", help="generate a synthetic data set (files with --out, else into the database)"
    )
    demo.add_argument("--communes", type=int, required=True, metavar="N", help="1503 = national")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--out", type=Path, metavar="DIR", help="write CSV files here instead")
    demo.add_argument("--progress", choices=("auto", "bar", "plain", "none"), default="auto")

    sample = commands.add_parser("sample", help="load the bundled sample data")
    sample.add_argument(
        "--if-empty", action="store_true", help="only when the database has no meeting yet"
    )
    sample.add_argument("--progress", choices=("auto", "bar", "plain", "none"), default="auto")

    report = commands.add_parser(
        "report",
        help="write the council's report of achievements between two meetings, or the "
        "quarterly report of a province or a region",
    )
    whose = report.add_mutually_exclusive_group(required=True)
    whose.add_argument("--commune", metavar="ID_OR_NAME")
    whose.add_argument("--province", metavar="NAME", help="the governor's quarterly report")
    whose.add_argument("--region", metavar="NAME", help="the quarterly report of a region")
    report.add_argument(
        "--quarter",
        metavar="2026Q3",
        help="with --province or --region; default: the last quarter over",
    )
    report.add_argument("--from", dest="meeting_from", metavar="CODE", help="the earlier meeting")
    report.add_argument("--to", dest="meeting_to", metavar="CODE", help="the later meeting")
    report.add_argument("--lang", choices=("ar", "fr", "en"), default="ar")
    report.add_argument(
        "--format", choices=("html", "pdf"), help="default: from the extension of --out"
    )
    report.add_argument("--out", type=Path, required=True, metavar="FILE")
    report.add_argument(
        "--no-photos",
        dest="photos",
        action="store_false",
        help="leave out the photo of each completed recommendation",
    )

    poster = commands.add_parser(
        "poster",
        help="write a poster: a meeting's (what was achieved since the meeting before), or a "
        "commune's or a douar's (its recommendations by status)",
    )
    place = poster.add_mutually_exclusive_group(required=True)
    place.add_argument("--meeting", metavar="CODE")
    place.add_argument("--commune", metavar="NAME_OR_ID")
    poster.add_argument(
        "--douar", metavar="NAME", help="with --commune: the recommendations whose place names it"
    )
    poster.add_argument("--lang", choices=("ar", "fr"), default="ar")
    poster.add_argument("--size", choices=("A4", "A3"), default="A4")
    poster.add_argument("--out", type=Path, required=True, metavar="F.pdf")
    poster.add_argument(
        "--no-photos",
        dest="photos",
        action="store_false",
        help="leave out the photo of each completed recommendation",
    )

    publish = commands.add_parser(
        "publish", help="build the static public site (pages, feeds) into a folder, incrementally"
    )
    publish.add_argument("--out", type=Path, required=True, metavar="DIR")
    publish.add_argument("--db", metavar="URL", help="the database (default: DATABASE_URL)")
    publish.add_argument("--report", type=Path, metavar="FILE.json", help="write what was done")
    publish.add_argument("--progress", choices=("auto", "bar", "plain", "none"), default="auto")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        engine = db.make_engine(getattr(args, "db", None))
        db.upgrade(engine)
    except Exception as error:
        print(f"error: cannot open the database: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.command == "export":
        return _export(engine, args)
    if args.command == "demo":
        return _demo(engine, args)
    if args.command == "report":
        return _report(engine, args)
    if args.command == "poster":
        return _poster(engine, args)
    if args.command == "publish":
        from etl.publish import command

        return command.run(engine, args.out, args.report, *terminal_progress(args.progress))
    if args.command == "sample":
        if args.if_empty and not db.is_empty(engine):
            print("The database already holds data: sample not loaded.")
            return EXIT_OK
        return _load(engine, [SAMPLE_DIR], None, False, False, args.progress, "sample")
    commune = args.commune
    if commune:
        # A commune named by its id or another spelling of its name is the one it names.
        with engine.connect() as conn:
            found = find_commune(conn, commune)
        commune = found[1] if found else commune.strip()
    return _load(
        engine, args.paths, args.report, args.dry_run, args.strict, args.progress, "cli", commune,
        args.workers,
    )  # fmt: skip


def default_workers() -> int:
    """One reading process per core, at most 8: beyond that the load waits on writing."""
    return max(1, min(os.cpu_count() or 1, 8))


def _workers(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("at least 1")
    return number


def _load(
    engine, paths, report_path, dry_run, strict, progress_mode, source, commune=None, workers=1
) -> int:
    problem = _unwritable(report_path)
    if problem:
        # Found before loading: a report that cannot be written after a committed load
        # would leave no record of what the load did.
        print(f"error: --report {report_path.name}: {problem}; nothing was loaded", file=sys.stderr)
        return EXIT_USAGE
    progress, close = terminal_progress(progress_mode)
    try:
        report = run_load(
            engine,
            paths,
            dry_run=dry_run,
            strict=strict,
            source=source,
            actor=command_line_actor(),
            progress=progress,
            commune=commune,
            workers=workers,
        )
    except LoadError as error:
        close()
        report = LoadReport(dry_run=dry_run, error=str(error))
        _write_report(report, report_path)
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    close()
    _write_report(report, report_path)
    print(report.summary())
    if strict and report.rejects:
        # A strict dry run answers the same question a strict load would: would it pass?
        print("--strict: some rows were rejected, nothing was committed.", file=sys.stderr)
        return EXIT_STRICT
    return EXIT_OK


def _unwritable(path: Path | None) -> str | None:
    """Why the report file cannot be written, or None. A file the check creates is
    removed again: the folder being loaded may be the report's own."""
    if path is None:
        return None
    try:
        existed = path.exists()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as error:
        return error.strerror or str(error)
    if not existed:
        path.unlink()
    return None


def _write_report(report: LoadReport, path: Path | None) -> None:
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(report.to_json() + "\n", encoding="utf-8")


def _export(engine, args) -> int:
    if args.format == "decidim":
        return _export_decidim(engine, args)
    if args.commune:
        print("error: --commune applies to --format decidim only", file=sys.stderr)
        return EXIT_USAGE
    from etl.export import ExportTooLarge, export

    try:
        written = export(engine, args.format, args.out, public=args.public)
    except OSError as error:
        print(f"error: cannot write the export: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ExportTooLarge as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _export_decidim(engine, args) -> int:
    from etl.export import decidim_csv

    commune_id = None
    if args.commune:
        with engine.connect() as conn:
            found = find_commune(conn, args.commune)
        if found is None:
            print(f"error: no commune '{args.commune}' in the database", file=sys.stderr)
            return EXIT_ERROR
        commune_id = found[0]
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(decidim_csv(engine, commune_id))
    except OSError as error:
        print(f"error: cannot write the export: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote {args.out}")
    return EXIT_OK


def _demo(engine, args) -> int:
    from etl import demo

    if args.communes < 1:
        print("error: --communes must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    progress, close = terminal_progress(args.progress)
    try:
        if args.out:
            written = demo.write_files(args.out, args.communes, args.seed, progress)
            close()
            print(f"wrote {len(written)} files to {args.out}")
        else:
            counts = demo.load_direct(engine, args.communes, args.seed, progress)
            close()
            print("loaded: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
    except (ValueError, OSError) as error:
        close()
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _report(engine, args) -> int:
    """The between-meetings report of a commune (default: its last two meetings) as a
    self-contained HTML file or a PDF."""
    from musharaka.council_report import ReportError, build_report, render_html

    kind = args.format or ("pdf" if args.out.suffix.lower() == ".pdf" else "html")
    if args.commune is None:
        return _quarterly(engine, args, kind)
    with engine.connect() as conn:
        found = find_commune(conn, args.commune)
    if found is None:
        print(f"error: unknown commune: {args.commune!r} (its id or name)", file=sys.stderr)
        return EXIT_ERROR
    try:
        report = build_report(
            engine,
            found[0],
            args.meeting_from,
            args.meeting_to,
            args.lang,
            photos=args.photos,
        )
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not _write_document(args.out, kind, render_html(report, args.lang)):
        return EXIT_ERROR
    print(f"wrote {args.out} ({report.earlier.code} -> {report.later.code})")
    return EXIT_OK


def _write_document(out: Path, kind: str, html: str) -> bool:
    """A report's HTML written to `out` as it is or as PDF; False, said, if it cannot be."""
    from musharaka.council_report import render_pdf

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if kind == "pdf":
            out.write_bytes(render_pdf(html))
        else:
            out.write_text(html, encoding="utf-8")
    except OSError as error:
        print(f"error: cannot write the report: {error}", file=sys.stderr)
        return False
    return True


def _quarterly(engine, args, kind: str) -> int:
    """The quarterly report of a province or a region as a self-contained HTML file or a PDF."""
    from musharaka import quarterly

    try:
        scope_kind = "province" if args.province else "region"
        scope = quarterly.find_scope(scope_kind, args.province or args.region)
        quarter = (
            quarterly.parse_quarter(args.quarter)
            if args.quarter
            else quarterly.last_full_quarter(dt.date.today())
        )
        report = quarterly.build_quarterly(engine, scope, quarter)
    except quarterly.QuarterlyError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if not _write_document(args.out, kind, quarterly.render_quarterly(report, args.lang)):
        return EXIT_ERROR
    communes = len(report.scorecard)
    print(f"wrote {args.out} ({scope.name_fr}, {quarter.code}, {communes} communes)")
    return EXIT_OK


def _poster(engine, args) -> int:
    """A meeting's, a commune's or a douar's poster as a PDF (musharaka.poster,
    musharaka.place_poster)."""
    from musharaka import place_poster, poster
    from musharaka.council_report import ReportError, render_pdf

    if args.douar is not None and args.commune is None:
        print("error: --douar needs --commune", file=sys.stderr)
        return EXIT_ERROR
    try:
        if args.commune is not None:
            with engine.connect() as conn:
                found = find_commune(conn, args.commune)
            if found is None:
                print(f"error: no commune {args.commune!r}", file=sys.stderr)
                return EXIT_ERROR
            content = place_poster.build_place_poster(
                engine, found[0], args.douar, args.lang, photos=args.photos
            )
            html, count = place_poster.place_poster_html(content, args.size), len(content.items)
        else:
            report = poster.build_report_for(engine, args.meeting, args.lang, photos=args.photos)
            html, count = poster.poster_html(report, args.lang, args.size), len(report.items)
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    pdf = render_pdf(html)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(pdf)
    except OSError as error:
        print(f"error: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {args.out} ({count} recommendations).")
    return EXIT_OK
