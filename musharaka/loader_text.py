"""The loader's messages (why a row was rejected, what a warning is about), written in
English by the command line, the JSON report and the stored rejects, and recognised again
so that a page can say them in its reader's language (views.data_status.said).

Loading files reads no screen text (tests/test_i18n.py): the English is here, the other
languages in the catalogs under the same ids, whose English tests/test_words.py holds
equal to this table.
"""

from __future__ import annotations

import functools
import re
import string

# Each message by id, in English; {fields} are filled with text (numbers already written).
MESSAGES = {
    "loader_date_not_exists": "'{value}' is not a date that exists",
    "loader_not_a_date": "'{value}' is not a date",
    "loader_not_date_nor_serial": "'{value}' is neither a date nor an Excel date number",
    "loader_not_a_date_example": (
        "'{value}' is not a date (expected e.g. 16/02/2020, 2020-02-16 or 16 février 2020)"
    ),
    "loader_not_a_number": "'{value}' is not a number",
    "loader_progress_fraction": (
        "progress '{value}' read as {progress}%, not {hundredfold}%: "
        "write 45 or 45% for forty-five percent"
    ),
    "loader_progress_outside": "progress '{value}' is outside 0-100",
    "loader_unknown_status": "status '{value}' is not one of: {known}",
    "loader_unknown_domain": (
        "domain '{value}' matches no known domain: stored as 'other' with its text"
    ),
    "loader_unknown_priority": "priority '{value}' is not high, medium or low: stored empty",
    "loader_unknown_stall_reason": "the reason it stalled, '{value}', is not one of: {known}",
    "loader_stall_reason_dropped": (
        "a reason it stalled is for what did not move: not kept with the status {status}"
    ),
    "loader_unknown_institution": (
        "partner institution '{value}' is not one of the list: {known} (write one of these "
        "codes, or the institution's name in Arabic or French)"
    ),
    "loader_not_whole": "{what} '{value}' is not a whole number",
    "loader_negative": "{what} '{value}' is negative",
    "loader_not_positive": "{what} '{value}' is not more than 0",
    "loader_more_than": "{what} '{value}' is more than {limit}",
    "loader_more_than_mad": (
        "{what} '{value}' is more than {limit} MAD: check the amount and its unit"
    ),
    "loader_meeting_too_early": "meeting date {date} is before {earliest}",
    "loader_meeting_too_late": "meeting date {date} is more than a year ahead (after {latest})",
    "loader_update_in_future": (
        "update date {date} is after today ({today}): an update reports what was done, "
        "so it cannot be dated in the future"
    ),
    "loader_target_too_late": (
        "target date {date} is more than {years} years after today ({today}), after {latest}"
    ),
    "loader_before_meeting": "{what} {date} is before its recommendation's meeting ({meeting})",
    "loader_not_a_coordinate": (
        "'{value}' is not a coordinate (expected e.g. 30.2533, 30,2533, 30°15'12\"N or 9°30'W)"
    ),
    "loader_coordinate_minutes": "'{value}': minutes and seconds are below 60",
    "loader_coordinate_wrong_axis": (
        "'{value}' has the hemisphere letter of the other axis, not of {column}"
    ),
    "loader_douar_unknown_commune": (
        "commune '{commune}' exists neither in the database nor in this load: "
        "load its meetings before its douars"
    ),
    "loader_douar_unnamed": "a douar needs its name in Arabic (name_ar) or French (name_fr)",
    "loader_coordinate_alone": "{column} is given without {missing}: give both or neither",
    "loader_coordinate_outside": "the point {point} is outside Morocco ({box})",
    "loader_coordinate_east": (
        "the point {point} is outside Morocco: its longitude is east; Morocco's are west "
        "(write -{longitude} or {longitude}W)"
    ),
    "loader_coordinate_swapped": (
        "the point {point} is outside Morocco: latitude and longitude look swapped"
    ),
    "loader_holds_object": "{column} holds an object, not a value",
    "loader_holds_list": "{column} holds a list, not a value",
    "loader_required": "{column} is required and is blank",
    "loader_completed_not_100": "status is completed but progress is {progress}%: loaded as given",
    "loader_partial_at_100": (
        "status is partially completed but progress is 100%: loaded as given"
    ),
    "loader_unknown_meeting": "meeting '{code}' exists neither in the database nor in this load",
    "loader_unknown_meeting_rejected": (
        "meeting '{code}' exists neither in the database nor in this load "
        "(its row was rejected in this load)"
    ),
    "loader_unknown_recommendation": (
        "recommendation '{code}' exists neither in the database nor in this load"
    ),
    "loader_unknown_recommendation_rejected": (
        "recommendation '{code}' exists neither in the database nor in this load "
        "(its row was rejected in this load)"
    ),
    "loader_unknown_parent": (
        "parent recommendation '{code}' exists neither in the database nor in this load"
    ),
    "loader_unknown_parent_rejected": (
        "parent recommendation '{code}' exists neither in the database nor in this load "
        "(its row was rejected in this load)"
    ),
    "loader_parent_loop": (
        "parent recommendation '{code}' is '{child}' itself or one of its parts: "
        "a recommendation cannot be a part of itself"
    ),
    # A commune's name close to a known commune's (musharaka.communes.near_message).
    "commune_near_stored": (
        "commune '{written}' is not a name of a known commune but is close to {communes}: "
        "if it is the same commune, add this name as one of its names (Admin page, "
        "Communes tab, or: {command}) and load the file again; if it is another commune, "
        "write its official name"
    ),
    "commune_near_reference": (
        "commune '{written}' is not known but is close to {communes} of the official list "
        "of communes: write it as '{official}' (or, if it is another commune, by its "
        "official name)"
    ),
    # What reading a file says of the file, of a sheet or of a cell (etl.sources,
    # etl.load, etl.readers).
    "loader_skipped_lock_libreoffice": (
        "{name}: skipped: the lock file LibreOffice keeps while a file is open "
        "({owner}): what was not saved in that file is not loaded"
    ),
    "loader_skipped_lock_office": (
        "{name}: skipped: the lock file Excel or Word keeps while a file is open "
        "({owner}): what was not saved in that file is not loaded"
    ),
    "loader_skipped_hidden": "{name}: skipped: a hidden file",
    "loader_skipped_folder": (
        "{name}: skipped: a folder inside the folder loaded (its files are not "
        "read: give the folder itself to load them)"
    ),
    "loader_skipped_not_file": "{name}: skipped: not a file",
    "loader_skipped_type": (
        "{name}: skipped: Musharaka does not read '{suffix}' files (it reads {types})"
    ),
    "loader_skipped_no_extension": (
        "{name}: skipped: Musharaka does not read files without an extension (it reads {types})"
    ),
    "loader_load_report": "{name}: a load report, not data: skipped",
    "loader_word_no_table": "{name}: a Word document without a table: nothing to load, skipped",
    "loader_merged_filled": (
        "{where}: merged cells filled: each cell of {ranges} merged range(s) ({named}) was "
        "read as "
        "holding its range's value, as the sheet shows it"
    ),
    "loader_merged_filled_more": (
        "{where}: merged cells filled: each cell of {ranges} merged range(s) ({named} and {more} "
        "more) was read as holding its range's value, as the sheet shows it"
    ),
    "loader_no_table": "{where}: no table recognised in this sheet: skipped",
    "loader_names_in_minutes": (
        "{where}: a table of names in a Word document (those present, or who signed) is "
        "not read as associations: skipped; associations are loaded from a workbook or a "
        "text file"
    ),
    "loader_column_unknown": "column '{header}' is not a known column: ignored",
    "loader_column_repeated": "column '{header}' repeats '{column}': ignored",
    "loader_formula_empty": (
        "the cell holds a formula ({formula}) with no value saved with it: Musharaka "
        "never runs formulas, so it was read as empty; type the value, or open and "
        "save the file in Excel or LibreOffice"
    ),
    "loader_formula_value": (
        "the cell holds a formula ({formula}): Musharaka never runs formulas and read "
        "the value saved with it"
    ),
    "loader_formulas_more": (
        "{where}: {count} cells hold formulas; the first {listed} are listed. Musharaka "
        "never runs formulas: it reads the value saved with each"
    ),
    "loader_too_long_cell": (
        "{column} holds {length} characters: at most {limit} are accepted (the most a "
        "spreadsheet cell holds); shorten it (text is never cut on loading)"
    ),
    "loader_too_long_column": (
        "{column} holds {length} characters: at most {limit} are accepted (the longest "
        "{column} Musharaka stores); shorten it (text is never cut on loading)"
    ),
    # A file that cannot be read at all (etl.extract, etl.workbooks, etl.minutes,
    # etl.delimited, etl.sources, etl.budget); {error} is the reading library's own text.
    "loader_extract_no_such_path": "{name}: no such file or folder",
    "loader_extract_unsupported": (
        "{name}: unsupported file type '{suffix}' (Musharaka reads {types})"
    ),
    "loader_extract_xlsx_not_zip": "{name}: not an xlsx workbook (the file is not a zip archive)",
    "loader_extract_xlsx_not_archive": "{name}: not an xlsx workbook ({error})",
    "loader_extract_cannot_open_workbook": "{name}: cannot open the workbook ({error})",
    "loader_extract_sheet_damaged": (
        "{where}: the sheet is damaged and cannot be read ({kind}: {error})"
    ),
    "loader_extract_workbook_too_big": (
        "{name}: refused: the workbook would unpack to {size} MB, more than the {limit} MB "
        "Musharaka opens"
    ),
    "loader_extract_zip_bomb": (
        "{name}: refused: its part '{part}' would unpack to {size} MB from {packed} MB, "
        "over {ratio} times its size (a real workbook's sheets compress 4 to 20 times): a "
        "damaged or malicious file (a 'zip bomb'). Open it in Excel or LibreOffice and save "
        "it again"
    ),
    "loader_extract_json_invalid": "{name}: not valid JSON ({error})",
    "loader_extract_json_too_deep": (
        "{name}: not a Musharaka export (its JSON is nested too deeply to read)"
    ),
    "loader_extract_json_not_export": (
        "{name}: not a Musharaka export (JSON files must be written by "
        "`python -m etl export --format json`)"
    ),
    "loader_extract_text_bad_bom": "{name}: starts as {encoding} but is not ({error})",
    "loader_extract_text_not_text": (
        "{name}: not a text file in a known encoding (UTF-8, UTF-16, Windows-1256 or "
        "Windows-1252): save it as CSV UTF-8 and try again"
    ),
    "loader_extract_text_line": "{name}: line {line}: {error}",
    "loader_extract_ods_not_zip": (
        "{name}: not an OpenDocument spreadsheet (the file is not a zip archive)"
    ),
    "loader_extract_ods_no_content": "{name}: not an OpenDocument spreadsheet (it has no content)",
    "loader_extract_ods_password": (
        "{name}: the spreadsheet is protected by a password: save it without one"
    ),
    "loader_extract_ods_cannot_open": "{name}: cannot open the spreadsheet ({error})",
    "loader_extract_ods_damaged": "{name}: the spreadsheet is damaged and cannot be read ({error})",
    "loader_extract_ods_beyond_rows": (
        "{where}: the sheet is damaged and cannot be read (values beyond row {limit}, the "
        "last a sheet has)"
    ),
    "loader_extract_ods_beyond_columns": (
        "{where}: the sheet is damaged and cannot be read (row {row} holds values beyond "
        "the last column a sheet has)"
    ),
    "loader_extract_ods_repeated": (
        "{where}: refused: its repeated rows and cells would make more than {limit} cells, "
        "more than a real sheet holds (a damaged or forged file); open it in LibreOffice and "
        "save it again"
    ),
    "loader_extract_xls_is_xlsx": (
        "{name}: not an Excel 97-2003 workbook but an .xlsx one under an .xls name: rename "
        "it to .xlsx"
    ),
    "loader_extract_xls_is_html": (
        "{name}: not an Excel workbook but a web page (HTML) under an .xls name: open it in "
        "Excel or LibreOffice and save it as .xlsx"
    ),
    "loader_extract_xls_not_xls": "{name}: not an Excel 97-2003 workbook (.xls)",
    "loader_extract_xlsb_not_zip": (
        "{name}: not an .xlsb workbook (the file is not a zip archive)"
    ),
    "loader_extract_docx_not_zip": (
        "{name}: not a Word document (.docx): the file is not a zip archive"
    ),
    "loader_extract_docx_not_archive": "{name}: not a Word document (.docx) ({error})",
    "loader_extract_docx_not_word": (
        "{name}: not a Word document (.docx): the archive holds none (a file of another "
        "kind renamed .docx?)"
    ),
    "loader_extract_docx_damaged": (
        "{name}: the Word document is damaged and cannot be read ({kind}: {error})"
    ),
    "loader_extract_docx_too_big": (
        "{name}: refused: the document would unpack to {size} MB ({xml} MB of text and "
        "layout), more than the {limit} MB ({xml_limit} MB) Musharaka opens: a damaged or "
        "malicious file, or far more than minutes. Copy its tables into a workbook, or open "
        "it in Word or LibreOffice and save it again"
    ),
    "loader_extract_merged_ranges": (
        "{where}: refused: the sheet has more than {limit} merged ranges, more than a real "
        "sheet has (a damaged or forged file); unmerge its cells and save it again"
    ),
    "loader_extract_merged_cells": (
        "{where}: refused at row {row}: its merged ranges would fill more than {limit} "
        "cells, more than a real sheet has (a damaged or forged file); unmerge its cells "
        "and save it again"
    ),
    "loader_extract_budget_cells": (
        "{where}: refused at row {row}: the files of this upload hold more than {limit} "
        "cells, the most one upload may hold; split the data into smaller files, or have it "
        "loaded with the command line (python -m etl load), which has no such limit"
    ),
    "loader_extract_budget_seconds": (
        "{where}: refused at row {row}: reading the files of this upload took more than "
        "{seconds} s, the most one upload may take; split the data into smaller files, or "
        "have it loaded with the command line (python -m etl load), which has no such limit"
    ),
    # A sheet named as a table without its header row (etl.readers.contract).
    "loader_missing_headers": (
        "{where}: looks like the {table} table but no header row names the required "
        "column(s) {columns} (accepted headers: see docs/data-contract.md)"
    ),
    # Rows an editor may not write (etl.plan.rights).
    "loader_outside_commune": "commune '{commune}' is outside the communes you may edit",
    "loader_outside_meeting": (
        "meeting '{code}' is in a commune outside the communes you may edit"
    ),
    "loader_outside_recommendation": (
        "recommendation '{code}' is in a commune outside the communes you may edit"
    ),
    "loader_outside_association": (
        "association '{name}' is in a commune outside the communes you may edit"
    ),
    "loader_commune_not_yet": (
        "commune '{commune}' does not exist yet: only an administrator can add a commune"
    ),
    # Two rows of one key (etl.plan.base, etl.plan.status_updates).
    "loader_duplicate": (
        "{column} '{value}' was already read with different content at {where} row {row} "
        "(the first wins)"
    ),
    "loader_duplicate_update": (
        "the same update of '{code}' on {date} was already read with a different evidence "
        "or reporter at {where} row {row}"
    ),
    # A table without a meeting column (etl.readers.meeting_hint): the meeting it was given,
    # or why none was.
    "loader_hint_chosen": (
        "no meeting_id column: its rows are taken to be of meeting {meeting}, named by "
        "{how} in {place}"
    ),
    "loader_hint_none": (
        "no meeting_id column, and no meeting of this load or of the database is named (by "
        "its code or its date) in {looked}: add a meeting_id column, or write the meeting's "
        "code or date there"
    ),
    "loader_hint_none_dates": (
        "no meeting_id column, and no meeting of this load or of the database is named (by "
        "its code or its date) in {looked} ({dates}: the date of no meeting): add a "
        "meeting_id column, or write the meeting's code or date there"
    ),
    "loader_hint_ambiguous": (
        "no meeting_id column, and {place} names more than one meeting ({count}): "
        "{meetings}. Add a meeting_id column, or write there the code of the one meeting "
        "(or the name of its commune beside the date)"
    ),
    # Decidim results files (etl.readers.decidim_results).
    "loader_decidim_no_commune": (
        "{where}: a Decidim results file names no commune: say which commune its results "
        "belong to (python -m etl load FILE --commune NAME)"
    ),
    "loader_decidim_no_id": "id: the result has no id",
    "loader_decidim_no_title": "{columns}: the result has no title in any language",
    "loader_decidim_no_date": (
        "start_date, created_at: no result of this component has a date, and its meeting "
        "takes its date from them"
    ),
    "loader_in_column": "{column}: {message}",
    "loader_ignored": "{message}: ignored",
    # Loads that commit nothing (etl.load, musharaka.db, an upload that fails).
    "loader_no_file": "no file to load (Musharaka reads {types})",
    "loader_no_file_skipped": "no file to load (Musharaka reads {types}): {skipped}",
    "loader_nothing_committed": "nothing was committed: {message}",
    "loader_db_refused": "the database refused the load, nothing was committed: {reason}",
    "loader_db_not_available": "the database is not available right now; try again later",
    "loader_db_busy": (
        "another load is running into this database; try again when it has finished "
        "(waited {seconds} s; MUSHARAKA_LOAD_WAIT_SECONDS sets how long to wait)"
    ),
    "loader_unreadable": "the files could not be read ({kind})",
    # Photos and PDFs named by a status update's evidence_files (etl.evidence_files).
    "loader_evidence_not_given": (
        "the file '{name}' is not among the files given with this one: put it in the same "
        "folder, or upload it with the file"
    ),
    "loader_evidence_unreadable": "the file '{name}' could not be read: {why}",
    "loader_evidence_not_accepted": (
        "'{name}' is not a JPEG, PNG or WebP photo nor a PDF document (its content was "
        "checked, not its name)"
    ),
    "loader_evidence_too_large": "'{name}' is larger than {limit} MB",
    "loader_evidence_too_many": "at most {limit} files can go with one status update",
    "loader_evidence_total_too_large": (
        "the files of one status update are together larger than {limit} MB"
    ),
    "loader_evidence_image_unreadable": (
        "the photo '{name}' is damaged or incomplete and cannot be opened"
    ),
    "loader_evidence_image_too_many_pixels": (
        "the photo '{name}' has too many pixels: give a smaller copy"
    ),
    "loader_evidence_pdf_unreadable": (
        "the PDF document '{name}' is damaged, protected by a password or has no page"
    ),
    "loader_evidence_empty": "the file '{name}' is empty",
    "loader_evidence_unused": (
        "{name}: skipped: no status update names it in its {column} column (photos and PDFs "
        "are read as the proof of the status updates that name them)"
    ),
    "loader_evidence_rejected": "{name}: skipped: only rejected rows name it",
    "loader_evidence_address": (
        "the published file {sha}… is not this status update's: a load attaches the files "
        "given with it, not the addresses of files"
    ),
    "loader_evidence_not_stored": "the photos and documents could not be stored: {why}",
    # Phrases the messages above are given as values ({how}, {place}, {looked}).
    "loader_how_code": "its code '{code}'",
    "loader_how_date": "the date '{written}'",
    "loader_place_sheet_name": "the sheet's name",
    "loader_place_file_name": "the file's name",
    "loader_place_row": "row {row}",
    "loader_place_title": "the document's title",
    "loader_place_paragraph": "paragraph {paragraph}",
    "loader_looked_sheet": "{place} or the rows above its header",
    "loader_looked_document": (
        "the rows above the table's header, the document's title or its first paragraphs"
    ),
    # Words the messages above are given as values ({what}).
    "loader_word_participants": "participants",
    "loader_word_budget": "budget",
    "loader_word_target_date": "target date",
    "loader_word_update_date": "update date",
    "loader_word_weight": "weight",
}
_FIELD = re.compile(r"\{(\w+)\}")
WORDS = "loader_word_"
# Fields whose value is one of the loader's phrases (by the prefix of their ids), said in
# the reader's language in turn; a value from a file is never one of them.
PHRASES = {
    "what": WORDS,
    "how": "loader_how_",
    "place": "loader_place_",
    "looked": "loader_looked_",
}
# A field holding a whole message of the loader's ("{column}: {message}").
NESTED = "message"


def english(key: str, **values: object) -> str:
    """The loader's message `key` in English, with `values` in its {fields}."""
    return MESSAGES[key].format(**values)


def _regex(template: str, named: bool = True) -> str:
    """A regular expression (as text) matching what `template` gives for any values; its
    fields captured by name when `named`."""
    parts, seen = [], set()
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name in seen and named:
            parts.append(f"(?P={name})")
            continue
        if name in PHRASES:  # always one of the loader's phrases: "target date {date}"
            phrases = (_regex(MESSAGES[k], False) for k in MESSAGES if k.startswith(PHRASES[name]))
            body = "|".join(phrases)
        else:
            body = ".+?"
        parts.append(f"(?P<{name}>{body})" if named else f"(?:{body})")
        seen.add(name)
    return "".join(parts)


def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(_regex(template), re.S)


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The messages, the most specific first (the longest fixed text)."""
    keys = sorted(MESSAGES, key=lambda k: -len(_FIELD.sub("", MESSAGES[k])))
    return tuple((k, _pattern(MESSAGES[k])) for k in keys)


def recognise(message: str) -> tuple[str, dict[str, str]] | None:
    """The message id `message` was written from and its values, or None."""
    for key, pattern in _patterns():
        match = pattern.fullmatch(message)
        # A whole message given as a value is one of the loader's, or this is not the match.
        if match and (NESTED not in match.groupdict() or recognise(match[NESTED])):
            return key, match.groupdict()
    return None
