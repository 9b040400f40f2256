//! `review`: the session loop of `crate::review` over the real store and terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::cards::record_grade;
use super::{Ctx, print_json, resolve_scope, today_queue};
use crate::card::Card;
use crate::cli::Scope;
use crate::review::{
    self, Backend, Graded, Options, Outlook, PlainPrompter, QueueItem, Style, TermPrompter,
};
use crate::scheduler::Grade;
use crate::store::CardFilter;

/// The session's view of the database: every call commits before it returns.
struct StoreBackend<'a> {
    ctx: &'a mut Ctx,
    filter: CardFilter,
}

impl Backend for StoreBackend<'_> {
    fn today(&self) -> NaiveDate {
        self.ctx.clock.today
    }

    fn queue(&mut self) -> Result<Vec<QueueItem>> {
        Ok(today_queue(self.ctx, self.filter)?
            .into_iter()
            .map(|(card, reason)| QueueItem { card, reason })
            .collect())
    }

    fn card(&mut self, card_id: i64) -> Result<Card> {
        Ok(self.ctx.store.card(card_id)?)
    }

    fn grade(&mut self, card_id: i64, grade: Grade, taken_ms: u64) -> Result<Graded> {
        let card = self.ctx.store.card(card_id)?;
        let (review, unlocked) = record_grade(self.ctx, &card, grade, Some(taken_ms))?;
        Ok(Graded {
            kind: review.kind,
            after: review.after,
            unlocked,
        })
    }

    fn undo(&mut self) -> Result<Option<i64>> {
        Ok(self.ctx.store.undo_last_review()?.map(|r| r.card_id))
    }

    fn suspend(&mut self, card_id: i64) -> Result<()> {
        Ok(self.ctx.store.set_suspended(card_id, true)?)
    }

    fn set_note(&mut self, card_id: i64, note: Option<String>) -> Result<()> {
        let note = note.filter(|n| !n.trim().is_empty());
        let now = self.ctx.clock.now.with_timezone(&chrono::Utc);
        Ok(self.ctx.store.set_note(card_id, note.as_deref(), now)?)
    }

    fn outlook(&mut self) -> Result<Outlook> {
        let ctx = &*self.ctx;
        let today = ctx.clock.today;
        let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
        let reviews = ctx
            .store
            .count_due_by(tomorrow, self.filter)?
            .min(ctx.settings.reviews_per_day as usize);
        let mut new = 0usize;
        let wanted = ctx.settings.new_per_day as usize;
        if wanted > 0 {
            ctx.store.scan_new_cards(self.filter, |card| {
                if !card.is_locked(&ctx.settings.rule) {
                    new += 1;
                }
                new < wanted
            })?;
        }
        let next_due = if new > 0 {
            Some(tomorrow)
        } else {
            ctx.store.next_due_after(today, self.filter)?
        };
        Ok(Outlook {
            due_tomorrow: reviews + new,
            next_due,
            cards: ctx.store.count_cards(self.filter)?,
        })
    }
}

pub fn review(
    ctx: &mut Ctx,
    out: &mut dyn Write,
    scope: &Scope,
    limit: Option<usize>,
) -> Result<()> {
    let filter = resolve_scope(&ctx.store, scope)?;
    let json = ctx.json;
    let on_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let width = if on_terminal {
        let (_, columns) = console::Term::stdout().size();
        usize::from(columns).clamp(Style::MIN_WIDTH, 100)
    } else {
        80
    };
    let style = Style {
        color: ctx.color && !json,
        width,
    };
    let options = Options { limit, style };
    let mut backend = StoreBackend { ctx, filter };
    let summary = if on_terminal {
        let term = console::Term::stdout();
        let summary = review::run(&mut backend, &mut TermPrompter::new(term.clone()), &options)?;
        // The summary replaces the last card rather than trailing under it.
        term.clear_screen()?;
        summary
    } else {
        let stdin = std::io::stdin();
        // With --json, stdout carries only the summary; the cards go to stderr.
        let screen: &mut dyn Write = if json {
            &mut std::io::stderr()
        } else {
            &mut *out
        };
        let mut prompter = PlainPrompter::new(stdin.lock(), screen);
        review::run(&mut backend, &mut prompter, &options)?
    };
    if json {
        return print_json(out, &summary);
    }
    write!(out, "{}", review::render_summary(&summary, style))?;
    Ok(())
}
