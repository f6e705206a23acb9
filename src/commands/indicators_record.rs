//! `ecoledger indicators record NO[.PART] VALUE --year Y --source TEXT [--date D]
//! [--met yes|no] [--reason R]`: records a measured value of an indicator, one part of
//! it, or a basic condition (`C1`–`C7`), in the chained history (see
//! [`crate::ops::indicator`]).

use super::{Context, Outcome};
use crate::error::Result;
use crate::ops;
use crate::ops::indicator::Measure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Met {
    Yes,
    No,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    pub no: String,
    pub value: String,
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    #[arg(long, value_name = "TEXT")]
    pub source: String,
    #[arg(long, value_enum)]
    pub met: Option<Met>,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let write = super::WriteArgs {
        actor: args.actor.clone(),
        password_stdin: args.password_stdin,
        date: None,
        note: None,
    };
    let stamp = write.stamp(ctx)?;
    let date = ops::effective_date(args.date.as_deref(), "--date", &ctx.clock)?;
    let table = crate::seed::indicators()?;
    let measure = Measure {
        address: args.no,
        value: args.value,
        year: args.year,
        source: args.source,
        date,
        met: args.met.map(|m| m == Met::Yes),
        reason: args.reason,
    };
    let this_year = chrono::Datelike::year(&ctx.clock.today());
    let mut store = ctx.open_store()?;
    let done = ops::indicator::record(&mut store, stamp, &table, &measure, this_year)?;
    ctx.say(&done.line())?;
    Ok(Outcome::Success)
}
