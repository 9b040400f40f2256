//! `config [KEY [VALUE]]`.

use std::io::Write;

use anyhow::Result;

use super::{Ctx, print_json};
use crate::cli;
use crate::settings::{KEYS, Settings, key};

impl cli::Config {
    pub fn run(&self, ctx: &mut Ctx, out: &mut dyn Write) -> Result<()> {
        let (name, value) = (self.key.as_deref(), self.value.as_deref());
        match (name, value) {
            (None, _) => {
                if ctx.json {
                    let map: serde_json::Map<String, serde_json::Value> = KEYS
                        .iter()
                        .map(|k| (k.name.to_string(), k.get(&ctx.settings).into()))
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
