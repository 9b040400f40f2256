//! Commands on cards: `list`, `show`, `due`, `grade`, `undo`, `suspend`, `unlock`.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{Ctx, listing_width, print_json, resolve_scope};
use crate::card::{Card, Status};
use crate::cli;
use crate::deck::CardKind;
use crate::markdown;
use crate::scheduler::{Grade, Reason, ReviewKind};
use crate::store::{self, Change};
use crate::study::{self, lock_reason, resolve_card, today_queue};
use crate::text::{self, Style};

impl cli::List {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let wanted: Option<Status> = self
            .status
            .as_deref()
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
        let width = listing_width();
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
            let room = width.saturating_sub(text::width(&head) + indent.len());
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
}

fn key_label(card: &Card, with_deck: bool) -> String {
    if with_deck {
        card.reference()
    } else {
        card.key.clone()
    }
}

impl cli::Show {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let card = resolve_card(&ctx.store, &self.card)?;
        let reviews = ctx.store.reviews_of(card.id)?;
        let rule = &ctx.settings.rule;
        if ctx.json {
            return print_json(out, &card.view(rule, Some(&reviews)));
        }
        let today = ctx.clock.today;
        writeln!(
            out,
            "{}  ·  {}  ·  {}",
            text::visible(&card.reference()),
            text::visible(&card.deck_title),
            text::visible(&card.topic)
        )?;
        // Questions, bodies, answers and notes are Markdown: drawn as the review screen
        // draws them.
        let style = Style {
            color: ctx.color,
            width: Style::DEFAULT_WIDTH,
        };
        if let Some(parent) = card.parent_question.as_deref() {
            let context = format!(
                "follow-up of {}: {parent}",
                card.parent_key.as_deref().unwrap_or("")
            );
            writeln!(
                out,
                "{}",
                markdown::render_context(&context, style.width, style).join("\n")
            )?;
        }
        writeln!(out)?;
        let question = markdown::render_question(&card.question, style.width, style);
        writeln!(out, "{}", question.join("\n"))?;
        let markdown = |md: &str| markdown::render(md, style.width, style).join("\n");
        if let Some(body) = card.body.as_deref().map(markdown) {
            writeln!(out, "\n{body}")?;
        }
        if let Some(answer) = card.answer.as_deref().map(markdown) {
            writeln!(out, "\nAnswer:\n{answer}")?;
        }
        if let Some(note) = card.note.as_deref().map(markdown) {
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

impl cli::Due {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let queue = today_queue(&ctx.store, &ctx.settings, ctx.clock.today, filter)?;
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
        let width = listing_width();
        for (c, reason) in &queue {
            let head = format!(
                "{}  {:<6}  ",
                text::pad(&key_label(c, several_decks), key_width),
                reason.as_str()
            );
            let room = width.saturating_sub(text::width(&head));
            writeln!(out, "{head}{}", text::fit(&c.question, room.max(20)))?;
        }
        // Reviews past the day's limit wait, unlisted: say so, or the forecast seems wrong.
        if ctx
            .store
            .more_due_reviews(today, filter, n(Reason::Review))?
        {
            writeln!(
                out,
                "More reviews are due than reviews_per_day ({}) lets through today; `recall config reviews_per_day N` lets more",
                ctx.settings.reviews_per_day
            )?;
        }
        Ok(())
    }
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

impl cli::Grade {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let grade: Grade = self.grade.parse()?;
        let card = resolve_card(&ctx.store, &self.card)?;
        let graded = study::answer(
            &mut ctx.store,
            &ctx.settings,
            &ctx.clock,
            &card,
            grade,
            None,
            self.force,
        )?;
        let today = ctx.clock.today;
        let after = graded.outcome.after;
        let kind = graded.outcome.kind;
        let drill = graded.outcome.in_drill(today);
        if ctx.json {
            return print_json(
                out,
                &Graded {
                    deck: &card.deck_slug,
                    key: &card.key,
                    grade,
                    kind,
                    repetitions: after.sm2.repetitions,
                    interval: after.sm2.interval_days,
                    ease: after.sm2.ease(),
                    due: after.due,
                    drill,
                    unlocked: graded.unlocked,
                },
            );
        }
        let due = after.due.map_or(String::new(), |d| {
            format!("{d} ({})", text::relative(d, today))
        });
        match kind {
            ReviewKind::Schedule => writeln!(
                out,
                "{}: {} ({}) — next review {due}, interval {} d, ease {:.2}",
                card.key,
                grade,
                grade.label(),
                after.sm2.interval_days,
                after.sm2.ease()
            )?,
            ReviewKind::Drill | ReviewKind::Cram | ReviewKind::Interview => writeln!(
                out,
                "{}: {} {} ({}) — schedule unchanged, next review {due}",
                card.key,
                kind.as_str(),
                grade,
                grade.label()
            )?,
        }
        if drill {
            writeln!(out, "  back again today until it gets a 4 or 5")?;
        } else if kind == ReviewKind::Drill {
            writeln!(out, "  drill done for today")?;
        }
        if !graded.unlocked.is_empty() {
            writeln!(
                out,
                "  question {} mastered: unlocked {} ({})",
                card.key,
                text::count(graded.unlocked.len(), "follow-up", "follow-ups"),
                graded.unlocked.join(", ")
            )?;
        }
        Ok(())
    }
}

impl cli::Undo {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let Some(study::Undone { what, card }) =
            study::undo_last(&mut ctx.store, ctx.clock.today, self.force)?
        else {
            anyhow::bail!("nothing to undo: no reviews and no other changes");
        };
        if ctx.json {
            return print_json(out, &card.view(&ctx.settings.rule, None));
        }
        let key = key_label(&card, ctx.store.deck_count()? > 1);
        match what {
            store::Undone::Review(review) => {
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
                    "undid grade {} of card {key} given on {} at {}; card is back to: {state}",
                    review.grade,
                    review.day,
                    review
                        .answered_at
                        .with_timezone(&chrono::Local)
                        .format("%H:%M")
                )?;
            }
            store::Undone::Change(change) => writeln!(
                out,
                "undid the {} of card {key} made on {}; status: {}",
                change.change.as_str(),
                change.day,
                card.status(&ctx.settings.rule).as_str()
            )?,
        }
        Ok(())
    }
}

impl cli::Suspend {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        set_suspended(ctx, out, &self.card, true)
    }
}

impl cli::Unsuspend {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        set_suspended(ctx, out, &self.card, false)
    }
}

fn set_suspended(
    ctx: &mut Ctx,
    out: &mut dyn Write,
    reference: &str,
    suspended: bool,
) -> Result<()> {
    let card = resolve_card(&ctx.store, reference)?;
    let change = if suspended {
        Change::Suspend
    } else {
        Change::Unsuspend
    };
    let changed = study::change(&mut ctx.store, &ctx.clock, &card, change)?;
    let card = Card { suspended, ..card };
    if ctx.json {
        return print_json(out, &card.view(&ctx.settings.rule, None));
    }
    let word = match (suspended, changed) {
        (true, true) => "suspended",
        (false, true) => "unsuspended",
        (true, false) => "was suspended already",
        (false, false) => "was not suspended",
    };
    writeln!(
        out,
        "{} {word}; status: {}",
        card.key,
        card.status(&ctx.settings.rule).as_str()
    )?;
    Ok(())
}

impl cli::Unlock {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let card = resolve_card(&ctx.store, &self.card)?;
        if card.kind == CardKind::Main {
            anyhow::bail!(
                "card {} is a main question; only follow-ups are ever locked",
                card.key
            );
        }
        let rule = ctx.settings.rule;
        let was_locked = card.status(&rule) == Status::Locked;
        study::change(&mut ctx.store, &ctx.clock, &card, Change::Unlock)?;
        let card = Card {
            unlocked: true,
            ..card
        };
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
}
