//! Text helpers for terminal output, measured in columns (Cyrillic, CJK and emoji alike).

use chrono::NaiveDate;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How to draw: the caller decides colour (a terminal, and no `NO_COLOR`) and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colours and bold.
    pub color: bool,
    /// Columns available; every line fits in them.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Style {
        Style::plain(Style::DEFAULT_WIDTH)
    }
}

impl Style {
    /// Terminal width assumed when the caller knows no better.
    pub const DEFAULT_WIDTH: usize = 80;
    /// The narrowest width screens are laid out for.
    pub const MIN_WIDTH: usize = 40;

    /// No colour, `width` columns.
    pub fn plain(width: usize) -> Style {
        Style {
            color: false,
            width,
        }
    }

    /// The width to lay out for, never below [`Style::MIN_WIDTH`].
    pub fn columns(self) -> usize {
        self.width.max(Self::MIN_WIDTH)
    }

    /// `text` in `look` when colour is on. console would otherwise decide by itself whether
    /// stdout is a terminal; the caller has decided already.
    pub fn paint(self, text: &str, look: console::Style) -> String {
        if self.color {
            look.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_owned()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint(text, console::Style::new().bold())
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(text, console::Style::new().dim())
    }

    pub fn accent(self, text: &str) -> String {
        self.paint(text, console::Style::new().cyan())
    }
}

/// `text` with every control character made visible (`\e`, `\a`, `\x01`, …), line breaks and
/// tabs aside: text that came from a file (a file name, a note) can then never retitle,
/// recolour or clear the learner's terminal.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.contains(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\u{07}' => out.push_str("\\a"),
            '\u{08}' => out.push_str("\\b"),
            '\r' => out.push_str("\\r"),
            c if is_control(c) => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text` cut to at most `width` columns, with `…` when cut; one line only.
pub fn fit(text: &str, width: usize) -> String {
    let text = visible(text);
    let line = text.lines().next().unwrap_or("");
    if line.width() <= width && !text.contains('\n') {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `text` padded with spaces to `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let text = visible(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` padded on the left with spaces to `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// Lines joined into one text that ends with a newline.
pub fn finish(lines: Vec<String>) -> String {
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `1 card`, `3 cards`: the count and the noun that goes with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `today`, `tomorrow`, `in 5 days`, `3 days ago`.
pub fn relative(day: NaiveDate, today: NaiveDate) -> String {
    match (day - today).num_days() {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// Wraps Markdown-ish text to `width` columns: each source line on its own, list items with
/// a hanging indent, fenced code blocks untouched.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let text = visible(text);
    for line in text.lines() {
        let is_fence = {
            let t = line.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        };
        if is_fence || in_code {
            out.push(line.to_string());
            if is_fence {
                in_code = !in_code;
            }
            continue;
        }
        wrap_line(line.trim_end(), width, &mut out);
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut Vec<String>) {
    if line.width() <= width {
        out.push(line.to_string());
        return;
    }
    let indent_len = line.len() - line.trim_start().len();
    let (indent, rest) = line.split_at(indent_len);
    let marker = list_marker(rest);
    // Continuation lines start under the item's text, but never so far right that nothing fits.
    let hang = (indent.width() + marker.width()).min(width / 2);
    let hang = " ".repeat(hang);

    let mut current = format!("{indent}{marker}");
    let mut fresh = true;
    for word in rest[marker.len()..].split(' ').filter(|w| !w.is_empty()) {
        let needed = if fresh {
            word.width()
        } else {
            word.width() + 1
        };
        if current.width() + needed <= width {
            if !fresh {
                current.push(' ');
            }
            current.push_str(word);
            fresh = false;
            continue;
        }
        if !fresh {
            out.push(std::mem::replace(&mut current, hang.clone()));
        }
        // A word longer than a whole line is cut where the line ends.
        let mut word = word;
        while current.width() + word.width() > width {
            let room = width.saturating_sub(current.width()).max(1);
            let cut = split_at_width(word, room);
            current.push_str(&word[..cut]);
            out.push(std::mem::replace(&mut current, hang.clone()));
            word = &word[cut..];
        }
        current.push_str(word);
        fresh = word.is_empty();
    }
    if !fresh {
        out.push(current);
    }
}

/// `- `, `* `, `+ `, `12. ` or `3) ` at the start of a list item, or nothing.
fn list_marker(text: &str) -> &str {
    for bullet in ["- ", "* ", "+ "] {
        if text.starts_with(bullet) {
            return &text[..2];
        }
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let after = &text[digits..];
        if after.starts_with(". ") || after.starts_with(") ") {
            return &text[..digits + 2];
        }
    }
    ""
}

/// The byte index where `word` reaches `width` columns (at least one character).
fn split_at_width(word: &str, width: usize) -> usize {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && i > 0 {
            return i;
        }
        used += w;
    }
    word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Привет, мир", 20), "Привет, мир");
        assert_eq!(fit("Привет, мир", 7), "Привет…");
        assert_eq!(fit("two\nlines", 20), "two…");
    }

    #[test]
    fn relative_days() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(relative(d, d), "today");
        assert_eq!(relative(d.succ_opt().unwrap(), d), "tomorrow");
        assert_eq!(
            relative(NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(), d),
            "in 5 days"
        );
    }
}
