//! `ecoledger estimate ID AMOUNT --stage S --reason R`: record a revised estimate. The
//! stage may stay or advance (估算 → 概算 → 预算 → 结算 → 决算), never go back. A project
//! with an explicit annual plan needs a new one in the same command (`--plan …` or
//! `--plan even`), so its plan always adds up to its estimate.

use super::{check_not_before, plan_after_change, plan_text, reason, Context, Outcome, WriteArgs};
use crate::domain::project::{normalize_id, Stage};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang, Text};
use crate::store::write::{Change, FieldChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[arg(value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    #[arg(long, value_name = "STAGE")]
    pub stage: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
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
            msg::quoted_problem(args.amount.trim(), msg::estimate_not_positive()),
        ));
    }
    let stage = parse_stage(&args.stage)?;
    let id = normalize_id(&args.id);
    let stamp = args.write.stamp(ctx)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let mut store = ctx.open_store()?;
    let line = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        let before = &state.project;
        check_not_before(&id, date, state.last_effective)?;
        if stage < before.stage {
            return Err(Error::Refused {
                id: id.clone(),
                what: msg::stage_backwards(stage.words(), before.stage.words()),
            });
        }
        if amount == before.estimate && stage == before.stage {
            return Err(Error::Refused {
                id: id.clone(),
                what: msg::estimate_unchanged(msg::wan(amount)),
            });
        }
        let plan = plan_after_change(&id, &args.plan, &state.plan, amount, before.schedule)?;
        let mut after = before.clone();
        after.estimate = amount;
        after.stage = stage;
        let mut fields = vec![FieldChange::new(
            "estimate_wan",
            before.estimate.plain(),
            amount.plain(),
        )];
        if stage != before.stage {
            fields.push(FieldChange::new(
                "stage",
                before.stage.code().to_string(),
                stage.code().to_string(),
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
        Ok(msg::estimate_revised(
            &id,
            stage.words(),
            before.estimate.grouped(),
            msg::wan(amount.grouped()),
        ))
    })?;
    ctx.say(&line)?;
    Ok(Outcome::Success)
}

/// A cost stage as typed: its code (`preliminary`), or its English or Chinese label
/// (`preliminary estimate`, `概算`).
pub fn parse_stage(text: &str) -> Result<Stage> {
    Stage::parse(text).ok_or_else(|| {
        Error::bad_value(
            "--stage",
            msg::unknown_stage(
                text.trim(),
                Text::list(Stage::ALL.iter().map(|s| {
                    Text::new(s.code(), format!("{}（{}）", s.code(), s.label(Lang::Zh)))
                })),
            ),
        )
    })
}
