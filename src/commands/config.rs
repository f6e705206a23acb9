//! `ecoledger config [KEY VALUE]`: show or change the ledger's settings: `overspend`
//! (`warn`, the default, or `stop`: payments above a project's current estimate) and
//! `payment-dates` (`warn`, the default, or `stop`: payments dated more than a year
//! outside the project's schedule).

use super::{Context, Outcome, WriteArgs};
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Text};
use crate::render::{col, Cell, Output, Table};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub key: Option<String>,
    #[arg(requires = "key")]
    pub value: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Every setting: its key, the values it takes (the first is the default).
const SETTINGS: [(&str, [&str; 2]); 2] = [
    ("overspend", ["warn", "stop"]),
    ("payment-dates", ["warn", "stop"]),
];

fn known() -> String {
    SETTINGS.map(|(k, _)| k).join(", ")
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let setting = match args.key.as_deref() {
        None => None,
        Some(key) => Some(
            SETTINGS
                .iter()
                .find(|(k, _)| *k == key)
                .ok_or_else(|| Error::bad_value("config", msg::unknown_setting(key, known())))?,
        ),
    };
    match (setting, args.value.as_deref()) {
        (Some((key, values)), Some(v)) => {
            let value = values
                .iter()
                .find(|x| x.eq_ignore_ascii_case(v.trim()))
                .ok_or_else(|| {
                    Error::bad_value(*key, msg::setting_values(v, values[0], values[1]))
                })?;
            let stamp = args.write.stamp(ctx)?;
            let mut store = ctx.open_store()?;
            store.write(stamp, |tx| tx.set_setting(key, value).map(|_| ()))?;
            ctx.say(&Text::data(format!("{key} = {value}")))?;
        }
        (only, _) => {
            let store = ctx.open_store()?;
            let mut rows = Vec::new();
            for (key, values) in SETTINGS {
                if only.is_some_and(|(k, _)| *k != key) {
                    continue;
                }
                let stored = store.setting(key)?;
                let value = stored
                    .as_deref()
                    .filter(|v| values.contains(v))
                    .unwrap_or(values[0]);
                rows.push(vec![Cell::text(key), Cell::text(value)]);
            }
            let lang = ctx.lang;
            ctx.emit(&Output::Table(Table {
                columns: vec![
                    col("key", lang.pick(i18n::SETTING)),
                    col("value", lang.pick(i18n::VALUE)),
                ],
                rows,
                ..Default::default()
            }))?;
        }
    }
    Ok(Outcome::Success)
}
