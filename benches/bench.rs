//! Inputs for the benchmarks of DESIGN §8: synthetic decks and a year of review history.
//! The timings themselves are taken by `benches/run.sh` on the release binary, as whole
//! processes; this target only makes (and checks) what they run on. See BENCHMARKS.md.
//!
//! ```text
//! cargo bench --bench bench -- gen-deck N OUT.md [SEED]
//! cargo bench --bench bench -- gen-history DB DECK.md N_REVIEWS [DAYS [END_DAY [SEED]]]
//! cargo bench --bench bench -- check-history DB
//! ```

mod deckgen;
mod history;
mod rng;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

const USAGE: &str = "usage:
  bench gen-deck N OUT.md [SEED]
      a deck of N main questions x 5 follow-ups in 20 topics
  bench gen-history DB DECK.md N_REVIEWS [DAYS [END_DAY [SEED]]]
      import DECK.md into the new database DB and write N_REVIEWS reviews over DAYS
      (default 365) days ending the day before END_DAY (default 2026-01-01)
  bench check-history DB
      replay every review with CardState::answer and compare with what is stored
(run through cargo: cargo bench --bench bench -- gen-deck 20000 deck-20000.md)";

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; with nothing else there is nothing to do.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bench: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn number(text: &str, what: &str) -> Result<usize> {
    text.replace('_', "")
        .parse()
        .with_context(|| format!("{what}: '{text}' is not a number"))
}

fn run(args: &[&str]) -> Result<()> {
    let started = Instant::now();
    match args {
        [] => {
            println!("{USAGE}\n(timings: benches/run.sh)");
        }
        ["gen-deck", n, out, rest @ ..] if rest.len() <= 1 => {
            let questions = number(n, "N")?;
            let seed = rest.first().map_or(Ok(1), |s| number(s, "SEED"))? as u64;
            let file = std::fs::File::create(out).with_context(|| out.to_string())?;
            let mut w = std::io::BufWriter::new(file);
            deckgen::write_deck(&mut w, questions, seed)?;
            w.flush()?;
            let bytes = std::fs::metadata(out)?.len();
            eprintln!(
                "{out}: {questions} questions, {} cards, {bytes} bytes in {:.2?}",
                questions * 6,
                started.elapsed()
            );
        }
        ["gen-history", db, deck, n, rest @ ..] if rest.len() <= 3 => {
            let plan = history::Plan {
                reviews: number(n, "N_REVIEWS")?,
                days: rest.first().map_or(Ok(365), |s| number(s, "DAYS"))? as u32,
                end: match rest.get(1) {
                    Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .with_context(|| format!("END_DAY '{s}'"))?,
                    None => NaiveDate::from_ymd_opt(2026, 1, 1).context("date")?,
                },
                seed: rest.get(2).map_or(Ok(7), |s| number(s, "SEED"))? as u64,
            };
            let s = history::generate(Path::new(db), Path::new(deck), &plan)?;
            eprintln!(
                "{db}: {} reviews ({} drills) over {} days up to {}; introduced {} main questions \
                 and {} follow-ups; {} cards overdue at the end; {:.2?}",
                s.reviews,
                s.drills,
                plan.days,
                plan.end,
                s.introduced_main,
                s.introduced_followups,
                s.overdue_at_end,
                started.elapsed()
            );
        }
        ["check-history", db] => {
            let c = history::check(Path::new(db))?;
            eprintln!(
                "{db}: ok: {} reviews replayed over {} of {} cards; every card state is its \
                 last review's after-state ({:.2?})",
                c.reviews,
                c.reviewed_cards,
                c.cards,
                started.elapsed()
            );
        }
        _ => bail!("{USAGE}"),
    }
    Ok(())
}
