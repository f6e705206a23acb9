//! `ecoledger indicators show NO`: one indicator in full — its tiers or parts, every
//! value recorded for it, and the projects linked to it with their estimate, status and
//! spending.

use super::{Context, Outcome};
use crate::domain::indicator::Address;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;
use crate::reports::indicators::LinkedProject;
use crate::store::View;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub no: String,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let table = crate::seed::indicators()?;
    // NO, or one of its parts or tiers (the whole indicator is shown); a part it does
    // not have is refused like an unknown number.
    let (no, part) = match Address::parse(&args.no) {
        Some(Address::Indicator(n)) => (n, None),
        Some(Address::Part(n, p)) => (n, Some(p)),
        _ => (0, None),
    };
    let found = table
        .indicator(no)
        .filter(|ind| part.is_none_or(|p| ind.row(p).is_some()));
    let Some(ind) = found else {
        return Err(Error::bad_value(
            "NO",
            msg::err_unknown_indicator(args.no.trim()),
        ));
    };
    let store = ctx.open_store()?;
    let all = store.measurements()?;
    let own = no.to_string();
    let prefix = format!("{no}.");
    let measurements: Vec<_> = all
        .iter()
        .filter(|m| m.indicator == own || m.indicator.starts_with(&prefix))
        .collect();
    let spent = store.spent_by_project()?;
    let mut linked = Vec::new();
    for (_, id) in store
        .indicator_links()?
        .into_iter()
        .filter(|(i, _)| *i == own)
    {
        let p = store.project(View::CURRENT, &id)?;
        linked.push(LinkedProject {
            spent: spent
                .get(&id)
                .copied()
                .unwrap_or(crate::domain::Money::ZERO),
            description: p.description.clone(),
            estimate: p.estimate,
            status_code: p.status.code(),
            status_label: p.status.label(ctx.lang).to_string(),
            id,
        });
    }
    ctx.emit(&reports::indicators::show(
        ind,
        &measurements,
        &linked,
        ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
