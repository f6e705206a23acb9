//! `ecoledger plan ID 2023=1200 2024=800 …`: set an explicit annual plan (分年度计划)
//! that overrides the even spread; `ecoledger plan ID even` goes back to it. The plan
//! must add up exactly to the current estimate and stay inside the schedule.

use super::{
    check_not_before, optional_text, plan_from_args, plan_label, plan_text, Context, Outcome,
    WriteArgs,
};
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::store::write::{Change, FieldChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[arg(required = true, value_name = "YEAR=AMOUNT|even")]
    pub items: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let id = normalize_id(&args.id);
    let stamp = args.write.stamp(ctx)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let why = optional_text(&args.reason);
    let mut store = ctx.open_store()?;
    let line = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        check_not_before(&id, date, state.last_effective)?;
        let plan = plan_from_args(&args.items, state.project.estimate, state.project.schedule)
            .map_err(|e| match e {
                Error::BadValue { problem, .. } => Error::Refused {
                    id: id.clone(),
                    what: problem,
                },
                other => other,
            })?;
        if plan == state.plan {
            return Err(Error::Refused {
                id: id.clone(),
                what: msg::plan_unchanged(plan_label(&plan)),
            });
        }
        tx.record(&Change {
            after: &state.project,
            plan: &plan,
            effective: date,
            change: "plan",
            action: "plan",
            fields: vec![FieldChange::new(
                "plan",
                plan_text(&state.plan),
                plan_text(&plan),
            )],
            reason: why,
            note,
        })?;
        Ok(msg::plan_changed(
            &id,
            plan_label(&state.plan),
            plan_label(&plan),
        ))
    })?;
    ctx.say(&line)?;
    Ok(Outcome::Success)
}
