//! The parser measured against real guides, and timed on a large deck. Not part of CI.
//!
//! ```text
//! cargo bench --bench corpus                      # table for ../shared/corpus (skips if absent)
//! cargo bench --bench corpus -- table DIR         # table for another corpus directory
//! cargo bench --bench corpus -- time DECK.md [N]  # parse DECK.md N times (default 5)
//! ```
//!
//! The table prints, for each document, the topics, main questions, follow-ups and answers
//! the parser finds next to the hand counts of `SOURCES.md` (its "Expected:" lines), and
//! marks a count that differs (`~`: by 10 % or less; `✗`: by more).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use recall::{Deck, parse_deck};

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        [] => {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
            if dir.is_dir() {
                table(&dir)
            } else {
                eprintln!("corpus: {} not found, skipped", dir.display());
                Ok(())
            }
        }
        ["table", dir] => table(Path::new(dir)),
        ["time", file, rest @ ..] if rest.len() <= 1 => {
            let runs = rest.first().map_or(Ok(5), |n| n.parse()).unwrap_or(5);
            time(Path::new(file), runs)
        }
        _ => Err("usage: corpus [table DIR | time DECK.md [N]]".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("corpus: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Hand counts from one "Expected:" paragraph of SOURCES.md.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    mains: usize,
    followups: usize,
    answers: usize,
}

/// `### name.md — …` sections and the numbers before `mains`, `follow-ups`, `answers`/`backs`
/// in their "Expected:" paragraph.
fn expected(sources: &str) -> Vec<(String, Counts)> {
    let mut out = Vec::new();
    let mut name: Option<String> = None;
    let mut paragraph: Option<String> = None;
    for line in sources.lines().chain(std::iter::once("")) {
        if let Some(p) = paragraph.as_mut() {
            if line.trim().is_empty() || line.trim_start().starts_with("- ") {
                if let Some(n) = name.take() {
                    out.push((n, counts_in(p)));
                }
                paragraph = None;
            } else {
                p.push(' ');
                p.push_str(line.trim());
                continue;
            }
        }
        if let Some(rest) = line.strip_prefix("### ") {
            name = rest
                .split_whitespace()
                .next()
                .map(|s| s.trim_matches('`').to_string());
        } else if let Some(rest) = line.trim_start().strip_prefix("- Expected") {
            paragraph = Some(rest.to_string());
        }
    }
    out
}

fn counts_in(text: &str) -> Counts {
    let cleaned = text.replace(['*', ',', '(', ')', '.', '='], " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut counts = Counts::default();
    let mut seen = [false; 3];
    for pair in words.windows(2) {
        let Ok(n) = pair[0].parse::<usize>() else {
            continue;
        };
        let slot = match pair[1] {
            w if w.starts_with("main") => 0,
            w if w.starts_with("follow-up") => 1,
            w if w.starts_with("answer") || w.starts_with("back") => 2,
            _ => continue,
        };
        if !seen[slot] {
            seen[slot] = true;
            match slot {
                0 => counts.mains = n,
                1 => counts.followups = n,
                _ => counts.answers = n,
            }
        }
    }
    counts
}

fn found(deck: &Deck) -> Counts {
    let mains = deck.topics.iter().flat_map(|t| &t.questions);
    let mut counts = Counts::default();
    for q in mains {
        counts.mains += 1;
        counts.followups += q.followups.len();
        counts.answers += usize::from(q.answer.is_some());
        counts.answers += q.followups.iter().filter(|f| f.answer.is_some()).count();
    }
    counts
}

fn within(found: usize, expected: usize) -> bool {
    found.abs_diff(expected) * 10 <= expected
}

fn cell(found: usize, expected: usize) -> String {
    let mark = if found == expected {
        ""
    } else if within(found, expected) {
        " ~"
    } else {
        " ✗"
    };
    format!("{found} / {expected}{mark}")
}

fn table(dir: &Path) -> Result<(), String> {
    let sources_path = dir.join("SOURCES.md");
    let sources = std::fs::read_to_string(&sources_path)
        .map_err(|e| format!("{}: {e}", sources_path.display()))?;
    println!("| document | topics | mains | follow-ups | answers | warnings | ok |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    let mut good = 0;
    let mut exact = 0;
    let all = expected(&sources);
    for (name, want) in &all {
        let path: PathBuf = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let slug = name.trim_end_matches(".md");
        match parse_deck(name, slug, &bytes) {
            Ok((deck, warnings)) => {
                let got = found(&deck);
                let ok = within(got.mains, want.mains)
                    && within(got.followups, want.followups)
                    && within(got.answers, want.answers);
                good += usize::from(ok);
                exact += usize::from(got == *want);
                println!(
                    "| {name} | {} | {} | {} | {} | {} | {} |",
                    deck.topics.len(),
                    cell(got.mains, want.mains),
                    cell(got.followups, want.followups),
                    cell(got.answers, want.answers),
                    warnings.len(),
                    if ok { "yes" } else { "**no**" }
                );
            }
            Err(err) => {
                let first = err.to_string();
                let first = first.lines().next().unwrap_or_default().to_string();
                println!(
                    "| {name} | error: {first} | – / {} | – / {} | – / {} | | **no** |",
                    want.mains, want.followups, want.answers
                );
            }
        }
    }
    println!(
        "\n{exact} of {n} documents exact on every count, {good} of {n} within 10 %",
        n = all.len()
    );
    Ok(())
}

fn time(path: &Path, runs: usize) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut times: Vec<Duration> = Vec::new();
    let mut cards = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let (deck, _) = parse_deck("deck.md", "deck", &bytes).map_err(|e| e.to_string())?;
        cards = deck.cards().len();
        times.push(started.elapsed());
    }
    times.sort();
    println!(
        "{}: {} bytes, {cards} cards; parse + cards(): min {:.1?}, median {:.1?} over {} runs",
        path.display(),
        bytes.len(),
        times[0],
        times[times.len() / 2],
        times.len()
    );
    Ok(())
}
