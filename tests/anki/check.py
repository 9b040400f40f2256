#!/usr/bin/env python3
"""Import a recall .apkg with Anki's own importer and check what Anki sees.

Runs inside a venv with the `anki` package (see roundtrip.sh). Exits 1 on the first
failed expectation, with a message naming it.

    check.py PKG --notes N --topics T --title TITLE [--with-progress]
             [--question KEY=TEXT]... [--card KEY:ivl=1,factor=2500,due=2026-01-06,...]...
             [--revlog N] [--reimport PKG2 --edited KEY=TEXT]
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
)
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
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
        print(f"  FAIL  {what}", file=sys.stderr)


def pairs(values, sep):
    out = []
    for value in values or []:
        key, _, rest = value.partition(sep)
        if not rest:
            sys.exit(f"check.py: expected KEY{sep}VALUE, got {value!r}")
        out.append((key, rest))
    return out


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", type=Path)
    parser.add_argument("--notes", type=int, required=True)
    parser.add_argument("--topics", type=int, required=True)
    parser.add_argument("--title", required=True)
    parser.add_argument("--with-progress", action="store_true")
    parser.add_argument("--question", action="append", help="KEY=TEXT: the Question field shows TEXT")
    parser.add_argument("--card", action="append", help="KEY:field=value,...: ivl, factor, due (date, or a new card's position), reps, lapses, type, queue")
    parser.add_argument("--revlog", type=int, help="number of review log rows expected")
    parser.add_argument("--reimport", type=Path, help="a later export to import into the same collection")
    parser.add_argument("--edited", action="append", help="KEY=TEXT: after --reimport the Question shows TEXT")
    args = parser.parse_args()
    anki.lang.set_lang("en_US")  # strip_html goes through the i18n backend

    print(f"checking {args.package}")
    written = package_notes(args.package)

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "collection.anki2"))
        try:
            log = import_package(col, args.package, args.with_progress)
            check(len(log.log.new) == args.notes, f"{args.notes} new notes imported (got {len(log.log.new)})")
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
                deck = col.decks.name(cards[0].did) if cards else None
                topic = strip_html(note["Topic"])
                if deck != f"{args.title}::{topic}":
                    bad.append(f"{key}: deck {deck!r}")
                followup = bool(note["Context"].strip())
                kind = "followup" if followup else "main"
                wanted_tags = {kind, topic.replace(" ", "_")}
                if not wanted_tags <= set(note.tags):
                    bad.append(f"{key}: tags {note.tags} lack {wanted_tags}")
                for name in FIELDS:
                    value = note[name]
                    if "\n" in value or "\t" in value or "&amp;amp;" in value:
                        bad.append(f"{key}: field {name} has a raw newline, tab or double escape")
                sfld, csum = written.get(note.guid, (None, None))
                stored = col.db.first("select sfld, csum from notes where id = ?", note.id)
                if [sfld, csum] != list(stored):
                    bad.append(f"{key}: package sfld/csum {sfld!r}/{csum} but Anki computes {stored}")
            check(not bad, "decks, tags, fields and sfld/csum of every note" + (": " + "; ".join(bad[:5]) if bad else ""))

            for key, text in pairs(args.question, "="):
                shown = strip_html(notes[key]["Question"]) if key in notes else None
                check(shown is not None and text in shown, f"card {key} shows {text!r} (got {shown!r})")

            today = anki_today(col)
            sched_today = col.sched.today
            for key, spec in pairs(args.card, ":"):
                note = notes.get(key)
                if note is None:
                    check(False, f"card {key} exists")
                    continue
                card = note.cards()[0]
                for item in spec.split(","):
                    field, _, want = item.partition("=")
                    if field == "due" and want.count("-") == 2:
                        # a review card's due day, as a date; a new card's due is its position
                        got = str(today + datetime.timedelta(days=card.due - sched_today))
                    else:
                        got = str(getattr(card, field))
                    check(got == want, f"card {key} {field} = {want} (got {got})")

            if args.revlog is not None:
                rows = col.db.scalar("select count() from revlog")
                check(rows == args.revlog, f"{args.revlog} review log rows (got {rows})")

            if args.reimport:
                print(f"re-importing {args.reimport}")
                before = col.note_count()
                log = import_package(col, args.reimport, args.with_progress)
                check(col.note_count() == before, f"note count unchanged at {before} (got {col.note_count()})")
                check(len(log.log.updated) >= 1, f"at least one note updated (got {len(log.log.updated)})")
                notes = notes_by_key(col)
                for key, text in pairs(args.edited, "="):
                    shown = strip_html(notes[key]["Question"]) if key in notes else None
                    check(shown is not None and text in shown, f"card {key} now shows {text!r} (got {shown!r})")
        finally:
            col.close()

    if failures:
        print(f"{failures} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
