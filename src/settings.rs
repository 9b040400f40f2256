//! Settings: names, defaults, allowed ranges. Stored as text in the `settings` table.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;

use crate::scheduler::MasteryRule;
use crate::store::Store;

/// Everything a learner can set with `recall config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub new_per_day: u32,
    pub reviews_per_day: u32,
    pub rollover_hour: u32,
    pub rule: MasteryRule,
    /// New cards added to one day's allowance by `review --extra-new N`: the day and N.
    pub extra_new: Option<(NaiveDate, u32)>,
    /// `interview_date`: new cards are paced and due dates pulled in up to it.
    pub interview_date: Option<NaiveDate>,
}

/// Where `review --extra-new` keeps the day's extra allowance, as `YYYY-MM-DD N`.
pub const EXTRA_NEW_KEY: &str = "extra_new";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            new_per_day: 10,
            reviews_per_day: 200,
            rollover_hour: 4,
            rule: MasteryRule::default(),
            extra_new: None,
            interview_date: None,
        }
    }
}

/// One setting: its key, what it means, and its range.
pub struct Key {
    pub name: &'static str,
    pub about: &'static str,
    pub min: u32,
    pub max: u32,
    get: fn(&Settings) -> u32,
    set: fn(&mut Settings, u32),
}

pub const KEYS: &[Key] = &[
    Key {
        name: "new_per_day",
        about: "new cards introduced per day",
        min: 0,
        max: 100_000,
        get: |s| s.new_per_day,
        set: |s, v| s.new_per_day = v,
    },
    Key {
        name: "reviews_per_day",
        about: "scheduled reviews per day",
        min: 0,
        max: 1_000_000,
        get: |s| s.reviews_per_day,
        set: |s, v| s.reviews_per_day = v,
    },
    Key {
        name: "rollover_hour",
        about: "hour (0-23, local time) at which a new day starts",
        min: 0,
        max: 23,
        get: |s| s.rollover_hour,
        set: |s, v| s.rollover_hour = v,
    },
    Key {
        name: "mastery.min_repetitions",
        about: "successful reviews in a row before follow-ups open",
        min: 1,
        max: 1000,
        get: |s| s.rule.min_repetitions,
        set: |s, v| s.rule.min_repetitions = v,
    },
    Key {
        name: "mastery.min_grade",
        about: "grade the last review needs (3-5) to count as mastered",
        min: 3,
        max: 5,
        get: |s| u32::from(s.rule.min_grade),
        set: |s, v| s.rule.min_grade = v as u8,
    },
    Key {
        name: "mastery.mature_days",
        about: "interval (days) that counts as mastered whatever the last grade",
        min: 1,
        max: 36_500,
        get: |s| s.rule.mature_days,
        set: |s, v| s.rule.mature_days = v,
    },
];

/// The setting that holds the interview date (a date, not a number like the others).
pub const INTERVIEW_DATE: &str = "interview_date";

/// Reads an `interview_date` value: `YYYY-MM-DD`, or `none` to clear it.
pub fn parse_interview_date(text: &str) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|e| {
            // chrono's own words ("input is out of range") say less than ours.
            let why = match e.kind() {
                chrono::format::ParseErrorKind::OutOfRange => " (there is no such day)",
                _ => "",
            };
            anyhow::anyhow!(
                "bad value '{text}' for {INTERVIEW_DATE}{why}: a date YYYY-MM-DD, or none"
            )
        })
}

pub fn key(name: &str) -> Result<&'static Key> {
    KEYS.iter().find(|k| k.name == name).with_context(|| {
        let names: Vec<&str> = KEYS
            .iter()
            .map(|k| k.name)
            .chain([INTERVIEW_DATE])
            .collect();
        format!(
            "unknown setting '{name}': the settings are {}",
            names.join(", ")
        )
    })
}

impl Key {
    pub fn get(&self, settings: &Settings) -> u32 {
        (self.get)(settings)
    }

    /// Checks a value typed by the user.
    pub fn parse(&self, text: &str) -> Result<u32> {
        match text.trim().parse::<u32>() {
            Ok(v) if (self.min..=self.max).contains(&v) => Ok(v),
            _ => bail!(
                "bad value '{text}' for {}: a whole number from {} to {}",
                self.name,
                self.min,
                self.max
            ),
        }
    }
}

impl Settings {
    /// New cards allowed on `day`: `new_per_day`, plus what `--extra-new` added for that day.
    pub fn new_cards_on(&self, day: NaiveDate) -> u32 {
        match self.extra_new {
            Some((extra_day, n)) if extra_day == day => self.new_per_day.saturating_add(n),
            _ => self.new_per_day,
        }
    }

    /// The stored settings over the defaults; a value that does not parse keeps its default.
    pub fn load(store: &Store) -> Result<Settings> {
        let mut settings = Settings::default();
        for (name, value) in store.settings()? {
            if name == EXTRA_NEW_KEY {
                settings.extra_new = value
                    .split_once(' ')
                    .and_then(|(day, n)| Some((day.parse().ok()?, n.parse().ok()?)));
                continue;
            }
            if name == INTERVIEW_DATE {
                settings.interview_date = parse_interview_date(&value).ok().flatten();
                continue;
            }
            if let Ok(k) = key(&name)
                && let Ok(v) = k.parse(&value)
            {
                (k.set)(&mut settings, v);
            }
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_override_defaults() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_setting("new_per_day", "3").unwrap();
        store.set_setting("mastery.min_grade", "5").unwrap();
        let s = Settings::load(&store).unwrap();
        assert_eq!(s.new_per_day, 3);
        assert_eq!(s.rule.min_grade, 5);
        assert_eq!(s.reviews_per_day, 200);
    }

    #[test]
    fn values_out_of_range_are_refused() {
        assert!(key("rollover_hour").unwrap().parse("24").is_err());
        assert!(key("mastery.min_grade").unwrap().parse("2").is_err());
        assert_eq!(key("new_per_day").unwrap().parse("25").unwrap(), 25);
        assert!(key("colour").is_err());
    }
}
