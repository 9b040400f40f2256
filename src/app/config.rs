//! `config [KEY [VALUE]]`.

use std::io::Write;

use anyhow::Result;

use super::{Ctx, print_json};
use crate::cli;
use crate::settings::{INTERVIEW_DATE, KEYS, Settings, key, parse_interview_date};

impl cli::Config {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let (name, value) = (self.key.as_deref(), self.value.as_deref());
        if name == Some(INTERVIEW_DATE) {
            return interview_date(ctx, out, value);
        }
        let date = ctx
            .settings
            .interview_date
            .map_or("none".to_string(), |d| d.to_string());
        match (name, value) {
            (None, _) => {
                if ctx.json {
                    let map: serde_json::Map<String, serde_json::Value> = KEYS
                        .iter()
                        .map(|k| (k.name.to_string(), k.get(&ctx.settings).into()))
                        .chain([(
                            INTERVIEW_DATE.to_string(),
                            ctx.settings.interview_date.map(|d| d.to_string()).into(),
                        )])
                        .collect();
                    return print_json(out, &map);
                }
                let defaults = Settings::default();
                for k in KEYS {
                    let v = k.get(&ctx.settings);
                    let note = if v == k.get(&defaults) {
                        " (default)".to_string()
                    } else {
                        String::new()
                    };
                    writeln!(out, "{:<24} {:>6}{note:<10}  {}", k.name, v, k.about)?;
                }
                writeln!(
                    out,
                    "{INTERVIEW_DATE:<24} {date:>10}      new cards paced and reviews due by its eve"
                )?;
            }
            (Some(name), None) => {
                let k = key(name)?;
                writeln!(out, "{}", k.get(&ctx.settings))?;
            }
            (Some(name), Some(value)) => {
                let k = key(name)?;
                let v = k.parse(value)?;
                ctx.store.set_setting(k.name, &v.to_string())?;
                writeln!(out, "{} = {v}", k.name)?;
            }
        }
        Ok(())
    }
}

/// `config interview_date [YYYY-MM-DD|none]`. A date before today is refused: it would pace
/// nothing.
fn interview_date(ctx: &mut Ctx, out: &mut dyn Write, value: Option<&str>) -> Result<()> {
    let Some(value) = value else {
        let shown = ctx
            .settings
            .interview_date
            .map_or("none".to_string(), |d| d.to_string());
        writeln!(out, "{shown}")?;
        return Ok(());
    };
    let date = parse_interview_date(value)?;
    if let Some(date) = date
        && date < ctx.clock.today
    {
        anyhow::bail!(
            "{INTERVIEW_DATE} {date} is in the past (today is {}); give a date ahead, or none",
            ctx.clock.today
        );
    }
    let Some(date) = date else {
        ctx.store.set_setting(INTERVIEW_DATE, "none")?;
        writeln!(out, "{INTERVIEW_DATE} = none")?;
        return Ok(());
    };
    // Reviews already scheduled past the eve come in to it, as a grade given from now on
    // would be (on the day itself there is no eve ahead to pull in to).
    let eve = date.pred_opt().filter(|&eve| eve >= ctx.clock.today);
    let pulled = ctx
        .store
        .set_interview_date(INTERVIEW_DATE, &date.to_string(), eve)?;
    writeln!(out, "{INTERVIEW_DATE} = {date}")?;
    // On stderr, as other notices: stdout stays the setting alone.
    if let (Some(eve), 1..) = (eve, pulled) {
        let (reviews, were) = if pulled == 1 {
            ("review", "was")
        } else {
            ("reviews", "were")
        };
        eprintln!(
            "recall: {pulled} {reviews} due after {eve}, the interview's eve, {were} pulled in to it"
        );
    }
    Ok(())
}
