//! `ecoledger start|complete|suspend|resume|cancel|reopen ID…`: move projects through
//! their lifecycle. Several ids are applied all-or-nothing in one transaction.

use super::{check_not_before, optional_text, reason, Context, Outcome, WriteArgs};
use crate::domain::lifecycle::{list_verbs, Verb};
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::store::write::{Change, FieldChange};

/// Change the status of one or more projects (all or nothing).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger start A5-04 --date 2023-03-01 --by 张伟
  ecoledger complete A1-16 --date 2022-12-20 --note \"竣工验收\"
  ecoledger suspend A5-10 --reason \"征地未完成\"
  ecoledger cancel A4-08 A4-06 --reason \"并入其他项目\"      (both or neither)

Lifecycle: planned -start-> in_progress -complete-> completed; in_progress -suspend-> suspended -resume->
in_progress; planned/in_progress/suspended -cancel-> cancelled; reopen: completed -> in_progress,
cancelled -> planned.")]
pub struct Args {
    /// Project ids, e.g. A5-04.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why (required for suspend, cancel and reopen).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, verb: Verb, args: Args) -> Result<Outcome> {
    let why = if verb.needs_reason() {
        Some(reason(verb.name(), &args.reason)?)
    } else {
        optional_text(&args.reason)
    };
    let stamp = args.write.stamp(&ctx.clock)?;
    let date = args.write.effective(&ctx.clock)?;
    let note = args.write.note();
    let mut ids: Vec<String> = Vec::new();
    for id in args.ids.iter().map(|i| normalize_id(i)) {
        if ids.contains(&id) {
            return Err(Error::Refused {
                id,
                what: "given twice".to_string(),
            });
        }
        ids.push(id);
    }
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let moved = store.write(stamp, |tx| {
        let mut moved = Vec::new();
        for id in &ids {
            let state = tx.state(id)?;
            let from = state.project.status;
            let to = verb.apply(from).ok_or_else(|| Error::IllegalTransition {
                id: id.clone(),
                verb: lang.pick(verb.words()),
                status: from.label(lang),
                allowed: list_verbs(&Verb::allowed_from(from), lang),
            })?;
            // Completing needs a start first, and no change may take effect before the
            // project's latest one: so a completion is never dated before its start.
            check_not_before(id, date, state.last_effective)?;
            let mut after = state.project.clone();
            after.status = to;
            tx.record(&Change {
                after: &after,
                plan: &state.plan,
                effective: date,
                change: "status",
                action: verb.name(),
                fields: vec![FieldChange::new(
                    "status",
                    from.code().to_string(),
                    to.code().to_string(),
                )],
                reason: why.clone(),
                note: note.clone(),
            })?;
            moved.push(format!("{id}: {} → {}", from.label(lang), to.label(lang)));
        }
        Ok(moved)
    })?;
    for line in moved {
        ctx.say(&line)?;
    }
    Ok(Outcome::Success)
}
