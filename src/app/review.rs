//! `review`: the session loop of `crate::review` over the real store and terminal.

use std::io::{IsTerminal, Write};

use anyhow::Result;

use super::{Ctx, print_json, resolve_scope};
use crate::cli;
use crate::review::{self, Options, PlainPrompter, Style, TermPrompter};
use crate::study::Desk;

impl cli::Review {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let filter = resolve_scope(&ctx.store, &self.scope)?;
        let limit = self.limit.map(|n| n as usize);
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
        let mut desk = Desk {
            store: &mut ctx.store,
            settings: &ctx.settings,
            clock: &ctx.clock,
            filter,
        };
        let summary = if on_terminal {
            let term = console::Term::stdout();
            let summary = review::run(&mut desk, &mut TermPrompter::new(term.clone()), &options)?;
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
            review::run(&mut desk, &mut prompter, &options)?
        };
        if json {
            return print_json(out, &summary);
        }
        write!(out, "{}", review::render_summary(&summary, style))?;
        Ok(())
    }
}
