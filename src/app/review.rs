//! `review`: the session loop of `crate::review` over the real store and terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use super::{Ctx, print_json, resolve_scope};
use crate::cli;
use crate::review::{self, Options, PlainPrompter, Style, TermPrompter};
use crate::settings::EXTRA_NEW_KEY;
use crate::study::{Desk, Practice};

impl cli::Review {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let limit = self.limit.map(|n| n as usize);
        if let Some(more) = self.extra_new {
            let today = ctx.clock.today;
            let before = match ctx.settings.extra_new {
                Some((day, n)) if day == today => n,
                _ => 0,
            };
            let total = before.saturating_add(more);
            ctx.store
                .set_setting(EXTRA_NEW_KEY, &format!("{today} {total}"))?;
            ctx.settings.extra_new = Some((today, total));
            eprintln!(
                "recall: {} new cards allowed today ({total} extra)",
                ctx.settings.new_cards_on(today)
            );
        }
        if limit == Some(0) {
            writeln!(out, "Asked for no cards (--limit 0): nothing reviewed.")?;
            return Ok(());
        }
        let mut desk = Desk {
            store: &mut ctx.store,
            settings: &ctx.settings,
            clock: &ctx.clock,
            filter,
            practice: Practice::Review,
        };
        run_session(&mut desk, out, ctx.json, ctx.color, self.limit)
    }
}

/// Runs a session on the terminal (single keys) or, when stdin or stdout is not one, in
/// plain lines; then prints its summary (or, with `--json`, only the summary on stdout).
pub fn run_session(
    desk: &mut Desk<'_>,
    out: &mut dyn Write,
    json: bool,
    color: bool,
    limit: Option<u32>,
) -> Result<()> {
    let on_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let width = if on_terminal {
        let (_, columns) = console::Term::stdout().size();
        usize::from(columns).clamp(Style::MIN_WIDTH, 100)
    } else {
        80
    };
    let style = Style {
        color: color && !json,
        width,
    };
    let options = Options {
        limit: limit.map(|n| n as usize),
        style,
    };
    let summary = if on_terminal {
        let term = console::Term::stdout();
        let summary = review::run(desk, &mut TermPrompter::new(term.clone()), &options)?;
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
        review::run(desk, &mut prompter, &options)?
    };
    if json {
        return print_json(out, &summary);
    }
    write!(out, "{}", review::render_summary(&summary, style))?;
    Ok(())
}
