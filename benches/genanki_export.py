"""The genanki side of the export benchmark (DESIGN §8): build an .apkg with the same notes
as `recall export anki` — one note type with the fields Question, Context, Answer, Topic,
Key, one deck per `Deck title::Topic`, the same guids and tags — from the Anki-shaped CSV
that `recall export csv` writes (its fields are already HTML, so both sides put the same
text in the package).

usage: python genanki_export.py IN.csv OUT.apkg
"""

import sys
import time
import zlib

import genanki

FIELDS = ["Question", "Context", "Answer", "Topic", "Key"]


def main(src: str, out: str) -> None:
    started = time.perf_counter()
    model = genanki.Model(
        1_700_000_000_001,
        "recall",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Question}}<br>{{Context}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}",
            }
        ],
    )
    decks: dict[str, genanki.Deck] = {}
    notes = 0
    with open(src, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            guid, _notetype, deck_name = cells[0], cells[1], cells[2]
            fields, tags = cells[3:8], cells[8]
            deck = decks.get(deck_name)
            if deck is None:
                deck = genanki.Deck(zlib.crc32(deck_name.encode()) + 1, deck_name)
                decks[deck_name] = deck
            deck.add_note(
                genanki.Note(model=model, fields=fields, guid=guid, tags=tags.split())
            )
            notes += 1
    loaded = time.perf_counter()
    genanki.Package(list(decks.values())).write_to_file(out)
    done = time.perf_counter()
    print(
        f"genanki: {notes} notes in {len(decks)} decks; read {loaded - started:.2f} s, "
        f"package {done - loaded:.2f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
