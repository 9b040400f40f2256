//! A year of reviews for the benchmarks: the synthetic deck imported through the library,
//! then day by day the cards due are reviewed (oldest due first) and new cards introduced in
//! queue order (an unlocked follow-up before the next main question), each grade turned into
//! a state by `CardState::answer`, exactly as `recall grade` does. Rows go straight into the
//! `reviews` table in large transactions, which is what makes a million of them quick to
//! write; `check` then proves the result is what the program itself would have stored.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail, ensure};
use chrono::{DateTime, Days, Local, NaiveDate, NaiveTime, SecondsFormat, TimeZone, Utc};
use recall::{
    CardState, DeckSource, Grade, MasteryRule, ReviewKind, Sm2State, Store, read_deck, review_day,
};
use rusqlite::{Connection, Row, Statement, params};

use crate::rng::Rng;

/// The default rollover hour (settings are left at their defaults).
const ROLLOVER_HOUR: u32 = 4;

/// Grade weights 0..=5 by situation: a card's first review, a card in the review cycle, a
/// card relearning after a lapse, and a same-day drill (mostly ended by a 4 or 5).
const FIRST: [u32; 6] = [5, 5, 10, 20, 35, 25];
const LEARNED: [u32; 6] = [2, 3, 5, 15, 45, 30];
const RELEARNING: [u32; 6] = [4, 4, 8, 20, 38, 26];
const DRILL: [u32; 6] = [2, 3, 10, 15, 45, 25];

/// What to generate.
pub struct Plan {
    /// Reviews to write in total.
    pub reviews: usize,
    /// Days of history; the last one is the day before `end`.
    pub days: u32,
    /// The first day after the history: the `--now` of the benchmarks.
    pub end: NaiveDate,
    pub seed: u64,
}

struct SimCard {
    id: i64,
    parent: Option<usize>,
    children: Vec<usize>,
    state: CardState,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub reviews: usize,
    pub drills: usize,
    pub introduced_main: usize,
    pub introduced_followups: usize,
    pub overdue_at_end: usize,
}

/// The local morning of `day`, as the instant reviews of that day start from.
fn morning(day: NaiveDate) -> Result<DateTime<Utc>> {
    let time = NaiveTime::from_hms_opt(8, 0, 0).context("08:00")?;
    let local = Local
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .context("no 08:00 on that day in the local zone")?;
    Ok(local.with_timezone(&Utc))
}

fn day_text(day: Option<NaiveDate>) -> Option<String> {
    day.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Imports `deck` into a new database at `db` and writes `plan.reviews` reviews.
pub fn generate(db: &Path, deck: &Path, plan: &Plan) -> Result<Summary> {
    ensure!(
        !db.exists(),
        "{}: exists; the history goes into a new database",
        db.display()
    );
    ensure!(plan.days > 0, "no days");
    let start = plan
        .end
        .checked_sub_days(Days::new(u64::from(plan.days)))
        .context("start day")?;

    // Through the library, as `recall import` does it.
    let (parsed, _warnings) = read_deck(deck)?;
    let source = std::fs::canonicalize(deck)?.display().to_string();
    let mut store = Store::open(db)?;
    let import_at = morning(start)? - chrono::Duration::hours(1);
    store.import(
        &[DeckSource {
            deck: parsed,
            source,
            fingerprint: None,
            answer_file: false,
        }],
        import_at,
        false,
    )?;
    drop(store);

    let mut conn = Connection::open(db)?;
    // Only this connection: a crash while generating just means generating again.
    conn.pragma_update(None, "synchronous", "OFF")?;
    let mut cards = load_cards(&conn)?;

    let rule = MasteryRule::default();
    let mut rng = Rng::new(plan.seed);
    let mut summary = Summary::default();
    let days = plan.days as usize;
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); days];
    let mut backlog: Vec<usize> = Vec::new();
    let mut unlocked: BTreeSet<usize> = BTreeSet::new();
    let mut next_main = 0;

    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(INSERT_REVIEW)?;
        for d in 0..days {
            let today = start + Days::new(d as u64);
            let target = plan.reviews * (d + 1) / days;
            let mut at = morning(today)?;
            let mut writer = DayWriter {
                insert: &mut insert,
                rng: &mut rng,
                at: &mut at,
                today,
                summary: &mut summary,
                target,
            };

            let mut todays: Vec<usize> = std::mem::take(&mut backlog);
            todays.append(&mut buckets[d]);
            todays.sort_by_key(|&i| (cards[i].state.due, i));
            for i in todays {
                if writer.summary.reviews >= target {
                    backlog.push(i);
                    continue;
                }
                if writer.review(&mut cards[i], &rule)? {
                    unlock(&mut unlocked, &cards, i);
                }
                schedule(&mut buckets, start, &cards[i], i);
            }

            while writer.summary.reviews < target {
                let i = if let Some(f) = unlocked.pop_first() {
                    writer.summary.introduced_followups += 1;
                    f
                } else {
                    while next_main < cards.len() && cards[next_main].parent.is_some() {
                        next_main += 1;
                    }
                    if next_main == cards.len() {
                        break;
                    }
                    writer.summary.introduced_main += 1;
                    next_main += 1;
                    next_main - 1
                };
                if writer.review(&mut cards[i], &rule)? {
                    unlock(&mut unlocked, &cards, i);
                }
                schedule(&mut buckets, start, &cards[i], i);
            }
        }
        summary.overdue_at_end = backlog.len();

        let mut put = tx.prepare(
            "UPDATE cards SET repetitions = ?2, interval_days = ?3, ease_hundredths = ?4,
                 due = ?5, lapses = ?6, last_grade = ?7, drill_day = ?8, introduced_on = ?9
             WHERE id = ?1",
        )?;
        for card in cards.iter().filter(|c| !c.state.is_new()) {
            let s = &card.state;
            put.execute(params![
                card.id,
                s.sm2.repetitions,
                s.sm2.interval_days,
                s.sm2.ease_hundredths,
                day_text(s.due),
                s.lapses,
                s.last_grade.map(Grade::value),
                day_text(s.drill_day),
                day_text(s.introduced_on),
            ])?;
        }
    }
    tx.commit()?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(summary)
}

/// Puts a card in the bucket of its due day, if that is inside the history.
fn schedule(buckets: &mut [Vec<usize>], start: NaiveDate, card: &SimCard, index: usize) {
    if let Some(due) = card.state.due {
        let offset = (due - start).num_days();
        if let Some(bucket) = usize::try_from(offset)
            .ok()
            .and_then(|o| buckets.get_mut(o))
        {
            bucket.push(index);
        }
    }
}

/// Follow-ups of `card` that a newly mastered parent lets into the new-card queue.
fn unlock(unlocked: &mut BTreeSet<usize>, cards: &[SimCard], card: usize) {
    for &c in &cards[card].children {
        if cards[c].state.is_new() {
            unlocked.insert(c);
        }
    }
}

fn load_cards(conn: &Connection) -> Result<Vec<SimCard>> {
    let mut stmt = conn.prepare("SELECT id, parent_id FROM cards ORDER BY position")?;
    let rows: Vec<(i64, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<i64, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, &(id, _))| (id, i))
        .collect();
    let mut cards: Vec<SimCard> = rows
        .iter()
        .map(|&(id, parent)| SimCard {
            id,
            parent: parent.and_then(|p| index.get(&p).copied()),
            children: Vec::new(),
            state: CardState::default(),
        })
        .collect();
    for i in 0..cards.len() {
        if let Some(p) = cards[i].parent {
            cards[p].children.push(i);
        }
    }
    Ok(cards)
}

const INSERT_REVIEW: &str = "INSERT INTO reviews (card_id, answered_at, day, grade, kind, taken_ms,
    before_repetitions, before_interval_days, before_ease_hundredths, before_due,
    before_lapses, before_last_grade, before_drill_day, before_introduced_on,
    after_repetitions, after_interval_days, after_ease_hundredths, after_due,
    after_lapses, after_last_grade, after_drill_day, after_introduced_on)
 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
         ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)";

/// Writes one day's reviews.
struct DayWriter<'a, 'conn> {
    insert: &'a mut Statement<'conn>,
    rng: &'a mut Rng,
    at: &'a mut DateTime<Utc>,
    today: NaiveDate,
    summary: &'a mut Summary,
    /// Reviews in total by the end of today.
    target: usize,
}

impl DayWriter<'_, '_> {
    /// One scheduling review of `card`, and the drill after it while the day's budget lasts.
    /// Returns whether the card became mastered.
    fn review(&mut self, card: &mut SimCard, rule: &MasteryRule) -> Result<bool> {
        let weights = if card.state.is_new() {
            &FIRST
        } else if card.state.sm2.repetitions == 0 {
            &RELEARNING
        } else {
            &LEARNED
        };
        let was_mastered = rule.is_mastered(card.state.progress());
        self.grade(card, weights)?;
        while card.state.drill_day == Some(self.today) && self.summary.reviews < self.target {
            self.grade(card, &DRILL)?;
        }
        Ok(card.parent.is_none() && !was_mastered && rule.is_mastered(card.state.progress()))
    }

    fn grade(&mut self, card: &mut SimCard, weights: &[u32; 6]) -> Result<()> {
        let grade = Grade::ALL[self.rng.weighted(weights)];
        let before = card.state;
        let outcome = before.outcome(grade, self.today);
        let (kind, after) = (outcome.kind, outcome.after);
        *self.at += chrono::Duration::milliseconds(4000 + self.rng.below(5000) as i64);
        let taken_ms = 2000 + self.rng.below(28_000) as i64;
        self.insert.execute(params![
            card.id,
            self.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            day_text(Some(self.today)),
            grade.value(),
            kind.as_str(),
            taken_ms,
            before.sm2.repetitions,
            before.sm2.interval_days,
            before.sm2.ease_hundredths,
            day_text(before.due),
            before.lapses,
            before.last_grade.map(Grade::value),
            day_text(before.drill_day),
            day_text(before.introduced_on),
            after.sm2.repetitions,
            after.sm2.interval_days,
            after.sm2.ease_hundredths,
            day_text(after.due),
            after.lapses,
            after.last_grade.map(Grade::value),
            day_text(after.drill_day),
            day_text(after.introduced_on),
        ])?;
        card.state = after;
        self.summary.reviews += 1;
        if kind == ReviewKind::Drill {
            self.summary.drills += 1;
        }
        Ok(())
    }
}

/// Reads a state written as eight columns from `first` (the order of `schema.sql`).
fn state_at(row: &Row<'_>, first: usize) -> rusqlite::Result<CardState> {
    let day = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(row
            .get::<_, Option<String>>(first + i)?
            .and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()))
    };
    Ok(CardState {
        sm2: Sm2State {
            repetitions: row.get(first)?,
            interval_days: row.get(first + 1)?,
            ease_hundredths: row.get(first + 2)?,
        },
        due: day(3)?,
        lapses: row.get(first + 4)?,
        last_grade: row
            .get::<_, Option<u8>>(first + 5)?
            .and_then(|g| Grade::new(g).ok()),
        drill_day: day(6)?,
        introduced_on: day(7)?,
    })
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct Checked {
    pub reviews: usize,
    pub cards: usize,
    pub reviewed_cards: usize,
}

/// Replays every card's log with `CardState::answer` and fails on the first row that is not
/// what the program would have written: a `before` that is not the previous `after`, an
/// `after` or kind that the grade does not give, a day that is not the scheduling day of
/// `answered_at`, or a card state that is not the last `after` (the initial state when the
/// card has no review).
pub fn check(db: &Path) -> Result<Checked> {
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut stmt = conn.prepare(
        "SELECT s.id, s.repetitions, s.interval_days, s.ease_hundredths, s.due, s.lapses,
                s.last_grade, s.drill_day, s.introduced_on
         FROM cards s ORDER BY s.id",
    )?;
    let states: Vec<(i64, CardState)> = stmt
        .query_map([], |r| Ok((r.get(0)?, state_at(r, 1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut checked = Checked {
        cards: states.len(),
        ..Checked::default()
    };
    let mut last: std::collections::HashMap<i64, CardState> =
        std::collections::HashMap::with_capacity(states.len());

    let mut stmt = conn.prepare(
        "SELECT id, card_id, answered_at, day, grade, kind,
                before_repetitions, before_interval_days, before_ease_hundredths, before_due,
                before_lapses, before_last_grade, before_drill_day, before_introduced_on,
                after_repetitions, after_interval_days, after_ease_hundredths, after_due,
                after_lapses, after_last_grade, after_drill_day, after_introduced_on
         FROM reviews ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let card: i64 = r.get(1)?;
        let at: String = r.get(2)?;
        let day = NaiveDate::parse_from_str(&r.get::<_, String>(3)?, "%Y-%m-%d")?;
        let grade = Grade::new(r.get(4)?)?;
        let kind: String = r.get(5)?;
        let (before, after) = (state_at(r, 6)?, state_at(r, 14)?);

        let local = DateTime::parse_from_rfc3339(&at)?.with_timezone(&Local);
        if review_day(local.naive_local(), ROLLOVER_HOUR) != day {
            bail!("review {id}: day {day} is not the scheduling day of {at}");
        }
        let previous = last.get(&card).copied().unwrap_or_default();
        if before != previous {
            bail!("review {id}: before-state {before:?} is not the previous {previous:?}");
        }
        let want = before.outcome(grade, day);
        let (want_kind, want_after) = (want.kind, want.after);
        if want_kind.as_str() != kind || want_after != after {
            bail!("review {id}: {kind} {after:?}, but grade {grade} gives {want_after:?}");
        }
        last.insert(card, after);
        checked.reviews += 1;
    }
    for (card, state) in &states {
        let want = last.get(card).copied().unwrap_or_default();
        if *state != want {
            bail!("card {card}: state {state:?} is not its last review's {want:?}");
        }
    }
    checked.reviewed_cards = last.len();
    Ok(checked)
}
