//! `stats`, `forecast`, `history`: figures from the store, computed and drawn by `stats`.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::{Ctx, print_json, resolve_deck};
use crate::card::{Status, is_locked, status_of};
use crate::cli;
use crate::deck::CardKind;
use crate::interview::pacing;
use crate::stats::{self, CardFacts, TopicReviews};
use crate::store::{CardFilter, Store, TopicRow, find_card};
use crate::text::Style;

/// Cards as the figures need them, with the topic names they index.
struct Facts {
    cards: Vec<CardFacts>,
    names: Vec<String>,
    /// Card id and index into `names` of the card's topic, in id order.
    topic_of: Vec<(i64, usize)>,
}

fn facts(ctx: &Ctx, filter: CardFilter) -> Result<Facts> {
    let today = ctx.clock.today;
    let rows = ctx.store.card_facts(filter, today)?;
    // Topics are few and looked up once for each card: sorted lists searched, not hashed.
    let mut live: Vec<i64> = rows
        .iter()
        .filter(|r| !r.retired)
        .map(|r| r.topic_id)
        .collect();
    live.sort_unstable();
    live.dedup();
    let topics: Vec<TopicRow> = ctx
        .store
        .all_topics(filter.deck_id)?
        .into_iter()
        .filter(|t| live.binary_search(&t.id).is_ok())
        .collect();
    let several_decks = topics.iter().any(|t| t.deck_id != topics[0].deck_id);
    let decks: HashMap<i64, String> = match several_decks {
        true => ctx
            .store
            .deck_names()?
            .into_iter()
            .map(|(id, slug, _)| (id, slug))
            .collect(),
        false => HashMap::new(),
    };
    let mut names = Vec::new();
    let mut index: Vec<(i64, usize)> = Vec::with_capacity(topics.len());
    for t in &topics {
        index.push((t.id, names.len()));
        names.push(match decks.get(&t.deck_id) {
            Some(slug) => format!("{slug}: {}", t.name),
            None => t.name.clone(),
        });
    }
    index.sort_unstable();
    let rule = &ctx.settings.rule;
    let mut topic_of = Vec::with_capacity(rows.len());
    let cards = rows
        .into_iter()
        .filter_map(|row| {
            let found = index.binary_search_by_key(&row.topic_id, |&(id, _)| id);
            let topic_index = index[found.ok()?].1;
            topic_of.push((row.id, topic_index));
            let locked = is_locked(row.parent, row.unlocked, row.new, rule);
            Some(CardFacts {
                topic_index,
                kind: row.kind,
                status: status_of(row.retired, row.suspended, locked, row.new),
                mastered: rule.is_mastered(row.progress),
                due: row.due,
                ease_hundredths: row.ease_hundredths,
                in_drill_today: row.in_drill,
            })
        })
        .collect();
    Ok(Facts {
        cards,
        names,
        topic_of,
    })
}

/// What `stats` reads of the log: the month's scheduling grades (card id, grade) and the
/// days of the streak.
struct LogFigures {
    grades: Vec<(i64, u8)>,
    daily: Vec<(NaiveDate, u32)>,
}

fn style(ctx: &Ctx) -> Style {
    Style {
        color: ctx.color,
        width: Style::DEFAULT_WIDTH,
    }
}

impl cli::Stats {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = CardFilter {
            level: self.level,
            ..resolve_deck(&ctx.store, self.deck.as_deref())?
        };
        let today = ctx.clock.today;
        let month_ago = today.checked_sub_days(Days::new(29)).unwrap_or(today);
        // The log's figures (the month's scheduling grades, the streak) are read on a second
        // connection, on the other core, while the cards are read here. No transaction ever
        // spanned these queries (each sees the database as it is when it starts), so two at
        // once see nothing that one after the other could not.
        let log_figures = |store: &Store| -> Result<LogFigures> {
            let mut grades = Vec::new();
            store.schedule_grades(month_ago, today, |card_id, grade| {
                grades.push((card_id, grade));
            })?;
            let daily = store.streak_days(filter, today)?;
            Ok(LogFigures { grades, daily })
        };
        let (facts, log) = std::thread::scope(|scope| {
            let beside = ctx.store.reader().and_then(|reader| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || log_figures(&reader))
                    .ok()
            });
            let facts = facts(ctx, filter);
            // In memory, or with no second connection or thread to be had: one after the other.
            let log = match beside {
                Some(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => log_figures(&ctx.store),
            };
            (facts, log)
        });
        let Facts {
            cards,
            names,
            topic_of,
        } = facts?;
        let LogFigures { grades, daily } = log?;
        // The month's scheduling reviews per topic: each review's card is looked up among
        // the cards read, in id order (which also applies the deck, topic and level filter).
        let mut per_topic: Vec<(u32, u32)> = vec![(0, 0); names.len()];
        for (card_id, grade) in grades {
            if let Some(i) = find_card(&topic_of, card_id, |&(id, _)| id) {
                let counts = &mut per_topic[topic_of[i].1];
                counts.0 += 1;
                counts.1 += u32::from(grade >= 3);
            }
        }
        let reviews: Vec<TopicReviews> = per_topic
            .into_iter()
            .enumerate()
            .filter(|&(_, (reviews, _))| reviews > 0)
            .map(|(topic_index, (reviews, passed))| TopicReviews {
                topic_index,
                schedule_reviews_30d: reviews,
                passed_30d: passed,
            })
            .collect();
        let mut figures = stats::stats(&cards, &names, &reviews, &daily, today);
        if let Some(date) = ctx.settings.interview_date {
            let (total, seen, left) = ctx.store.main_counts(filter, today)?;
            let mastered = cards
                .iter()
                .filter(|c| {
                    c.kind == CardKind::Main
                        && c.mastered
                        && !matches!(c.status, Status::Retired | Status::Suspended)
                })
                .count() as u32;
            figures.interview = pacing::countdown(
                date,
                today,
                ctx.settings.new_per_day,
                total,
                seen,
                mastered,
                left,
            );
        }
        if ctx.json {
            return print_json(out, &figures);
        }
        if let Some(countdown) = &figures.interview {
            writeln!(out, "{}", pacing::render_countdown(countdown))?;
        }
        write!(out, "{}", stats::render_stats(&figures, &style(ctx)))?;
        Ok(())
    }
}

impl cli::Forecast {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let cards = facts(ctx, CardFilter::default())?.cards;
        let figures = stats::forecast(&cards, ctx.clock.today, self.days.max(1));
        if ctx.json {
            return print_json(out, &figures);
        }
        write!(out, "{}", stats::render_forecast(&figures, &style(ctx)))?;
        Ok(())
    }
}

impl cli::History {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let today = ctx.clock.today;
        let weeks = self.weeks.clamp(1, 520);
        let from = today
            .checked_sub_days(Days::new(7 * u64::from(weeks) + 7))
            .unwrap_or(today);
        let all = CardFilter::default();
        // The window's counts, and the streak, which may reach back before the window.
        let mut daily: BTreeMap<NaiveDate, u32> =
            ctx.store.streak_days(all, today)?.into_iter().collect();
        daily.extend(ctx.store.daily_review_counts(all, from, today)?);
        let daily: Vec<(NaiveDate, u32)> = daily.into_iter().collect();
        let figures = stats::history(&daily, today, weeks);
        if ctx.json {
            return print_json(out, &figures);
        }
        write!(out, "{}", stats::render_history(&figures, &style(ctx)))?;
        Ok(())
    }
}
