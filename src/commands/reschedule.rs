//! `ecoledger reschedule ID 2023-2026 --reason R`: change a project's schedule. The even
//! spread follows by itself; a project with an explicit annual plan needs a new one in
//! the same command (`--plan …` or `--plan even`).

use super::{check_not_before, plan_after_change, plan_text, reason, Context, Outcome, WriteArgs};
use crate::domain::project::normalize_id;
use crate::domain::spending::outside_schedule;
use crate::domain::Schedule;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::store::write::{Change, FieldChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[arg(value_name = "SCHEDULE")]
    pub schedule: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[arg(long, num_args = 1.., value_name = "YEAR=AMOUNT|even")]
    pub plan: Vec<String>,
    #[arg(long)]
    pub allow_payments_outside: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let why = reason("reschedule", &args.reason)?;
    let schedule = Schedule::parse(&args.schedule).map_err(|e| Error::bad_value("SCHEDULE", e))?;
    let id = normalize_id(&args.id);
    let stamp = args.write.stamp(ctx)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let mut store = ctx.open_store()?;
    let line = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        let before = &state.project;
        check_not_before(&id, date, state.last_effective)?;
        if schedule == before.schedule && args.plan.is_empty() {
            return Err(Error::Refused {
                id: id.clone(),
                what: msg::schedule_unchanged(schedule),
            });
        }
        let outside: Vec<String> = tx
            .payment_dates(&id)?
            .into_iter()
            .filter(|d| outside_schedule(d, schedule))
            .collect();
        if !outside.is_empty() && !args.allow_payments_outside {
            return Err(Error::Refused {
                id: id.clone(),
                what: msg::payments_outside_schedule(
                    outside.len(),
                    schedule.to_string(),
                    outside.join(", "),
                ),
            });
        }
        let plan = plan_after_change(&id, &args.plan, &state.plan, before.estimate, schedule)?;
        let mut after = before.clone();
        after.schedule = schedule;
        let mut fields = Vec::new();
        if schedule != before.schedule {
            fields.push(FieldChange::new(
                "schedule",
                before.schedule.to_string(),
                schedule.to_string(),
            ));
        }
        if !outside.is_empty() {
            // The user's decision to leave them there, in the history.
            fields.push(FieldChange::new(
                "payments_outside_schedule",
                String::new(),
                outside.join(", "),
            ));
        }
        if plan != state.plan {
            fields.push(FieldChange::new(
                "plan",
                plan_text(&state.plan),
                plan_text(&plan),
            ));
        }
        tx.record(&Change {
            after: &after,
            plan: &plan,
            effective: date,
            change: "schedule",
            action: "reschedule",
            fields,
            reason: Some(why),
            note,
        })?;
        Ok(msg::schedule_changed(&id, before.schedule, schedule))
    })?;
    ctx.say(&line)?;
    Ok(Outcome::Success)
}
