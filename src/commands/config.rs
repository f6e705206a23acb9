//! `ecoledger config [KEY VALUE]`: show or change the ledger's settings: `overspend`
//! (`warn`, the default, or `stop`: payments above a project's current estimate) and
//! `payment-dates` (`warn`, the default, or `stop`: payments dated more than a year
//! outside the project's schedule).

use super::{Context, Outcome, WriteArgs};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Text};
use crate::ops::payment::THRESHOLD;
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
    let mut keys = SETTINGS.map(|(k, _)| k).to_vec();
    keys.push(THRESHOLD);
    keys.join(", ")
}

/// `config approval-threshold AMOUNT|none`: payments at or above AMOUNT (万元) need a
/// second finance user's approval; `none` (the default) clears it.
fn set_threshold(ctx: &mut Context<'_>, args: &Args, value: &str) -> Result<Outcome> {
    let value = value.trim();
    let stored = if value.eq_ignore_ascii_case("none") {
        "none".to_string()
    } else {
        let amount = Money::parse_payment(value).map_err(|e| Error::bad_value(THRESHOLD, e))?;
        if amount <= Money::ZERO {
            return Err(Error::bad_value(THRESHOLD, msg::threshold_value(value)));
        }
        amount.plain()
    };
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    store.write(stamp, |tx| tx.set_setting(THRESHOLD, &stored).map(|_| ()))?;
    ctx.say(&Text::data(format!("{THRESHOLD} = {stored}")))?;
    Ok(Outcome::Success)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if let (Some(THRESHOLD), Some(value)) = (args.key.as_deref(), args.value.as_deref()) {
        let value = value.to_string();
        return set_threshold(ctx, &args, &value);
    }
    let setting = match args.key.as_deref() {
        None => None,
        Some(THRESHOLD) => None,
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
            // Listed once set (a ledger that never set it lists as before).
            if let Some(threshold) = store.setting(THRESHOLD)?.filter(|_| only.is_none()) {
                rows.push(vec![Cell::text(THRESHOLD), Cell::text(threshold)]);
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
