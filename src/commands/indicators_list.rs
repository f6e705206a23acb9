//! `ecoledger indicators list [--field F] [--department D]`: the plan's 38 indicators
//! (表2-1) as the plan gives them, optionally only one field's or one department's.

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "FIELD")]
    pub field: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let table = crate::seed::indicators()?;
    let mut chosen: Vec<_> = table.indicators.iter().collect();
    if let Some(f) = args.field.as_deref().map(str::trim) {
        // 生态制度 or 生态制度建设 (as the appendix tables name the categories).
        let f = f.strip_suffix("建设").unwrap_or(f);
        chosen.retain(|i| i.field == f);
        if chosen.is_empty() {
            let mut known: Vec<&str> = table.indicators.iter().map(|i| i.field.as_str()).collect();
            known.dedup();
            return Err(Error::bad_value(
                "--field",
                msg::err_indicator_field(f, known.join("、")),
            ));
        }
    }
    if let Some(d) = args.department.as_deref().map(str::trim) {
        chosen.retain(|i| i.departments().iter().any(|x| x == d));
        if chosen.is_empty() {
            return Err(Error::bad_value(
                "--department",
                msg::err_indicator_department(d),
            ));
        }
    }
    ctx.emit(&reports::indicators::list(&chosen, ctx.lang))?;
    Ok(Outcome::Success)
}
