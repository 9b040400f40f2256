//! Text helpers for terminal output, measured in columns (Cyrillic, CJK and emoji alike).

use chrono::NaiveDate;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to at most `width` columns, with `…` when cut; one line only.
pub fn fit(text: &str, width: usize) -> String {
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
