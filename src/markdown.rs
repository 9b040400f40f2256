//! Markdown of bodies, answers and notes drawn for the terminal: bold and inline code
//! marked, lists with their markers, fenced code indented and kept verbatim, never raw `**`.
//! pulldown-cmark reads the document; this module only decides how each part looks.
//!
//! Text is laid out first with placeholder characters around bold and code spans, wrapped by
//! width, and only then given its look: colour (ANSI) on a terminal, or plain (`code` in
//! backticks, bold as plain text) when piped or with `NO_COLOR`. Underscores are never
//! emphasis (`__init__` stays `__init__`), as the deck format promises.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::{Style, visible, wrap};

const BOLD_ON: char = '\u{E000}';
const BOLD_OFF: char = '\u{E001}';
const CODE_ON: char = '\u{E002}';
const CODE_OFF: char = '\u{E003}';

/// One block of output before wrapping.
enum Block {
    /// Prose, wrapped to the width; `lead` is the list marker or quote bar it starts with,
    /// `hang` the indent of its continuation lines.
    Prose {
        lead: String,
        text: String,
    },
    /// Code, one line each, never wrapped.
    Code(Vec<String>),
    Blank,
}

/// Renders `markdown` into lines at most `width` columns wide (code lines aside).
pub fn render(markdown: &str, width: usize, style: Style) -> Vec<String> {
    render_with(markdown, width, style, false)
}

/// A question's text, drawn as [`render`] draws Markdown but all of it in bold: the line a
/// learner answers stands out, and its `code` and `**emphasis**` are never shown raw.
pub fn render_question(markdown: &str, width: usize, style: Style) -> Vec<String> {
    render_with(markdown, width, style, true)
}

/// Context shown with a question (its main question), dimmed: drawn without colour
/// inside, so that nothing in it ends the dimming early.
pub fn render_context(markdown: &str, width: usize, style: Style) -> Vec<String> {
    let plain = Style {
        color: false,
        ..style
    };
    render_with(markdown, width, plain, false)
        .iter()
        .map(|l| style.dim(l))
        .collect()
}

fn render_with(markdown: &str, width: usize, style: Style, strong: bool) -> Vec<String> {
    let markdown = visible(markdown);
    let blocks = blocks(&markdown);
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            Block::Blank => {
                if lines.last().is_some_and(|l: &String| !l.is_empty()) {
                    lines.push(String::new());
                }
            }
            Block::Code(code) => {
                for line in code {
                    let line = format!("    {line}");
                    lines.push(if style.color {
                        style.accent(&line)
                    } else {
                        line
                    });
                }
            }
            Block::Prose { lead, text } => {
                // A span the wrapper cut goes on at the start of the next line.
                let mut carry = None;
                for line in wrap(&format!("{lead}{text}"), width.saturating_sub(1).max(1)) {
                    lines.push(look(&line, style, strong, &mut carry));
                }
            }
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// Turns the placeholders into colour, or into plain text; `strong` makes the text outside
/// spans bold too. `carry` is the span left open at the end of the previous line, and on
/// return the one left open at the end of this.
fn look(line: &str, style: Style, strong: bool, carry: &mut Option<char>) -> String {
    let plain = |text: &str| {
        if strong && !text.is_empty() {
            style.bold(text)
        } else {
            text.to_string()
        }
    };
    let mut out = String::with_capacity(line.len());
    let mut span = String::new();
    let mut open = carry.take();
    let close = |out: &mut String, span: &mut String, kind: char| {
        if kind == BOLD_ON {
            out.push_str(&style.bold(span));
        } else if style.color {
            out.push_str(&style.accent(span));
        } else {
            out.push('`');
            out.push_str(span);
            out.push('`');
        }
        span.clear();
    };
    for c in line.chars() {
        match (c, open) {
            (BOLD_ON | CODE_ON, _) => {
                out.push_str(&plain(&span));
                span.clear();
                open = Some(c);
            }
            (BOLD_OFF | CODE_OFF, Some(kind)) => {
                close(&mut out, &mut span, kind);
                open = None;
            }
            (BOLD_OFF | CODE_OFF, None) => {}
            (c, _) => span.push(c),
        }
    }
    match open {
        Some(kind) => {
            let trailing = span.len() - span.trim_end().len();
            span.truncate(span.len() - trailing);
            if !span.is_empty() {
                close(&mut out, &mut span, kind);
            }
            *carry = Some(kind);
        }
        None => out.push_str(&plain(&span)),
    }
    out
}

fn blocks(markdown: &str) -> Vec<Block> {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut blocks = Vec::new();
    let mut text = String::new();
    // Markers of the open lists: `None` bulleted, `Some(n)` numbered from n.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut lead = String::new();
    let mut quote = 0usize;
    // Columns a continuation line of the current list item is indented by.
    let mut hang_width = 0usize;
    let mut code: Option<Vec<String>> = None;
    // Inside emphasis written with underscores: the source is kept as written.
    let mut raw_until: Option<TagEnd> = None;
    let flush = |blocks: &mut Vec<Block>, text: &mut String, lead: &mut String| {
        let t = text.trim().to_string();
        if !t.is_empty() {
            blocks.push(Block::Prose {
                lead: std::mem::take(lead),
                text: t,
            });
        }
        text.clear();
    };
    for (event, range) in parser.into_offset_iter() {
        if let Some(end) = &raw_until {
            if matches!(&event, Event::End(e) if e == end) {
                raw_until = None;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Strong | Tag::Emphasis)
                if markdown[range.clone()].starts_with('_') =>
            {
                text.push_str(&markdown[range.clone()]);
                raw_until = Some(match &markdown[range.clone()] {
                    s if s.starts_with("__") => TagEnd::Strong,
                    _ => TagEnd::Emphasis,
                });
                // `_x_` nested in `__…__` closes with the outer one: the end we wait for is
                // the first of its kind, which is the right one for the usual `__init__`.
            }
            Event::Start(Tag::Strong) => text.push(BOLD_ON),
            Event::End(TagEnd::Strong) => text.push(BOLD_OFF),
            Event::Code(code_text) => {
                text.push(CODE_ON);
                text.push_str(&code_text);
                text.push(CODE_OFF);
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) if lead.is_empty() && quote > 0 => {
                lead = "│ ".repeat(quote);
            }
            Event::End(TagEnd::Paragraph) => {
                flush(&mut blocks, &mut text, &mut lead);
                if lists.is_empty() {
                    blocks.push(Block::Blank);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let heading = format!("{BOLD_ON}{}{BOLD_OFF}", text.trim());
                text = heading;
                flush(&mut blocks, &mut text, &mut lead);
                blocks.push(Block::Blank);
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::List(first)) => {
                flush(&mut blocks, &mut text, &mut lead);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut blocks, &mut text, &mut lead);
                lists.pop();
                if lists.is_empty() {
                    blocks.push(Block::Blank);
                }
            }
            Event::Start(Tag::Item) => {
                flush(&mut blocks, &mut text, &mut lead);
                let depth = lists.len().saturating_sub(1);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                lead = format!("{}{}{marker}", "│ ".repeat(quote), "  ".repeat(depth));
                hang_width = crate::text::width(&lead);
            }
            Event::End(TagEnd::Item) => {
                flush(&mut blocks, &mut text, &mut lead);
                hang_width = 0;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut blocks, &mut text, &mut lead);
                code = Some(Vec::new());
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(lines) = code.take() {
                    blocks.push(Block::Code(lines));
                    if lists.is_empty() {
                        blocks.push(Block::Blank);
                    }
                }
            }
            Event::Text(t) => match &mut code {
                Some(lines) => lines.extend(t.lines().map(str::to_string)),
                None => text.push_str(&t),
            },
            // A line break is kept as the author made it (notes and answers are written line
            // by line), continuing under the list item's text.
            Event::SoftBreak => {
                let hang = " ".repeat(crate::text::width(&lead).max(hang_width));
                flush(&mut blocks, &mut text, &mut lead);
                lead = hang;
            }
            Event::HardBreak => {
                flush(&mut blocks, &mut text, &mut lead);
            }
            Event::Rule => {
                flush(&mut blocks, &mut text, &mut lead);
                blocks.push(Block::Prose {
                    lead: String::new(),
                    text: "───".to_string(),
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => text.push_str(&html),
            Event::Start(Tag::Table(_)) => {
                // Tables keep their source lines: their layout is already for monospace.
                flush(&mut blocks, &mut text, &mut lead);
                blocks.push(Block::Code(
                    markdown[range.clone()]
                        .lines()
                        .map(str::to_string)
                        .collect(),
                ));
                raw_until = Some(TagEnd::Table);
            }
            _ => {}
        }
    }
    flush(&mut blocks, &mut text, &mut lead);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str) -> Vec<String> {
        render(md, 40, Style::plain(40))
    }

    #[test]
    fn bold_and_code_lose_their_markers() {
        assert_eq!(
            plain("**GIL** держит `threading` в узде"),
            ["GIL держит `threading` в узде"]
        );
    }

    #[test]
    fn underscores_stay_as_written() {
        assert_eq!(
            plain("Методы __new__ и __init__ и _private_"),
            ["Методы __new__ и __init__ и _private_"]
        );
    }

    #[test]
    fn lists_keep_markers_and_hang() {
        assert_eq!(
            plain(
                "Итог:\n\n- первый пункт, достаточно длинный, чтобы перенестись\n- второй\n\n1. раз\n2. два"
            ),
            [
                "Итог:",
                "",
                "- первый пункт, достаточно длинный,",
                "  чтобы перенестись",
                "- второй",
                "",
                "1. раз",
                "2. два",
            ]
        );
    }

    #[test]
    fn code_is_indented_and_verbatim() {
        assert_eq!(
            plain(
                "Пример:\n\n```python\ndef f(x):\n    return x  # a very long comment that is not wrapped\n```\n\nКонец."
            ),
            [
                "Пример:",
                "",
                "    def f(x):",
                "        return x  # a very long comment that is not wrapped",
                "",
                "Конец.",
            ]
        );
    }

    #[test]
    fn a_code_span_cut_by_the_width_is_marked_on_both_lines() {
        assert_eq!(
            plain("см. `one two three four five six seven eight nine ten`"),
            [
                "см. `one two three four five six seven`",
                "`eight nine ten`"
            ]
        );
    }

    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(
            plain("первая строка\nвторая\n\n- пункт\n  продолжение"),
            ["первая строка", "вторая", "", "- пункт", "  продолжение"]
        );
    }

    #[test]
    fn colour_marks_bold_and_code() {
        let lines = render(
            "**x** `y`",
            40,
            Style {
                color: true,
                width: 40,
            },
        );
        assert!(lines[0].contains('\u{1b}'));
        assert!(!lines[0].contains("**") && !lines[0].contains('`'));
    }

    #[test]
    fn a_question_is_bold_throughout_and_never_shows_raw_markdown() {
        let question = "Что делает `__init__` и **зачем** нужен self?";
        assert_eq!(
            render_question(question, 80, Style::plain(80)),
            ["Что делает `__init__` и зачем нужен self?"]
        );
        let colour = Style {
            color: true,
            width: 80,
        };
        let line = &render_question(question, 80, colour)[0];
        assert!(!line.contains("**"), "{line}");
        // Each plain stretch is bold, the code span in the code colour.
        assert!(line.starts_with(&colour.bold("Что делает ")), "{line:?}");
        assert!(line.contains(&colour.accent("__init__")), "{line:?}");
        assert!(line.ends_with(&colour.bold(" нужен self?")), "{line:?}");
        // The main question shown as context is dimmed, with nothing inside to end it.
        let context = &render_context("Main question 1: `x` **y**", 80, colour)[0];
        assert_eq!(context, &colour.dim("Main question 1: `x` y"));
    }
}
