//! `ecoledger config [KEY VALUE]`: show or change the ledger's settings. The one setting
//! so far is `overspend` (`warn`, the default, or `stop`).

use super::{Context, Outcome, WriteArgs};
use crate::domain::spending::Overspend;
use crate::error::{Error, Result};
use crate::i18n;
use crate::render::{col, Cell, Output, Table};
use clap::ValueEnum;

/// Show or change ledger settings.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger config                   (show the settings)
  ecoledger config overspend stop    (refuse payments above a project's current estimate)
  ecoledger config overspend warn    (record them with a warning; the default)")]
pub struct Args {
    /// The setting: overspend.
    pub key: Option<String>,
    /// Its new value.
    #[arg(requires = "key")]
    pub value: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    match (args.key.as_deref(), args.value.as_deref()) {
        (None, _) | (Some("overspend"), None) => {
            let store = ctx.open_store()?;
            let value = Overspend::from_setting(store.setting("overspend")?.as_deref());
            let lang = ctx.lang;
            ctx.emit(&Output::Table(Table {
                columns: vec![
                    col("key", lang.pick(i18n::SETTING)),
                    col("value", lang.pick(i18n::VALUE)),
                ],
                rows: vec![vec![Cell::text("overspend"), Cell::text(value.code())]],
                ..Default::default()
            }))?;
        }
        (Some("overspend"), Some(v)) => {
            let policy = Overspend::from_str(v, true)
                .map_err(|_| Error::bad_value("overspend", format!("'{v}': use warn or stop")))?;
            let stamp = args.write.stamp(&ctx.clock)?;
            let mut store = ctx.open_store()?;
            store.write(stamp, |tx| {
                tx.set_setting("overspend", policy.code()).map(|_| ())
            })?;
            ctx.say(&format!("overspend = {}", policy.code()))?;
        }
        (Some(other), _) => {
            return Err(Error::bad_value(
                "config",
                format!("unknown setting '{other}'; settings: overspend"),
            ))
        }
    }
    Ok(Outcome::Success)
}
