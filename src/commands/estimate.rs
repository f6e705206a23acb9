//! `ecoledger estimate ID AMOUNT --stage S --reason R`: record a revised estimate. The
//! stage may stay or advance (估算 → 概算 → 预算 → 结算 → 决算), never go back. A project
//! with an explicit annual plan needs a new one in the same command (`--plan …` or
//! `--plan even`), so its plan always adds up to its estimate.

use super::{check_not_before, plan_after_change, plan_text, reason, Context, Outcome, WriteArgs};
use crate::domain::project::{normalize_id, Stage};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::store::write::{Change, FieldChange};

/// Record a revised estimate (调整投资估算).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger estimate A5-04 341200 --stage preliminary --reason \"初步设计概算批复\" --date 2023-06-30
  ecoledger estimate A1-11 3900 --stage budget --reason \"预算评审\" --plan 2022=1900 2023=2000

A project with an explicit annual plan needs --plan (new amounts, or `even`) with the revision.")]
pub struct Args {
    /// Project id.
    pub id: String,
    /// The new estimate in 万元 (exact, at most 4 decimals).
    #[arg(value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The cost stage of this figure.
    #[arg(long, value_enum)]
    pub stage: Stage,
    /// Why the estimate changes (required).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// A new annual plan to go with the new estimate: YEAR=AMOUNT … or `even`.
    #[arg(long, num_args = 1.., value_name = "YEAR=AMOUNT|even")]
    pub plan: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let why = reason("estimate", &args.reason)?;
    let amount = Money::parse_wan(&args.amount).map_err(|e| Error::bad_value("AMOUNT", e))?;
    if amount <= Money::ZERO {
        return Err(Error::bad_value(
            "AMOUNT",
            format!("'{}': an estimate must be positive", args.amount.trim()),
        ));
    }
    let id = normalize_id(&args.id);
    let stamp = args.write.stamp(&ctx.clock)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let line = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        let before = &state.project;
        check_not_before(&id, date, state.last_effective)?;
        if args.stage < before.stage {
            return Err(Error::Refused {
                id: id.clone(),
                what: format!(
                    "stage {} comes before the current stage {}; stages only move forward",
                    args.stage.label(lang),
                    before.stage.label(lang)
                ),
            });
        }
        if amount == before.estimate && args.stage == before.stage {
            return Err(Error::Refused {
                id: id.clone(),
                what: format!("the estimate is already {amount} 万元 at this stage"),
            });
        }
        let plan = plan_after_change(&id, &args.plan, &state.plan, amount, before.schedule)?;
        let mut after = before.clone();
        after.estimate = amount;
        after.stage = args.stage;
        let mut fields = vec![FieldChange::new(
            "estimate_wan",
            before.estimate.plain(),
            amount.plain(),
        )];
        if args.stage != before.stage {
            fields.push(FieldChange::new(
                "stage",
                before.stage.code().to_string(),
                args.stage.code().to_string(),
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
            change: "estimate",
            action: "estimate",
            fields,
            reason: Some(why),
            note,
        })?;
        Ok(format!(
            "{id}: {} {} → {} 万元",
            args.stage.label(lang),
            before.estimate.grouped(),
            amount.grouped()
        ))
    })?;
    ctx.say(&line)?;
    Ok(Outcome::Success)
}
