//! `ecoledger report html`: one self-contained HTML file (charts as inline SVG, tables,
//! styles inside; no scripts, no external assets) to send to leaders.

use super::{write_file_atomically, Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n;
use crate::ops::budget;
use crate::render::html::output_table;
use crate::reports;
use crate::store::totals::TotalsBy;
use crate::store::View;
use crate::web::pages::overview_view;
use crate::web::view::{html_string, Chrome, StaticReport};

/// The portfolio as one HTML file: totals, charts, the quarter's budget execution and
/// the reconcile result.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger report html --out portfolio.html
  ecoledger --lang zh report html --quarter 2024Q2 --out 2024Q2.html
  ecoledger --today 2024-06-30 report html > report.html     (as of a pinned date)")]
pub struct Args {
    /// The quarter whose budget execution is shown [default: the current quarter].
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let lang = ctx.lang;
    let today = ctx.clock.today();
    let period = match &args.quarter {
        None => Period::quarter_of(today),
        Some(text) => match Period::parse(text).map_err(|e| Error::bad_value("--quarter", e))? {
            Period::Year(y) => {
                return Err(Error::bad_value(
                    "--quarter",
                    format!("'{y}' is a year; give a quarter like {y}Q2"),
                ))
            }
            q => q,
        },
    };
    let store = ctx.open_store()?;
    let categories = store.categories()?;
    let o = overview_view(&store, today, lang, false)?;
    let category_table = output_table(&reports::totals::build(
        TotalsBy::Category,
        &store.totals(View::Current, TotalsBy::Category)?,
        &categories,
        lang,
    ));
    let year_table = output_table(&reports::totals::build(
        TotalsBy::Year,
        &store.totals(View::Current, TotalsBy::Year)?,
        &categories,
        lang,
    ));
    let quarter_table = output_table(&budget::quarterly(&store, period, None, lang)?);
    let reconcile = reports::reconcile::build(&store.reconcile_data()?, lang);
    let page = StaticReport {
        c: Chrome::standalone(lang, lang.pick(i18n::STATIC_REPORT_TITLE)),
        o,
        as_of: format_date(today),
        category_table,
        year_table,
        quarter_title: format!("{} {period}", lang.pick(i18n::QUARTERLY_REPORT)),
        quarter_table,
        reconcile_summary: lang.pick(if reconcile.passed() {
            i18n::RECONCILE_PASSED
        } else {
            i18n::RECONCILE_FAILED
        }),
        reconcile_passed: reconcile.passed(),
        reconcile_table: output_table(&reconcile.output(lang)),
    };
    let text = html_string(&page)?;
    match ctx.out_file.clone() {
        Some(path) => write_file_atomically(&path, text.as_bytes())?,
        None => {
            ctx.out.write_all(text.as_bytes())?;
            ctx.out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
