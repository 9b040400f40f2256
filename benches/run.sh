#!/usr/bin/env bash
# The benchmarks of DESIGN §8: recall's release binary against the two references of
# ../shared/bench (the bare-rusqlite floor and genanki), measured in the same run, runs
# interleaved (reference, recall, reference, recall, ...), medians. Prints a Markdown table
# with the ratios and the exact commands (also left in WORKDIR/table.md). Not part of
# `cargo test` or CI.
#
#   benches/run.sh [WORKDIR]
#
# WORKDIR (default: a new /tmp/recall-bench.XXXXXX) keeps the generated deck, history and
# floor database, so a second run reuses them. Environment: QUESTIONS (20000), REVIEWS
# (1000000), NOW (2026-01-01, the day after the history), RUNS (7 per side),
# GENANKI_PY (/tmp/genanki-venv/bin/python; made with
# `python3 -m venv /tmp/genanki-venv && /tmp/genanki-venv/bin/pip install genanki`),
# CARGO_TARGET_DIR. Needs python3; wall time is taken around each process and peak memory
# from its own rusage (wait4), so no other tool is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

questions=${QUESTIONS:-20000}
reviews=${REVIEWS:-1000000}
now=${NOW:-2026-01-01}
runs=${RUNS:-7}
py=${GENANKI_PY:-/tmp/genanki-venv/bin/python}
target=${CARGO_TARGET_DIR:-target}
refs=../shared/bench
work=${1:-$(mktemp -d /tmp/recall-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

cargo build --release --bin recall
cargo build --release --manifest-path "$refs/floor/Cargo.toml" --target-dir "$target/floor"
recall=$(pwd)/$target/release/recall
floor=$(pwd)/$target/floor/release/floor
gen() { cargo bench -q --bench bench -- "$@"; }

deck="$work/deck-$questions.md"
hist="$work/history.db"
fdb="$work/floor-history.db"
[[ -f $deck ]] || gen gen-deck "$questions" "$deck"
if [[ ! -f $hist ]]; then
    gen gen-history "$hist" "$deck" "$reviews" 365 "$now"
    gen check-history "$hist"
fi
# The floor's day numbers: its seed puts about half the cards due on day 20000.
if [[ ! -f $fdb ]]; then
    "$floor" import "$deck" "$fdb" >/dev/null
    "$floor" seed "$fdb" 20000 >/dev/null
fi

python3 - "$work" "$recall" "$floor" "$deck" "$hist" "$fdb" "$now" "$runs" "$py" "$refs" <<'PY' | tee "$work/table.md"
import json, os, shlex, statistics, subprocess, sys

work, recall, floor, deck, hist, fdb, now, runs, py, refs = sys.argv[1:]
runs = int(runs)
R = [recall, "--now", now]


def run(cmd, prepare=None, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (MB) of one process; `prepare` runs first, untimed."""
    if prepare:
        prepare()
    import time
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status != 0:
        sys.exit(f"failed: {shlex.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def rm(*paths):
    def go():
        for p in paths:
            for s in ("", "-wal", "-shm"):
                if os.path.exists(p + s):
                    os.remove(p + s)
    return go


# Jobs of a few milliseconds take more runs: over seven, one stall of the machine moved their
# median by a third (`due` read 1.50× over seven runs, 1.13× over sixty minutes later).
short_runs = max(runs, 31)


def pair(ref_cmd, cmd, ref_prepare=None, prepare=None, warmup=1, n=None):
    """Interleaved runs of the reference and recall (`n`, default `runs`, of each): medians
    of wall time and peak RSS."""
    for _ in range(warmup):
        if ref_cmd:
            run(ref_cmd, ref_prepare)
        run(cmd, prepare)
    ref, ours = [], []
    for _ in range(n or runs):
        if ref_cmd:
            ref.append(run(ref_cmd, ref_prepare))
        ours.append(run(cmd, prepare))
    med = lambda xs, i: statistics.median(x[i] for x in xs) if xs else None
    return (med(ref, 0), med(ref, 1)), (med(ours, 0), med(ours, 1))


def fmt_t(s):
    return "" if s is None else (f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s")


rows = []


def row(job, ref_name, ref, ours, target, ref_cmd, cmd, ratio=None, mem_ratio=True):
    (rt, rm_), (t, m) = ref, ours
    if ratio is None and rt:
        ratio = t / rt
    mratio = f"{m / rm_:.2f}×" if (mem_ratio and rm_) else ""
    rows.append((job, f"{fmt_t(t)}, {m:.0f} MB",
                 f"{ref_name} {fmt_t(rt)}, {rm_:.0f} MB" if rt else ref_name,
                 f"{ratio:.2f}×" if ratio else "", mratio, target,
                 f"`{shlex.join(ref_cmd)}`" if ref_cmd else "", f"`{shlex.join(cmd)}`"))


# import, fresh database
imp, fimp = f"{work}/import.db", f"{work}/floor-import.db"
ref, ours = pair([floor, "import", deck, fimp], [recall, "--db", imp, "import", deck],
                 rm(fimp), rm(imp))
row("import, fresh db", "floor", ref, ours, "≤ 1.5× time and memory",
    [floor, "import", deck, fimp], [recall, "--db", imp, "import", deck])
import_s = ours[0]
# re-import of the unchanged file: no writes, ≤ 0.1× the import
_, re = pair(None, [recall, "--db", imp, "import", deck])
row("re-import, unchanged", "the import", (None, None), re, "≤ 0.1× the import", None,
    [recall, "--db", imp, "import", deck], ratio=re[0] / import_s, mem_ratio=False)

# re-import after adversarial edits: many identical texts with an insertion at the top
# (everything renumbered), and 630 long headings from a 3,000-word vocabulary, each edited
# at its end. The "before" version is imported untimed into a fresh db each run.
import random
random.seed(7)


def deck_file(path, headings):
    with open(path, "w") as f:
        f.write("# Adversarial\n\n## Topic\n\n")
        for i, h in enumerate(headings, 1):
            f.write(f"### {i}. {h}\n\n")


letters = "абвгдежзийклмнопрстуфхцчшщэюяabcdefghijklmnopqrstuvwxyz"
vocab = ["".join(random.choice(letters) for _ in range(random.randint(3, 9))) for _ in range(3000)]
long_heads = [" ".join(random.choice(vocab) for _ in range(220)) for _ in range(630)]
adversarial = {
    "identical": (["Одинаковый вопрос?"] * 20000,
                  ["Новый вопрос в начале?"] + ["Одинаковый вопрос?"] * 20000),
    "long edited": (long_heads, [h.rsplit(" ", 1)[0] + " изменено" for h in long_heads]),
}
for name, (before, after) in adversarial.items():
    d = f"{work}/adversarial-{name.replace(' ', '-')}"
    os.makedirs(d, exist_ok=True)
    target_md, adb = f"{d}/deck.md", f"{d}/recall.db"

    def fresh(before=before, target_md=target_md, adb=adb, after=after):
        rm(adb)()
        deck_file(target_md, before)
        subprocess.run([recall, "--db", adb, "import", target_md], check=True, capture_output=True)
        deck_file(target_md, after)

    cmd = [recall, "--db", adb, "import", target_md]
    _, ours = pair(None, cmd, prepare=fresh, warmup=0)
    row(f"re-import, adversarial edits ({name})", "", (None, None), ours, "≤ 1 s", None, cmd,
        mem_ratio=False)

for job, fcmd, cmd, target in [
    ("due, 1M-review history", [floor, "due", fdb, "20000"], R + ["--db", hist, "due"], "≤ 1.5×"),
    ("stats, 1M-review history", [floor, "stats", fdb, "20000"], R + ["--db", hist, "stats"], "≤ 1.5×"),
]:
    ref, ours = pair(fcmd, cmd, warmup=2, n=short_runs)
    row(job, "floor", ref, ours, target, fcmd, cmd, mem_ratio=False)

# grade: the first due review of today's queue; each run is taken back by `undo` (untimed).
# Both sync to disk: recall its commit (synchronous=FULL) and now and then its WAL's
# checkpoint on close; the floor (synchronous=NORMAL) its checkpoint on close, every time.
queue = json.loads(subprocess.run(R + ["--db", hist, "due", "--json"], check=True,
                                  capture_output=True).stdout)
key = next(c["key"] for c in queue if c["reason"] == "review")
undo = lambda: subprocess.run(R + ["--db", hist, "undo"], check=True, capture_output=True)
grade = R + ["--db", hist, "grade", key, "4"]
subprocess.run(grade, check=True, capture_output=True)
ref, ours = pair([floor, "grade", fdb, "20000"], grade, prepare=undo, warmup=0, n=short_runs)
undo()
row("grade (both fsync)", "floor", ref, ours, "≤ 1.5×",
    [floor, "grade", fdb, "20000"], grade, mem_ratio=False)

# export anki against genanki: genanki's in-process build+write against our whole process.
# Every export below writes a new file: the output of the run before is removed, untimed
# (what replacing it costs is measured once, for the JSON).
apkg = f"{work}/recall.apkg"
exp = [recall, "--db", hist, "export", "anki", "-o", apkg]
if os.path.exists(py):
    gcmd = [py, f"{refs}/genanki_deck.py", deck, f"{work}/genanki.apkg"]
    g, ours = [], []
    for _ in range(runs):
        out = subprocess.run(gcmd, check=True, capture_output=True, text=True).stdout
        g.append(json.loads(out.strip().splitlines()[-1])["build_plus_write_s"])
        ours.append(run(exp, rm(apkg)))
    t = statistics.median(x[0] for x in ours)
    m = statistics.median(x[1] for x in ours)
    gs = statistics.median(g)
    rows.append(("export anki, 120k notes", f"{fmt_t(t)}, {m:.0f} MB",
                 f"genanki build+write {fmt_t(gs)}", f"genanki {gs / t:.2f}× slower", "",
                 "genanki ≥ 4× slower", f"`{shlex.join(gcmd)}`", f"`{shlex.join(exp)}`"))
else:
    print(f"no genanki at {py}: skipped", file=sys.stderr)
json_out = f"{work}/recall.json"
json_cmd = R + ["--db", hist, "export", "json", "-o", json_out]
_, js = pair(None, json_cmd, prepare=rm(json_out), warmup=0)
row("export json, 1M history", "", (None, None), js, "≤ 150 MB, ≤ 2 s", None, json_cmd)
# The same over the file of the run before: the file system frees its 580 MB inside the
# rename (on an ext4 mounted with `discard`, 0.16-0.2 s waiting for the disk).
_, js = pair(None, json_cmd, warmup=1)
row("export json, replacing the last one", "", (None, None), js, "", None, json_cmd)
# The plain export is this one's reference: interleaved with it, as the floor with its jobs
# (measured apart, minutes later, the ratio took the machine's drift between them).
prog_out = f"{work}/progress.apkg"
prog = R + ["--db", hist, "export", "anki", "--with-progress", "-o", prog_out]
plain, pg = pair(exp, prog, rm(apkg), rm(prog_out), warmup=0)
row("export anki --with-progress, 1M history", "the plain export", (None, None), pg,
    "≤ 150 MB, ≤ 2× the plain export", None, prog, ratio=pg[0] / plain[0], mem_ratio=False)

print(f"medians of {runs} interleaved runs ({short_runs} for due, stats and grade); W = {work}\n")
print("| job | recall | reference | ratio (time) | ratio (memory) | target | reference command | recall command |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(x.replace(work, "W") for x in r) + " |")
PY
echo "inputs and raw results in $work"
