//! `ecoledger report html`: one self-contained HTML file (charts as inline SVG, tables,
//! styles inside; no scripts, no external assets) to send to leaders.

use super::{write_file_atomically, Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::{self, msg};
use crate::ops::{budget, overview};
use crate::render::html::{output_table, page_text, Chrome, OverviewView, StaticReport};
use crate::render::Format;
use crate::reports;
use crate::store::totals::TotalsBy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if ctx.render.format != Format::Table {
        return Err(Error::bad_value("--format", msg::html_only()));
    }
    let lang = ctx.lang;
    let today = ctx.clock.today();
    let period = match &args.quarter {
        None => Period::quarter_of(today),
        Some(text) => budget::parse_quarter(text, "--quarter")?,
    };
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let categories = store.categories()?;
    let o = overview::gather(&store, view, today, period, None, lang)?;
    let totals_by = |by| -> Result<_> {
        Ok(output_table(&reports::totals::build(
            by,
            &store.totals(view, by)?,
            &categories,
            lang,
        )))
    };
    let reconcile = reports::reconcile::build(&store.reconcile_data(view)?, lang);
    let report_view = budget::report_view(&store, period, view)?;
    let head = store.journal_head(report_view.known)?;
    let mut chrome = Chrome::standalone(lang, lang.pick(i18n::STATIC_REPORT_TITLE));
    chrome.head = Some(format!(
        "{} #{} {}",
        lang.pick(i18n::CHAIN_HEAD),
        head.seq,
        crate::store::chain::hex(&head.hash)
    ));
    let year = chrono::Datelike::year(&today);
    let sections = if year >= reports::indicators::BASE_YEAR {
        crate::ops::assessment::sections(&store, year, today, lang)?
    } else {
        Vec::new()
    };
    let assessment = sections
        .into_iter()
        .map(|(code, t)| {
            let title = t.title.clone().unwrap_or_default();
            (
                format!("assessment-{code}"),
                title,
                crate::render::html::HtmlTable::from_table(&t),
            )
        })
        .collect();
    let page = StaticReport {
        c: chrome,
        o: OverviewView::new(&o, lang, false),
        as_of: format_date(today),
        category_table: totals_by(TotalsBy::Category)?,
        year_table: totals_by(TotalsBy::Year)?,
        quarter_title: format!("{} {period}", lang.pick(i18n::QUARTERLY_REPORT)),
        quarter_table: output_table(&budget::quarterly(
            &store,
            period,
            report_view,
            &Default::default(),
            lang,
        )?),
        reconcile_summary: lang.pick(if reconcile.passed() {
            i18n::RECONCILE_PASSED
        } else {
            i18n::RECONCILE_FAILED
        }),
        reconcile_passed: reconcile.passed(),
        reconcile_table: output_table(&reconcile.output(lang)),
        assessment_title: format!("{} {year}", lang.pick(i18n::ASSESS_TITLE)),
        assessment,
    };
    let text = page_text(&page)?;
    match ctx.out_target()? {
        Some(path) => write_file_atomically(&path, text.as_bytes())?,
        None => {
            ctx.out.write_all(text.as_bytes())?;
            ctx.out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
