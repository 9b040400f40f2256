#!/usr/bin/env python3
"""Import a recall .apkg with Anki's own importer and check what Anki sees.

Runs inside a venv with the `anki` package (see roundtrip.sh). Runs every check, prints
`ok`/`FAIL` for each, and exits 1 if any failed.

    check.py PKG --notes N --topics T --title TITLE [--slug SLUG] [--with-progress]
             [--question KEY=TEXT]... [--card KEY:ivl=1,factor=2500,due=2026-01-06,...]...
             [--revlog N] [--review KEY:ease=3,ivl=1,lastIvl=0,factor=2500,type=0,day=2026-01-05]...
             [--reimport PKG2|CSV --edited KEY=TEXT]...
             [--field KEY:FIELD=HTML]... [--front KEY=TEXT]... [--back KEY=TEXT]...
             [--render KEY]...

--review rows are matched in order to the card's review log. --field, --front, --back and
--render look at the collection as it is at the end (after --reimport): --field wants HTML
in the stored field, --front/--back want TEXT in the rendered card as a reader sees it
(Anki's strip_html of card.question()/card.answer(): tags and CSS gone, entities decoded).

--reimport with a .csv/.txt file uses Anki's text importer (Collection.import_csv with the
metadata Anki reads from the file's header). The CSV names the note type "recall question"
and Anki's text importer cannot create a note type, so a fresh collection skips every row
("missing note type"); the CSV is therefore imported on top of the .apkg, whose note type
it then matches by guid and updates. What a fresh collection does with the CSV is printed
as an `info` line (not a failure), so a change in Anki's behaviour shows up in the log.
"""

import argparse
import datetime
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

from anki.collection import (
    Collection,
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportCsvRequest,
)
from anki.import_export_pb2 import CsvMetadata, ImportAnkiPackageUpdateCondition
import anki.lang
from anki.utils import strip_html

FIELDS = ["Question", "Context", "Answer", "Topic", "Key"]
failures = 0


def check(ok, what):
    global failures
    if ok:
        print(f"  ok    {what}")
    else:
        failures += 1
        print(f"  FAIL  {what}")


def pairs(values, sep):
    out = []
    for value in values or []:
        key, _, rest = value.partition(sep)
        if not rest:
            sys.exit(f"check.py: expected KEY{sep}VALUE, got {value!r}")
        out.append((key, rest))
    return out


def settings(spec):
    """'a=1,b=2' -> [('a', '1'), ('b', '2')]"""
    return [tuple(item.partition("=")[::2]) for item in spec.split(",")]


def import_package(col, path, with_scheduling):
    options = ImportAnkiPackageOptions(
        merge_notetypes=True,
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=with_scheduling,
        with_deck_configs=with_scheduling,
    )
    return col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(path), options=options)
    )


def import_csv(col, path):
    """Anki's text importer, with the layout Anki reads from the file's # header lines;
    rows whose guid exists update that note."""
    metadata = col.get_csv_metadata(str(path), None)
    metadata.dupe_resolution = CsvMetadata.DupeResolution.UPDATE
    return col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))


def notes_by_key(col):
    notes = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        notes[note["Key"]] = note
    return notes


def package_notes(path):
    """guid -> (sfld, csum) as written in the package itself."""
    with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory() as tmp:
        check(set(zf.namelist()) >= {"collection.anki2", "media"}, "package holds collection.anki2 and media")
        check(zf.read("media") == b"{}", "media map is {}")
        db_path = Path(tmp) / "c.anki2"
        db_path.write_bytes(zf.read("collection.anki2"))
        db = sqlite3.connect(db_path)
        try:
            ver = db.execute("select ver from col").fetchone()[0]
            check(ver == 11, f"collection schema version is 11 (got {ver})")
            return {g: (s, c) for g, s, c in db.execute("select guid, sfld, csum from notes")}
        finally:
            db.close()


def anki_today(col):
    """The calendar date Anki calls today: local time minus the rollover hour."""
    rollover = col.get_config("rollover", 4)
    return (datetime.datetime.now() - datetime.timedelta(hours=rollover)).date()


def check_collection(col, args, written):
    """Counts, note type, decks, and per note: deck, tags, field hygiene, sfld/csum."""
    check(col.note_count() == args.notes, f"{args.notes} notes in the collection (got {col.note_count()})")
    check(col.card_count() == args.notes, f"{args.notes} cards (got {col.card_count()})")

    notetypes = {nt["name"]: nt for nt in col.models.all()}
    ours = [nt for nt in notetypes.values() if [f["name"] for f in nt["flds"]] == FIELDS]
    check(len(ours) == 1, f"one note type with fields {FIELDS}")

    deck_names = {d.name for d in col.decks.all_names_and_ids()}
    topic_decks = {name for name in deck_names if name.startswith(args.title + "::")}
    check(args.title in deck_names, f"parent deck {args.title!r} exists")
    check(len(topic_decks) == args.topics, f"{args.topics} topic decks (got {sorted(topic_decks)})")

    notes = notes_by_key(col)
    check(len(notes) == args.notes, "every note has its own Key")
    bad = []
    for key, note in notes.items():
        cards = note.cards()
        if len(cards) != 1:
            bad.append(f"{key}: {len(cards)} cards")
        deck = col.decks.name(cards[0].did) if cards else None
        topic = strip_html(note["Topic"])
        if deck != f"{args.title}::{topic}":
            bad.append(f"{key}: deck {deck!r}")
        followup = bool(note["Context"].strip())
        kind = "followup" if followup else "main"
        wanted_tags = {kind, topic.replace(" ", "_")} | ({args.slug} if args.slug else set())
        if set(note.tags) != wanted_tags:
            bad.append(f"{key}: tags {sorted(note.tags)}, wanted {sorted(wanted_tags)}")
        if strip_html(note["Key"]) != key:
            bad.append(f"{key}: Key field {note['Key']!r}")
        for name in FIELDS:
            value = note[name]
            if "\n" in value or "\t" in value or "&amp;amp;" in value or "&amp;lt;" in value:
                bad.append(f"{key}: field {name} has a raw newline, tab or double escape")
        if written is not None:
            sfld, csum = written.get(note.guid, (None, None))
            stored = col.db.first("select sfld, csum from notes where id = ?", note.id)
            if [sfld, csum] != list(stored):
                bad.append(f"{key}: package sfld/csum {sfld!r}/{csum} but Anki computes {stored}")
    check(not bad, "decks, tags, fields and sfld/csum of every note" + (": " + "; ".join(bad[:5]) if bad else ""))
    return notes


def shown(html):
    """What a reader sees: Anki's own strip_html (drops <style>, tags; decodes entities)."""
    return strip_html(html)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    parser.add_argument("--topics", type=int, required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--slug", help="the deck slug every note is tagged with")
    parser.add_argument("--with-progress", action="store_true")
    parser.add_argument("--question", action="append", help="KEY=TEXT: the Question field shows TEXT")
    parser.add_argument("--card", action="append", help="KEY:field=value,...: ivl, factor, due (date, or a new card's position), reps, lapses, type, queue")
    parser.add_argument("--revlog", type=int, help="number of review log rows expected")
    parser.add_argument("--review", action="append", help="KEY:ease=..,ivl=..,lastIvl=..,factor=..,type=..,day=YYYY-MM-DD; the card's log rows in order")
    parser.add_argument("--reimport", type=Path, help="a later export (.apkg, or .csv/.txt) to import into the same collection")
    parser.add_argument("--edited", action="append", help="KEY=TEXT: after --reimport the Question shows TEXT")
    parser.add_argument("--field", action="append", help="KEY:FIELD=HTML: the stored field holds HTML (at the end)")
    parser.add_argument("--front", action="append", help="KEY=TEXT: the rendered question shows TEXT (at the end)")
    parser.add_argument("--back", action="append", help="KEY=TEXT: the rendered answer shows TEXT (at the end)")
    parser.add_argument("--render", action="append", help="KEY: print the card's fields and rendered text (at the end)")
    args = parser.parse_args()
    anki.lang.set_lang("en_US")  # strip_html goes through the i18n backend

    print(f"checking {args.package}")
    written = package_notes(args.package)

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            log = import_package(col, args.package, args.with_progress)
            check(len(log.log.new) == args.notes, f"{args.notes} new notes imported (got {len(log.log.new)})")
            notes = check_collection(col, args, written)

            for key, text in pairs(args.question, "="):
                got = shown(notes[key]["Question"]) if key in notes else None
                check(got is not None and text in got, f"card {key} shows {text!r} (got {got!r})")

            today = anki_today(col)
            sched_today = col.sched.today
            for key, spec in pairs(args.card, ":"):
                note = notes.get(key)
                if note is None:
                    check(False, f"card {key} exists")
                    continue
                card = note.cards()[0]
                for field, want in settings(spec):
                    if field == "due" and want.count("-") == 2:
                        # a review card's due day, as a date; a new card's due is its position
                        got = str(today + datetime.timedelta(days=card.due - sched_today))
                    else:
                        got = str(getattr(card, field))
                    check(got == want, f"card {key} {field} = {want} (got {got})")

            if args.revlog is not None:
                rows = col.db.scalar("select count() from revlog")
                check(rows == args.revlog, f"{args.revlog} review log rows (got {rows})")
            wanted_reviews = {}
            for key, spec in pairs(args.review, ":"):
                wanted_reviews.setdefault(key, []).append(spec)
            for key, specs in wanted_reviews.items():
                cid = notes[key].cards()[0].id if key in notes else None
                rows = col.db.all(
                    "select id, ease, ivl, lastIvl, factor, type from revlog where cid = ? order by id", cid
                )
                check(len(rows) == len(specs), f"card {key} has {len(specs)} review log rows (got {len(rows)})")
                for n, (spec, row) in enumerate(zip(specs, rows), 1):
                    rid, *values = row
                    got_row = dict(zip(["ease", "ivl", "lastIvl", "factor", "type"], map(str, values)))
                    got_row["day"] = str(datetime.datetime.fromtimestamp(rid / 1000).date())
                    for field, want in settings(spec):
                        got = got_row.get(field)
                        check(got == want, f"card {key} review {n} {field} = {want} (got {got})")

            if args.reimport:
                print(f"re-importing {args.reimport}")
                before = col.note_count()
                if args.reimport.suffix in (".csv", ".txt"):
                    with tempfile.TemporaryDirectory() as fresh_dir:
                        fresh = Collection(str(Path(fresh_dir) / "fresh.anki2"))
                        try:
                            flog = import_csv(fresh, args.reimport).log
                            print(
                                f"  info  the CSV alone in a fresh collection: {len(flog.new)} new, "
                                f"{len(flog.missing_notetype)} skipped for a missing note type"
                            )
                        finally:
                            fresh.close()
                    log = import_csv(col, args.reimport).log
                    check(len(log.new) == 0, f"no new notes from the CSV (got {len(log.new)})")
                    check(
                        len(log.missing_notetype) + len(log.missing_deck) + len(log.conflicting) + len(log.empty_first_field) == 0,
                        f"no CSV row skipped (missing note type {len(log.missing_notetype)}, missing deck "
                        f"{len(log.missing_deck)}, conflicting {len(log.conflicting)}, empty {len(log.empty_first_field)})",
                    )
                    check(
                        len(log.updated) + len(log.duplicate) == args.notes,
                        f"every CSV row matched its note by guid (updated {len(log.updated)}, unchanged {len(log.duplicate)})",
                    )
                else:
                    log = import_package(col, args.reimport, args.with_progress).log
                check(col.note_count() == before, f"note count unchanged at {before} (got {col.note_count()})")
                check(len(log.updated) >= 1, f"at least one note updated (got {len(log.updated)})")
                notes = check_collection(col, args, None)
                for key, text in pairs(args.edited, "="):
                    got = shown(notes[key]["Question"]) if key in notes else None
                    check(got is not None and text in got, f"card {key} now shows {text!r} (got {got!r})")

            for key, spec in pairs(args.field, ":"):
                name, _, html = spec.partition("=")
                got = notes[key][name] if key in notes else None
                check(got is not None and html in got, f"card {key} {name} holds {html!r} (got {got!r})")
            for option, side in ((args.front, "question"), (args.back, "answer")):
                for key, text in pairs(option, "="):
                    got = shown(getattr(notes[key].cards()[0], side)()) if key in notes else None
                    check(got is not None and text in got, f"card {key} {side} shows {text!r} (got {got!r})")
            for key in args.render or []:
                note = notes[key]
                card = note.cards()[0]
                print(f"  card {key} in Anki: deck {col.decks.name(card.did)!r}, tags {note.tags}")
                for name in FIELDS:
                    print(f"    {name}: {note[name]}")
                body = lambda html: html[html.index("</style>") + 8 :] if "</style>" in html else html
                print("    rendered question:", body(card.question()).strip().replace("\n", "\n      "))
                print("    rendered answer:  ", body(card.answer()).strip().replace("\n", "\n      "))
        finally:
            col.close()

    if failures:
        print(f"check.py: {failures} check(s) FAILED for {args.package}")
        return 1
    print(f"check.py: all checks passed for {args.package}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
