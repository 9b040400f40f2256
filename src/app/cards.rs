//! Commands on cards: `list`, `show`, `due`, `grade`, `undo`, `suspend`, `unlock`.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::Utc;
use serde::Serialize;

use super::{Ctx, print_json, resolve_card, resolve_scope, today_queue};
use crate::card::{Card, ReviewKind, Status};
use crate::cli::Scope;
use crate::deck::CardKind;
use crate::scheduler::{Grade, MasteryRule, Reason};
use crate::store::NewReview;
use crate::text;

/// Why a locked card is locked, in words: `master question 12 first — 2 more successful reviews`.
pub fn lock_reason(card: &Card, rule: &MasteryRule) -> String {
    let parent = card.parent_key.as_deref().unwrap_or("?");
    let missing = card
        .parent_progress
        .and_then(|p| rule.missing(p))
        .unwrap_or_default();
    format!("master question {parent} first — {missing}")
}

pub fn list(ctx: &Ctx, out: &mut dyn Write, scope: &Scope, status: Option<&str>) -> Result<()> {
    let filter = resolve_scope(&ctx.store, scope)?;
    let wanted: Option<Status> = status
        .map(str::parse)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let rule = &ctx.settings.rule;
    let cards: Vec<Card> = ctx
        .store
        .cards(filter)?
        .into_iter()
        .filter(|c| match wanted {
            Some(s) => c.status(rule) == s,
            None => !c.retired,
        })
        .collect();
    if ctx.json {
        let views: Vec<_> = cards.iter().map(|c| c.view(rule, None)).collect();
        return print_json(out, &views);
    }
    let several_decks = ctx.store.deck_count()? > 1;
    let key_width = cards
        .iter()
        .map(|c| text::width(&key_label(c, several_decks)))
        .max()
        .unwrap_or(3)
        .max(3);
    for c in &cards {
        let due = match c.status(rule) {
            Status::Review => c.state.due.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        };
        let head = format!(
            "{}  {:<9}  {:<10}  ",
            text::pad(&key_label(c, several_decks), key_width),
            c.status(rule).as_str(),
            due
        );
        let indent = if c.kind == CardKind::Followup {
            "  "
        } else {
            ""
        };
        let room = 80usize.saturating_sub(text::width(&head) + indent.len());
        writeln!(
            out,
            "{head}{indent}{}",
            text::fit(&c.question, room.max(20))
        )?;
    }
    if cards.is_empty() {
        writeln!(out, "no cards")?;
    }
    Ok(())
}

fn key_label(card: &Card, with_deck: bool) -> String {
    if with_deck {
        card.reference()
    } else {
        card.key.clone()
    }
}

pub fn show(ctx: &Ctx, out: &mut dyn Write, reference: &str) -> Result<()> {
    let card = resolve_card(&ctx.store, reference)?;
    let reviews = ctx.store.reviews_of(card.id)?;
    let rule = &ctx.settings.rule;
    if ctx.json {
        return print_json(out, &card.view(rule, Some(&reviews)));
    }
    let today = ctx.clock.today;
    writeln!(
        out,
        "{}  ·  {}  ·  {}",
        card.reference(),
        card.deck_title,
        card.topic
    )?;
    if let Some(parent) = &card.parent_question {
        writeln!(
            out,
            "follow-up of {}: {parent}",
            card.parent_key.as_deref().unwrap_or("")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", card.question)?;
    if let Some(body) = &card.body {
        writeln!(out, "\n{body}")?;
    }
    if let Some(answer) = &card.answer {
        writeln!(out, "\nAnswer:\n{answer}")?;
    }
    if let Some(note) = &card.note {
        writeln!(out, "\nYour note:\n{note}")?;
    }
    writeln!(out)?;
    let status = card.status(rule);
    let state = &card.state;
    let mut line = format!("status: {}", status.as_str());
    match status {
        Status::Locked => line.push_str(&format!(" — {}", lock_reason(&card, rule))),
        Status::Review | Status::Suspended if !state.is_new() => {
            if let Some(due) = state.due {
                line.push_str(&format!(", due {due} ({})", text::relative(due, today)));
            }
            if state.drill_day == Some(today) {
                line.push_str(", in today's drill until graded 4 or 5");
            }
        }
        _ => {}
    }
    writeln!(out, "{line}")?;
    writeln!(
        out,
        "repetitions {}, interval {} d, ease {:.2}, lapses {}, last grade {}{}",
        state.sm2.repetitions,
        state.sm2.interval_days,
        state.sm2.ease(),
        state.lapses,
        state.last_grade.map_or("-".to_string(), |g| g.to_string()),
        if card.is_mastered(rule) {
            ", mastered"
        } else {
            ""
        },
    )?;
    if card.kind == CardKind::Main {
        let kids = ctx.store.followups(card.id)?;
        let locked = kids
            .iter()
            .filter(|k| k.status(rule) == Status::Locked)
            .count();
        if !kids.is_empty() {
            let mut line = format!("follow-ups: {}", text::count(kids.len(), "card", "cards"));
            if locked > 0 {
                let missing = rule.missing(state.progress()).unwrap_or_default();
                line.push_str(&format!(
                    ", {locked} locked until this one is mastered ({missing})"
                ));
            }
            writeln!(out, "{line}")?;
        }
    }
    if !reviews.is_empty() {
        writeln!(out, "\nhistory:")?;
        for r in &reviews {
            let next = match (r.kind, r.after.due) {
                (ReviewKind::Schedule, Some(due)) => {
                    format!("→ {} d, due {due}", r.after.sm2.interval_days)
                }
                _ => String::new(),
            };
            writeln!(
                out,
                "  {}  {}  {} {:<22} {:<8} {next}",
                r.day,
                r.answered_at.with_timezone(&chrono::Local).format("%H:%M"),
                r.grade,
                r.grade.label(),
                r.kind.as_str()
            )?;
        }
    }
    Ok(())
}

/// One entry of `due --json` (DESIGN §4).
#[derive(Serialize)]
struct DueItem<'a> {
    deck: &'a str,
    key: &'a str,
    kind: CardKind,
    topic: &'a str,
    question: &'a str,
    reason: Reason,
}

pub fn due(ctx: &Ctx, out: &mut dyn Write, scope: &Scope) -> Result<()> {
    let filter = resolve_scope(&ctx.store, scope)?;
    let queue = today_queue(ctx, filter)?;
    if ctx.json {
        let items: Vec<DueItem> = queue
            .iter()
            .map(|(c, reason)| DueItem {
                deck: &c.deck_slug,
                key: &c.key,
                kind: c.kind,
                topic: &c.topic,
                question: &c.question,
                reason: *reason,
            })
            .collect();
        return print_json(out, &items);
    }
    let today = ctx.clock.today;
    if queue.is_empty() {
        match ctx.store.next_due_after(today, filter)? {
            Some(day) => writeln!(
                out,
                "Nothing due today. Next review on {day} ({}).",
                text::relative(day, today)
            )?,
            None => writeln!(out, "Nothing due today.")?,
        }
        return Ok(());
    }
    let n = |r: Reason| queue.iter().filter(|(_, reason)| *reason == r).count();
    writeln!(
        out,
        "{today}: {} due — {} drill, {} review, {} new",
        queue.len(),
        n(Reason::Drill),
        n(Reason::Review),
        n(Reason::New)
    )?;
    let several_decks = ctx.store.deck_count()? > 1;
    let key_width = queue
        .iter()
        .map(|(c, _)| text::width(&key_label(c, several_decks)))
        .max()
        .unwrap_or(3);
    for (c, reason) in &queue {
        let head = format!(
            "{}  {:<6}  ",
            text::pad(&key_label(c, several_decks), key_width),
            reason.as_str()
        );
        let room = 80usize.saturating_sub(text::width(&head));
        writeln!(out, "{head}{}", text::fit(&c.question, room.max(20)))?;
    }
    Ok(())
}

/// What `grade --json` prints.
#[derive(Serialize)]
struct Graded<'a> {
    deck: &'a str,
    key: &'a str,
    grade: Grade,
    kind: ReviewKind,
    repetitions: u32,
    interval: u32,
    ease: f64,
    due: Option<chrono::NaiveDate>,
    drill: bool,
    unlocked: Vec<String>,
}

/// Refuses a grade the card cannot take now, saying why and what to do.
fn check_gradable(ctx: &Ctx, card: &Card, force: bool) -> Result<()> {
    let rule = &ctx.settings.rule;
    let today = ctx.clock.today;
    match card.status(rule) {
        Status::Retired => bail!(
            "card {} was removed from its deck (retired): its history is kept, but it takes no more reviews",
            card.key
        ),
        Status::Suspended => bail!(
            "card {} is suspended: `recall unsuspend {}` first",
            card.key,
            card.key
        ),
        Status::Locked => bail!("card {} is locked: {}", card.key, lock_reason(card, rule)),
        Status::New => Ok(()),
        Status::Review => {
            if card.state.is_due(today) || force {
                Ok(())
            } else {
                let due = card.state.due.map_or("later".into(), |d| {
                    format!("{d} ({})", text::relative(d, today))
                });
                bail!(
                    "card {} is not due until {due}; add --force to review it early",
                    card.key
                )
            }
        }
    }
}

/// Grades a card and records the review; returns it and the follow-ups it unlocked.
pub fn record_grade(
    ctx: &mut Ctx,
    card: &Card,
    grade: Grade,
    taken_ms: Option<u64>,
) -> Result<(NewReview, Vec<String>)> {
    let rule = ctx.settings.rule;
    let today = ctx.clock.today;
    let (kind, after) = card.state.answer(grade, today);
    let review = NewReview {
        card_id: card.id,
        answered_at: ctx.clock.now.with_timezone(&Utc),
        day: today,
        grade,
        kind,
        taken_ms,
        before: card.state,
        after,
    };
    ctx.store.record_review(&review)?;
    let mut unlocked = Vec::new();
    if card.kind == CardKind::Main
        && !rule.is_mastered(card.state.progress())
        && rule.is_mastered(after.progress())
    {
        unlocked = ctx
            .store
            .followups(card.id)?
            .into_iter()
            .filter(|f| f.status(&rule) == Status::New && !f.unlocked)
            .map(|f| f.key)
            .collect();
    }
    Ok((review, unlocked))
}

pub fn grade(
    ctx: &mut Ctx,
    out: &mut dyn Write,
    reference: &str,
    grade: &str,
    force: bool,
) -> Result<()> {
    let grade: Grade = grade.parse()?;
    let card = resolve_card(&ctx.store, reference)?;
    check_gradable(ctx, &card, force)?;
    let (review, unlocked) = record_grade(ctx, &card, grade, None)?;
    let after = review.after;
    let today = ctx.clock.today;
    let drill = after.drill_day == Some(today);
    if ctx.json {
        return print_json(
            out,
            &Graded {
                deck: &card.deck_slug,
                key: &card.key,
                grade,
                kind: review.kind,
                repetitions: after.sm2.repetitions,
                interval: after.sm2.interval_days,
                ease: after.sm2.ease(),
                due: after.due,
                drill,
                unlocked,
            },
        );
    }
    let due = after.due.map_or(String::new(), |d| {
        format!("{d} ({})", text::relative(d, today))
    });
    match review.kind {
        ReviewKind::Schedule => writeln!(
            out,
            "{}: {} ({}) — next review {due}, interval {} d, ease {:.2}",
            card.key,
            grade,
            grade.label(),
            after.sm2.interval_days,
            after.sm2.ease()
        )?,
        ReviewKind::Drill => writeln!(
            out,
            "{}: drill {} ({}) — schedule unchanged, next review {due}",
            card.key,
            grade,
            grade.label()
        )?,
    }
    if drill {
        writeln!(out, "  back again today until it gets a 4 or 5")?;
    } else if review.kind == ReviewKind::Drill {
        writeln!(out, "  drill done for today")?;
    }
    if !unlocked.is_empty() {
        writeln!(
            out,
            "  question {} mastered: unlocked {} ({})",
            card.key,
            text::count(unlocked.len(), "follow-up", "follow-ups"),
            unlocked.join(", ")
        )?;
    }
    Ok(())
}

pub fn undo(ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
    let Some(review) = ctx.store.undo_last_review()? else {
        bail!("nothing to undo: there are no reviews");
    };
    let card = ctx.store.card(review.card_id)?;
    if ctx.json {
        return print_json(out, &card.view(&ctx.settings.rule, None));
    }
    let state = match card.state.due {
        Some(due) => format!(
            "due {due}, interval {} d, ease {:.2}",
            card.state.sm2.interval_days,
            card.state.sm2.ease()
        ),
        None => "new again".into(),
    };
    writeln!(
        out,
        "undid grade {} of card {} ({} {}); card is back to: {state}",
        review.grade,
        card.key,
        review.day,
        review
            .answered_at
            .with_timezone(&chrono::Local)
            .format("%H:%M")
    )?;
    Ok(())
}

pub fn suspend(ctx: &mut Ctx, out: &mut dyn Write, reference: &str, suspended: bool) -> Result<()> {
    let card = resolve_card(&ctx.store, reference)?;
    ctx.store.set_suspended(card.id, suspended)?;
    let card = ctx.store.card(card.id)?;
    if ctx.json {
        return print_json(out, &card.view(&ctx.settings.rule, None));
    }
    let word = if suspended {
        "suspended"
    } else {
        "unsuspended"
    };
    writeln!(
        out,
        "{} {word}; status: {}",
        card.key,
        card.status(&ctx.settings.rule).as_str()
    )?;
    Ok(())
}

pub fn unlock(ctx: &mut Ctx, out: &mut dyn Write, reference: &str) -> Result<()> {
    let card = resolve_card(&ctx.store, reference)?;
    if card.kind == CardKind::Main {
        bail!(
            "card {} is a main question; only follow-ups are ever locked",
            card.key
        );
    }
    let rule = ctx.settings.rule;
    let was_locked = card.status(&rule) == Status::Locked;
    ctx.store.set_unlocked(card.id)?;
    let card = ctx.store.card(card.id)?;
    if ctx.json {
        return print_json(out, &card.view(&rule, None));
    }
    if was_locked {
        writeln!(
            out,
            "{} unlocked; status: {}",
            card.key,
            card.status(&rule).as_str()
        )?;
    } else {
        writeln!(
            out,
            "{} was not locked; status: {}",
            card.key,
            card.status(&rule).as_str()
        )?;
    }
    Ok(())
}
