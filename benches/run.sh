#!/usr/bin/env bash
# The benchmarks of DESIGN §8 on the release binary, run as whole processes with hyperfine;
# prints a Markdown table (also left in WORKDIR/table.md). Not part of `cargo test` or CI.
#
#   benches/run.sh [WORKDIR]
#
# WORKDIR (default: a new /tmp/recall-bench.XXXXXX) keeps the generated deck and history, so
# a second run reuses them. Environment: QUESTIONS (20000), REVIEWS (1000000), NOW (2026-01-01,
# the day after the history), GENANKI_PY (/tmp/genanki-venv/bin/python; made with
# `python3 -m venv /tmp/genanki-venv && /tmp/genanki-venv/bin/pip install genanki`),
# CARGO_TARGET_DIR. Needs hyperfine, GNU time (/usr/bin/time) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

questions=${QUESTIONS:-20000}
reviews=${REVIEWS:-1000000}
now=${NOW:-2026-01-01}
py=${GENANKI_PY:-/tmp/genanki-venv/bin/python}
target=${CARGO_TARGET_DIR:-target}
work=${1:-$(mktemp -d /tmp/recall-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

cargo build --release --bin recall
recall="$target/release/recall"
gen() { cargo bench -q --bench bench -- "$@"; }

deck="$work/deck-$questions.md"
hist="$work/history.db"
[[ -f $deck ]] || gen gen-deck "$questions" "$deck"
if [[ ! -f $hist ]]; then
    gen gen-history "$hist" "$deck" "$reviews" 365 "$now"
    gen check-history "$hist"
fi

results="$work/results.tsv"
: >"$results"

# peak_rss CMD...: the largest maximum resident set size (KiB) over three runs.
peak_rss() {
    local max=0 kb
    for _ in 1 2 3; do
        [[ -n ${PREPARE:-} ]] && bash -c "$PREPARE"
        kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n1)
        ((kb > max)) && max=$kb
    done
    echo "$max"
}

# row NAME TARGET_MS TARGET_MB JSON RSS_KB NOTE: one line of the table.
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }

echo "== import of a fresh database"
imp="$work/import.db"
clean_imp="rm -f $imp $imp-wal $imp-shm"
hyperfine --runs 5 --prepare "$clean_imp" --export-json "$work/import.json" \
    "$recall --db $imp import $deck"
rss=$(PREPARE=$clean_imp peak_rss "$recall" --db "$imp" import "$deck")
row "import (fresh db)" 1500 150 "$work/import.json" "$rss" ""

echo "== re-import of the unchanged file"
sums() { sha256sum "$imp" "$imp-wal" 2>/dev/null || true; }
before=$(sums)
hyperfine --warmup 1 --runs 10 --export-json "$work/reimport.json" \
    "$recall --db $imp import $deck"
rss=$(peak_rss "$recall" --db "$imp" import "$deck")
after=$(sums)
if [[ $before == "$after" ]]; then same="db+wal bytes identical (sha256)"; else same="FILES CHANGED"; fi
echo "$before"
echo "$after"
row "re-import (unchanged)" 1000 "" "$work/reimport.json" "$rss" "$same"

echo "== due"
hyperfine --warmup 3 --runs 30 --export-json "$work/due.json" \
    "$recall --db $hist --now $now due"
rss=$(peak_rss "$recall" --db "$hist" --now "$now" due)
row "due" 50 "" "$work/due.json" "$rss" "$("$recall" --db "$hist" --now "$now" due --json |
    python3 -c 'import json,sys; q=json.load(sys.stdin); print(len(q), "cards in the queue")')"

echo "== grade"
# Two cards from today's queue: the first due review and the first new card. Each timed
# grade is taken back by `undo` before the next one (hyperfine's --prepare); the first undo
# takes back a grade given here, and the last grade is undone at the end, so the history is
# as it was. No warm-up runs, so that every run has exactly one undo before it.
keys=$("$recall" --db "$hist" --now "$now" due --json | python3 -c '
import json, sys
q = json.load(sys.stdin)
picks = [next(c["key"] for c in q if c["reason"] == r) for r in ("review", "new")]
print(",".join(picks))')
first=${keys%%,*}
"$recall" --db "$hist" --now "$now" grade "$first" 4 >/dev/null
hyperfine --warmup 0 --runs 20 --export-json "$work/grade.json" \
    --prepare "$recall --db $hist --now $now undo" \
    -L key "$keys" "$recall --db $hist --now $now grade {key} 4"
"$recall" --db "$hist" --now "$now" undo >/dev/null
rss=$(PREPARE="$recall --db $hist --now $now grade $first 4 >/dev/null" \
    peak_rss "$recall" --db "$hist" --now "$now" undo)
left=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from reviews").fetchone()[0])' "$hist")
row "grade (per process)" 15 "" "$work/grade.json" "" "keys $keys; reviews after: $left"

echo "== stats"
hyperfine --warmup 2 --runs 10 --export-json "$work/stats.json" \
    "$recall --db $hist --now $now stats"
rss=$(peak_rss "$recall" --db "$hist" --now "$now" stats)
row "stats" 300 "" "$work/stats.json" "$rss" ""

echo "== export anki: recall vs genanki"
"$recall" --db "$hist" export csv -o "$work/cards.csv" >/dev/null
hyperfine --warmup 1 --runs 5 --export-json "$work/export.json" \
    "$recall --db $hist export anki -o $work/recall.apkg"
rss=$(peak_rss "$recall" --db "$hist" export anki -o "$work/recall.apkg")
row "export anki (recall)" "" "" "$work/export.json" "$rss" ""
if [[ -x $py ]]; then
    hyperfine --runs 3 --export-json "$work/genanki.json" \
        "$py benches/genanki_export.py $work/cards.csv $work/genanki.apkg"
    rss=$(peak_rss "$py" benches/genanki_export.py "$work/cards.csv" "$work/genanki.apkg")
    row "export (genanki)" "" "" "$work/genanki.json" "$rss" ""
else
    echo "no genanki at $py: skipped" >&2
fi

python3 - "$results" "$work/export.json" "$work/genanki.json" <<'PY' | tee "$work/table.md"
import json, os, sys

def stats(path):
    r = json.load(open(path))["results"]
    return [(x["mean"], x["stddev"] or 0.0, x["min"], x["max"], x.get("parameters", {})) for x in r]

def ms(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"

print("| measurement | mean ± σ | min … max | peak RSS | target | met | note |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for line in open(sys.argv[1]):
    name, t_ms, t_mb, path, rss, note = line.rstrip("\n").split("\t")
    for mean, sd, lo, hi, params in stats(path):
        label = name + (f" `{params['key']}`" if params else "")
        mem = f"{int(rss) / 1024:.0f} MB" if rss else ""
        target, ok = [], True
        if t_ms:
            target.append(f"≤ {int(t_ms)} ms" if int(t_ms) < 1000 else f"≤ {int(t_ms) / 1000:g} s")
            ok &= mean * 1000 <= float(t_ms)
        if t_mb:
            target.append(f"≤ {t_mb} MB")
            ok &= bool(rss) and int(rss) / 1024 <= float(t_mb)
        if "CHANGED" in note:
            ok = False
        met = ("yes" if ok else "**no**") if target else ""
        print(f"| {label} | {ms(mean)} ± {ms(sd)} | {ms(lo)} … {ms(hi)} | {mem} | {', '.join(target)} | {met} | {note} |")
if os.path.exists(sys.argv[3]):
    r, g = stats(sys.argv[2])[0][0], stats(sys.argv[3])[0][0]
    print(f"| export speed-up (genanki / recall) | {g / r:.1f}× | | | ≥ 4× | {'yes' if g / r >= 4 else '**no**'} | |")
PY
echo "inputs and raw results in $work"
