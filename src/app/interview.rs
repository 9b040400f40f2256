//! `interview` and `interviews`: the mock interview of `crate::interview` over the real
//! store and terminal, and its reports.

use std::io::Write;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::{Days, Utc};

use super::review::Screen;
use super::{Ctx, print_json, resolve_scope};
use crate::card::Card;
use crate::cli::{self, Scope};
use crate::deck::CardKind;
use crate::interview::{
    self, Candidate, InterviewSummary, Options, RealTimer, Report, render_list, render_report,
};
use crate::store::{NewInterview, Store};
use crate::text::Style;

/// Days back that count as "recent" for lapses.
const RECENT_DAYS: u64 = 30;

impl cli::Interview {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let mains = self.mains(ctx)?;
        if mains.is_empty() {
            bail!("no main questions to ask in this selection (check --deck, --topic and --level)");
        }
        let today = ctx.clock.today;
        let since = today
            .checked_sub_days(Days::new(RECENT_DAYS))
            .unwrap_or(today);
        let log = ctx.store.log_facts(since)?;
        let last = ctx.store.cards_in_last_interview()?;
        let mut topics: Vec<(&str, &str)> = Vec::new();
        let candidates: Vec<Candidate> = mains
            .iter()
            .enumerate()
            .map(|(position, c)| {
                let topic_key = (c.deck_slug.as_str(), c.topic.as_str());
                let topic = topics
                    .iter()
                    .position(|t| *t == topic_key)
                    .unwrap_or_else(|| {
                        topics.push(topic_key);
                        topics.len() - 1
                    });
                let facts = log.get(&c.id).copied().unwrap_or_default();
                interview::candidate(c, facts, topic, position, last.contains(&c.id))
            })
            .collect();
        let plan = interview::choose_questions(&candidates, self.questions as usize);
        let json = ctx.json;
        let screen = Screen::detect(json, ctx.color);
        let style = screen.style;
        let options = Options {
            followups: self.followups as usize,
            budget: self.minutes.map(|m| Duration::from_secs(u64::from(m) * 60)),
            style,
            notice: screen.notice(&ctx.notices),
        };
        let id = ctx.store.begin_interview(&NewInterview {
            started_at: ctx.clock.now.with_timezone(&Utc),
            day: today,
            planned: plan.len() as u32,
            followups: self.followups,
            minutes: self.minutes,
        })?;
        let timer = RealTimer::start();
        let (store, clock) = (&mut ctx.store, &ctx.clock);
        let ended = screen.run(out, json, |prompter| {
            interview::run(store, clock, id, &plan, &log, prompter, &timer, options)
        })?;
        if !screen.on_terminal {
            // End the last prompt line so the report starts on a line of its own.
            if json {
                eprintln!();
            } else {
                writeln!(out)?;
            }
        }
        if ended.answers == 0 {
            ctx.store.drop_interview_if_empty(id)?;
            if json {
                return print_json(out, &serde_json::Value::Null);
            }
            writeln!(out, "Interview ended before any answer; nothing recorded.")?;
            return Ok(());
        }
        let report = report_of(&ctx.store, id)?;
        if json {
            return print_json(out, &report);
        }
        if ended.out_of_time {
            writeln!(out, "Time is up.")?;
        }
        write!(out, "{}", render_report(&report, style))?;
        Ok(())
    }

    /// Main questions in the selection that can be asked: active, not suspended, in
    /// document order.
    fn mains(&self, ctx: &Ctx) -> Result<Vec<Card>> {
        let scope = |topic: Option<&String>| Scope {
            deck: self.deck.clone(),
            topic: topic.cloned(),
            level: self.level,
        };
        let filters = if self.topic.is_empty() {
            vec![resolve_scope(&ctx.store, &scope(None))?]
        } else {
            self.topic
                .iter()
                .map(|t| resolve_scope(&ctx.store, &scope(Some(t))))
                .collect::<Result<_>>()?
        };
        let mut mains: Vec<Card> = Vec::new();
        for filter in filters {
            for card in ctx.store.cards(filter)? {
                if card.kind == CardKind::Main
                    && !card.retired
                    && !card.suspended
                    && !mains.iter().any(|m| m.id == card.id)
                {
                    mains.push(card);
                }
            }
        }
        Ok(mains)
    }
}

/// The report of interview `id`, compared with the one before it.
fn report_of(store: &Store, id: i64) -> Result<Report> {
    let Some(day) = store.interview_day(id)? else {
        bail!("no interview {id}: see `recall interviews`");
    };
    let all = store.interviews()?;
    let previous: Option<InterviewSummary> = all.iter().rfind(|i| i.id < id).cloned();
    let answers = store.interview_answers(id)?;
    if answers.is_empty() {
        bail!("interview {id} has no answers left (taken back with undo)");
    }
    Ok(interview::report(id, day, &answers, previous))
}

impl cli::Interviews {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        if let Some(id) = self.id {
            let report = report_of(&ctx.store, id)?;
            if ctx.json {
                return print_json(out, &report);
            }
            let style = Style {
                color: ctx.color,
                width: Style::DEFAULT_WIDTH,
            };
            write!(out, "{}", render_report(&report, style))?;
            return Ok(());
        }
        let list: Vec<InterviewSummary> = ctx.store.interviews()?;
        if ctx.json {
            return print_json(out, &list);
        }
        write!(out, "{}", render_list(&list))?;
        Ok(())
    }
}
