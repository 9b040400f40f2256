//! `review`: the session loop of `crate::review` over the real store and terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use super::{Ctx, print_json, resolve_scope};
use crate::cli;
use crate::review::{self, Options, PlainPrompter, Prompter, Style, TermPrompter};
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
        run_session(
            &mut desk,
            out,
            ctx.json,
            ctx.color,
            self.limit,
            &ctx.notices,
        )
    }
}

/// Where a session's screens go and its keys come from: single keys on a terminal, or plain
/// lines when stdin or stdout is not one. Decided once per command.
pub struct Screen {
    pub on_terminal: bool,
    pub style: Style,
}

impl Screen {
    /// The screen of this process; colour only on a terminal, never with `--json`.
    pub fn detect(json: bool, color: bool) -> Screen {
        let on_terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
        let width = if on_terminal {
            let (_, columns) = console::Term::stdout().size();
            usize::from(columns).clamp(Style::MIN_WIDTH, 100)
        } else {
            80
        };
        Screen {
            on_terminal,
            style: Style {
                color: color && !json,
                width,
            },
        }
    }

    /// What a session says under its first card of `notices` (as [`super::Ctx::notices`]):
    /// on a terminal, whose first card clears stderr's copy; plain lines keep it in view.
    pub fn notice(&self, notices: &[String]) -> Option<String> {
        (self.on_terminal && !notices.is_empty()).then(|| {
            let said = notices.join("; ");
            let mut first = said.chars();
            let capital: String = first
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            format!("{capital}{}.", first.as_str())
        })
    }

    /// Runs `session` with the prompter this screen calls for. In plain lines with `--json`
    /// the cards go to stderr, so stdout carries only the JSON that follows.
    pub fn run<T>(
        &self,
        out: &mut dyn Write,
        json: bool,
        session: impl FnOnce(&mut dyn Prompter) -> Result<T>,
    ) -> Result<T> {
        if self.on_terminal {
            let term = console::Term::stdout();
            let value = session(&mut TermPrompter::new(term.clone()))?;
            // What follows replaces the last card rather than trailing under it.
            term.clear_screen()?;
            return Ok(value);
        }
        let stdin = std::io::stdin();
        let screen: &mut dyn Write = if json { &mut std::io::stderr() } else { out };
        let mut prompter = PlainPrompter::new(stdin.lock(), &mut *screen);
        let value = session(&mut prompter)?;
        Ok(value)
    }
}

/// Runs a review or cram session, then prints its summary (or, with `--json`, only the
/// summary on stdout).
pub fn run_session(
    desk: &mut Desk<'_>,
    out: &mut dyn Write,
    json: bool,
    color: bool,
    limit: Option<u32>,
    notices: &[String],
) -> Result<()> {
    let screen = Screen::detect(json, color);
    let options = Options {
        limit: limit.map(|n| n as usize),
        style: screen.style,
        notice: screen.notice(notices),
    };
    let summary = screen.run(out, json, |prompter| review::run(desk, prompter, &options))?;
    if json {
        return print_json(out, &summary);
    }
    write!(out, "{}", review::render_summary(&summary, screen.style))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_session_says_what_the_command_did_unasked_once_as_a_sentence() {
        let screen = |on_terminal| Screen {
            on_terminal,
            style: Style::plain(80),
        };
        let notices = [
            "new database at /d/r.db".to_string(),
            "imported the bundled deck: 480 cards".to_string(),
        ];
        assert_eq!(
            screen(true).notice(&notices).as_deref(),
            Some("New database at /d/r.db; imported the bundled deck: 480 cards.")
        );
        // In plain lines stderr's copy stays in view; with nothing done unasked, nothing.
        assert_eq!(screen(false).notice(&notices), None);
        assert_eq!(screen(true).notice(&[]), None);
    }
}
