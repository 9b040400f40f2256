#!/usr/bin/env bash
# Export the bundled deck with the real binary and import it with Anki's own library.
#
#   tests/anki/roundtrip.sh [RECALL_BINARY] [WORK_DIR]
#
# RECALL_BINARY defaults to target/debug/recall; WORK_DIR (database and packages) to a new
# temp dir. The venv with the `anki` package (Anki's own library, Rust backend included)
# lives outside the repository, in $RECALL_ANKI_VENV or ${TMPDIR:-/tmp}/recall-anki-venv,
# and is reused when it already has the wanted version ($RECALL_ANKI_VERSION, default
# below). Creating it needs PyPI and takes about half a minute.
#
# Steps:
#   1. fresh database (bundled deck auto-imported), export without progress;
#   2. a few grades, export with progress: intervals, ease, due dates, review log;
#   3. question 7 edited in a copy of the deck (with code, `<`, `&`, an answer and a
#      follow-up answer), re-imported into recall, re-exported: Anki updates the notes,
#      the unedited follow-ups 7.2-7.5 included (their Context shows the parent question);
#   4. the CSV export of the edited deck through Anki's text importer. A fresh collection
#      cannot take it alone: the CSV names the note type "recall question" and Anki's text
#      importer does not create note types (every row is skipped as "missing note type";
#      check.py prints that as info). So the check imports the .apkg first, as a user would
#      once, and then the CSV, whose rows must all match their notes by guid and update
#      question 7. (A Basic-shaped CSV would import alone but lose the guids that tie it to
#      the .apkg's notes and the five fields; we keep the one note type.)
#
# Every step runs even if an earlier check failed; the last line is a summary, and the exit
# status is non-zero if any check or command failed. Skips (status 0) only when python3 is
# absent.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
recall=${1:-$repo/target/debug/recall}
work=${2:-$(mktemp -d "${TMPDIR:-/tmp}/recall-anki.XXXXXX")}
anki_version=${RECALL_ANKI_VERSION:-26.9.3}

finished=0
passed=0
failed=()
summary() {
    status=$?
    trap - EXIT
    if [ "$finished" = 1 ] && [ ${#failed[@]} -eq 0 ]; then
        echo "roundtrip.sh: PASS: all Anki round-trip checks passed ($work)"
        echo "anki-roundtrip: $passed passed, 0 failed"
    elif [ "$finished" = 1 ]; then
        echo "roundtrip.sh: FAIL: checks failed in: ${failed[*]} ($work)"
        echo "anki-roundtrip: $passed passed, ${#failed[@]} failed"
        exit 1
    else
        echo "roundtrip.sh: FAIL: stopped by an error (status $status) before the checks finished ($work)"
        [ "$status" -ne 0 ] || exit 1
    fi
}
trap summary EXIT

if ! command -v python3 >/dev/null 2>&1; then
    echo "roundtrip.sh: python3 not found; skipping the Anki round trip"
    finished=1
    trap - EXIT
    exit 0
fi
if [ ! -x "$recall" ]; then
    echo "roundtrip.sh: no recall binary at $recall (build it, or pass its path)" >&2
    exit 1
fi

venv=${RECALL_ANKI_VENV:-${TMPDIR:-/tmp}/recall-anki-venv}
have=$("$venv/bin/python" -c 'import anki.buildinfo as b; print(b.version)' 2>/dev/null || true)
# buildinfo spells the month with two digits (26.09.3); compare numerically.
norm() { echo "$1" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 }'; }
if [ -z "$have" ] || [ "$(norm "$have")" != "$(norm "$anki_version")" ]; then
    echo "roundtrip.sh: installing anki==$anki_version into $venv"
    started=$(date +%s)
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "anki==$anki_version"
    echo "roundtrip.sh: venv ready in $(($(date +%s) - started)) s"
fi
py=$venv/bin/python
check() {
    local step=$1
    shift
    if "$py" "$here/check.py" "$@"; then
        passed=$((passed + 1))
    else
        failed+=("$step")
    fi
}

mkdir -p "$work/out" "$work/edited"
db=$work/recall.db
out=$work/out
title='Собеседование Python Backend разработчика'
deck=(--notes 480 --topics 8 --title "$title" --slug python-backend-interview)

# 1. A fresh database (the bundled deck is imported on first use), no progress.
"$recall" --db "$db" --now 2026-01-05 export anki -o "$out/plain.apkg"
check "1-plain" "$out/plain.apkg" "${deck[@]}" --question '7=__new__ и __init__' \
    --card 1:type=0,queue=0,due=1 --card 1.1:type=0,queue=0 --revlog 0 \
    --front '7=Объясните магические методы __new__ и __init__' \
    --front '7.1=В каких случаях нужно переопределять __new__?' \
    --front '7.1=Объясните магические методы __new__ и __init__' \
    --back '7=__new__(cls, ...) создаёт и возвращает новый объект' --render 7 --render 7.1

# 2. Some reviews, then an export with progress the day after.
#    Card 1: 4 on the 5th (1 day), 5 on the 6th (6 days, ease 2.6) -> due the 12th.
#    Card 2: 5 on the 5th -> due the 6th, ease 2.6.
#    Card 3: 2 on the 5th (failed on first sight, drill) -> due the 6th, ease 2.18.
#    Anki's buttons: SM-2 0-2 Again (1), 3 Hard (2), 4 Good (3), 5 Easy (4); revlog type 0
#    learn (first grade), 1 review.
"$recall" --db "$db" --now 2026-01-05T10:00 grade 1 4
"$recall" --db "$db" --now 2026-01-05T10:01 grade 2 5
"$recall" --db "$db" --now 2026-01-05T10:02 grade 3 2
"$recall" --db "$db" --now 2026-01-06T10:00 grade 1 5
"$recall" --db "$db" --now 2026-01-06T11:00 export anki --with-progress -o "$out/progress.apkg"
check "2-progress" "$out/progress.apkg" "${deck[@]}" --with-progress --revlog 4 \
    --card 1:type=2,queue=2,ivl=6,factor=2600,due=2026-01-12,reps=2,lapses=0 \
    --card 2:type=2,queue=2,ivl=1,factor=2600,due=2026-01-06,reps=1 \
    --card 3:type=2,queue=2,ivl=1,factor=2180,due=2026-01-06,reps=1,lapses=0 \
    --card 1.1:type=0,queue=0 \
    --review 1:ease=3,ivl=1,lastIvl=0,factor=2500,type=0,day=2026-01-05 \
    --review 1:ease=4,ivl=6,lastIvl=1,factor=2600,type=1,day=2026-01-06 \
    --review 2:ease=4,ivl=1,lastIvl=0,factor=2600,type=0,day=2026-01-05 \
    --review 3:ease=1,ivl=1,lastIvl=0,factor=2180,type=0,day=2026-01-05

# 3. The deck file with question 7 rewritten (same file name, so the same deck): a body with
#    code, `<` and `&`, an answer, and an answer to follow-up 7.1. Re-imported and exported
#    again: Anki updates the notes instead of adding new ones.
python3 - "$repo/decks/python-backend-interview.md" "$work/edited/python-backend-interview.md" <<'EOF'
import sys

text = open(sys.argv[1], encoding="utf-8").read()
old_heading = "### 7. Объясните магические методы __new__ и __init__\n"
old_item = "1. В каких случаях нужно переопределять __new__?\n"
assert text.count(old_heading) == 1 and text.count(old_item) == 1, "question 7 not found"
new_heading = old_heading.replace("__init__", "__init__ (edited)") + """\
Сравните `a < b` и `a & b` в **этом** коде:
```python
class Point:
    def __new__(cls, *args):
        return super().__new__(cls)

    def __init__(self, x):
        self.ok = x < 1 and x & 2
```

**Ответ:** __new__ создаёт объект, __init__ его настраивает; `<` и `&` видны как есть.

"""
new_item = old_item + "   **Ответ:** Для immutable-типов: int, str & tuple (x < y).\n"
text = text.replace(old_heading, new_heading).replace(old_item, new_item)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
# The reference answers go along, as a learner keeps them beside the deck; the deck's own
# answers to 7 and 7.1 win over theirs.
cp "$repo/decks/python-backend-interview.answers.md" "$work/edited/"
"$recall" --db "$db" --now 2026-01-07T10:00 import "$work/edited/python-backend-interview.md"
"$recall" --db "$db" --now 2026-01-07T10:01 export anki -o "$out/edited.apkg"
edited=(
    --edited '7=__new__ и __init__ (edited)'
    --field '7:Question=<pre><code class="language-python">class Point:<br>    def __new__(cls, *args):'
    --field '7:Question=self.ok = x &lt; 1 and x &amp; 2</code></pre>'
    --field '7:Question=<code>a &lt; b</code> и <code>a &amp; b</code> в <b>этом</b> коде'
    --front '7=Сравните a < b и a & b в этом коде'
    --front '7=self.ok = x < 1 and x & 2'
    --back '7=__new__ создаёт объект, __init__ его настраивает; < и & видны как есть.'
    --front '7.1=Объясните магические методы __new__ и __init__ (edited)'
    --front '7.5=Объясните магические методы __new__ и __init__ (edited)'
    --back '7.1=Для immutable-типов: int, str & tuple (x < y).'
    --render 7 --render 7.1
)
check "3-edited-apkg" "$out/plain.apkg" "${deck[@]}" --reimport "$out/edited.apkg" "${edited[@]}"

# 4. The same edit through the CSV export and Anki's text importer (see the header).
"$recall" --db "$db" --now 2026-01-07T10:02 export csv -o "$out/edited.csv"
check "4-edited-csv" "$out/plain.apkg" "${deck[@]}" --reimport "$out/edited.csv" "${edited[@]}"

# 5. A title, a topic, a question and a file name that start with a double quote: the CSV
#    quotes its fields (RFC 4180), so Anki's text importer reads every row whole and updates
#    the edited note instead of merging rows or making junk decks.
mkdir -p "$work/quoted"
quoted_db=$work/quoted.db
write_quoted() {
    printf '# "Quoted deck\n\n## "Topic one\n\n### 1. %s\n\n### 2. Plain question?\n\n### 3. "Third\n' "$1" \
        > "$work/quoted/\"quoted.md"
}
write_quoted '"Quoted question?'
"$recall" --db "$quoted_db" --now 2026-01-05 import "$work/quoted/\"quoted.md"
"$recall" --db "$quoted_db" --now 2026-01-05 export anki -o "$out/quoted.apkg"
write_quoted '"Quoted question, edited?'
"$recall" --db "$quoted_db" --now 2026-01-06 import "$work/quoted/\"quoted.md"
"$recall" --db "$quoted_db" --now 2026-01-06 export csv -o "$out/\"quoted.csv"
check "5-quoted-csv" "$out/quoted.apkg" --notes 3 --topics 1 --title '"Quoted deck' --slug quoted \
    --reimport "$out/\"quoted.csv" --edited '1="Quoted question, edited?' \
    --front '2=Plain question?' --front '3="Third'

finished=1
