//! Question levels: the guide's own "pick questions to the candidate's level". A deck author
//! marks a main question with a line of its own right under its heading, in the deck or in
//! its answer file: `**Level:** middle` (also `Level: middle`, `**Уровень:** middle`).

use serde::Serialize;

/// How senior a question is. Ordered: `Junior < Middle < Senior`, so "at or below" is `<=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Python basics and web basics.
    Junior,
    /// Deep Python, frameworks, architecture.
    Middle,
    /// Production systems and architectural decisions.
    Senior,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Junior, Level::Middle, Level::Senior];

    /// The stored and printed name. The names sort as the levels do (j < m < s), which the
    /// store relies on to select "at or below" with one text comparison.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Middle => "middle",
            Level::Senior => "senior",
        }
    }

    /// The level a name stands for, in any case; `None` for anything else.
    pub fn from_name(name: &str) -> Option<Level> {
        let name = name.trim().to_lowercase();
        Level::ALL.into_iter().find(|l| l.as_str() == name)
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    fn from_str(s: &str) -> Result<Level, String> {
        Level::from_name(s)
            .ok_or_else(|| format!("unknown level '{s}': use junior, middle or senior"))
    }
}

/// Labels a level line may start with, bold or not, with the colon inside or outside.
const LABELS: [&str; 2] = ["level", "уровень"];

/// The level a line declares: `**Level:** middle`, `Level: middle`, `**Уровень**: senior`.
/// `None` when the line is anything else (an unknown level name included: then the line is
/// ordinary text, kept where it was).
pub fn level_line(line: &str) -> Option<Level> {
    let line = line.trim();
    let plain = line.replace("**", "");
    let (label, value) = plain.split_once(':')?;
    let label = label.trim().to_lowercase();
    if !LABELS.contains(&label.as_str()) {
        return None;
    }
    Level::from_name(value)
}

/// Takes a level line off the start of `text` (its first non-blank line) and returns the
/// level; the text keeps the rest, or becomes `None` when nothing else was in it.
pub fn take_level(text: &mut Option<String>) -> Option<Level> {
    let body = text.as_deref()?;
    let start = body.len() - body.trim_start().len();
    let rest = &body[start..];
    let (first, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let level = level_line(first)?;
    let after = after.trim_matches('\n').trim_end();
    *text = (!after.trim().is_empty()).then(|| after.to_string());
    Some(level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_lines_in_the_documented_forms() {
        let cases = [
            ("**Level:** middle", Some(Level::Middle)),
            ("**Level**: Senior", Some(Level::Senior)),
            ("Level: junior", Some(Level::Junior)),
            ("**Уровень:** junior", Some(Level::Junior)),
            ("  уровень: MIDDLE  ", Some(Level::Middle)),
            ("Level: expert", None),
            ("The level: junior devs know this", None),
            ("junior", None),
        ];
        for (line, want) in cases {
            assert_eq!(level_line(line), want, "{line}");
        }
    }

    #[test]
    fn a_level_line_is_taken_off_the_top_only() {
        let mut text = Some("\n**Level:** senior\n\nThe body.\n".to_string());
        assert_eq!(take_level(&mut text), Some(Level::Senior));
        assert_eq!(text.as_deref(), Some("The body."));

        let mut alone = Some("Level: junior".to_string());
        assert_eq!(take_level(&mut alone), Some(Level::Junior));
        assert_eq!(alone, None);

        let mut later = Some("Text first.\nLevel: junior".to_string());
        assert_eq!(take_level(&mut later), None);
        assert_eq!(later.as_deref(), Some("Text first.\nLevel: junior"));
    }

    #[test]
    fn names_sort_as_levels_do() {
        // The store selects "at or below" by comparing the stored names as text.
        let mut by_name = Level::ALL;
        by_name.sort_by_key(|l| l.as_str());
        assert_eq!(by_name, Level::ALL);
        assert!(Level::Junior < Level::Middle && Level::Middle < Level::Senior);
    }
}
