#!/usr/bin/env bash
# Export the bundled deck with the real binary and import it with Anki's own library.
#
#   tests/anki/roundtrip.sh [RECALL_BINARY] [WORK_DIR]
#
# RECALL_BINARY defaults to target/debug/recall; WORK_DIR (database and packages) to a new
# temp dir. The venv with the `anki` package lives outside the repository, in
# $RECALL_ANKI_VENV or ${TMPDIR:-/tmp}/recall-anki-venv, and is reused when present.
# Exits non-zero on any failure; skips (status 0) only when python3 is absent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
recall=${1:-$repo/target/debug/recall}
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/recall-anki.XXXXXX")}

if ! command -v python3 >/dev/null 2>&1; then
    echo "roundtrip.sh: python3 not found; skipping the Anki round trip"
    exit 0
fi
if [ ! -x "$recall" ]; then
    echo "roundtrip.sh: no recall binary at $recall (build it, or pass its path)" >&2
    exit 1
fi

venv=${RECALL_ANKI_VENV:-${TMPDIR:-/tmp}/recall-anki-venv}
if ! "$venv/bin/python" -c 'import anki' >/dev/null 2>&1; then
    echo "roundtrip.sh: installing the anki package into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet anki
fi
py=$venv/bin/python
check() { "$py" "$here/check.py" "$@"; }

mkdir -p "$work/out" "$work/edited"
db=$work/recall.db
out=$work/out
title='Собеседование Python Backend разработчика'
deck=(--notes 480 --topics 8 --title "$title")

# 1. A fresh database (the bundled deck is imported on first use), no progress.
"$recall" --db "$db" --now 2026-01-05 export anki -o "$out/plain.apkg"
check "$out/plain.apkg" "${deck[@]}" --question '7=__new__ и __init__' \
    --card 1:type=0,queue=0,due=1 --card 1.1:type=0,queue=0

# 2. Some reviews, then an export with progress the day after.
#    Card 1: 4 on the 5th (1 day), 5 on the 6th (6 days, ease 2.6) -> due the 12th.
#    Card 2: 5 on the 5th -> due the 6th, ease 2.6.
#    Card 3: 2 on the 5th (failed on first sight, drill) -> due the 6th, ease 2.18.
"$recall" --db "$db" --now 2026-01-05T10:00 grade 1 4
"$recall" --db "$db" --now 2026-01-05T10:01 grade 2 5
"$recall" --db "$db" --now 2026-01-05T10:02 grade 3 2
"$recall" --db "$db" --now 2026-01-06T10:00 grade 1 5
"$recall" --db "$db" --now 2026-01-06T11:00 export anki --with-progress -o "$out/progress.apkg"
check "$out/progress.apkg" "${deck[@]}" --with-progress --revlog 4 \
    --card 1:type=2,queue=2,ivl=6,factor=2600,due=2026-01-12,reps=2,lapses=0 \
    --card 2:type=2,queue=2,ivl=1,factor=2600,due=2026-01-06,reps=1 \
    --card 3:type=2,queue=2,ivl=1,factor=2180,due=2026-01-06,reps=1,lapses=0 \
    --card 1.1:type=0,queue=0

# 3. The deck file with one question edited (same file name, so the same deck), re-imported
#    and exported again: Anki updates the note instead of adding a second one.
sed 's/^### 7\. Объясните магические методы __new__ и __init__$/### 7. Объясните магические методы __new__ и __init__ (edited)/' \
    "$repo/decks/python-backend-interview.md" >"$work/edited/python-backend-interview.md"
grep -q '(edited)' "$work/edited/python-backend-interview.md"
"$recall" --db "$db" --now 2026-01-07T10:00 import "$work/edited/python-backend-interview.md"
"$recall" --db "$db" --now 2026-01-07T10:01 export anki -o "$out/edited.apkg"
check "$out/plain.apkg" "${deck[@]}" --reimport "$out/edited.apkg" \
    --edited '7=__new__ и __init__ (edited)'

echo "roundtrip.sh: all Anki checks passed ($work)"
