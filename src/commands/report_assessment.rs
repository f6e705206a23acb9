//! `ecoledger report assessment Y [--section S]` (规划实施评估): the plan's
//! implementation assessment for year Y in six sections (see
//! [`crate::reports::assessment`]). The table view prints every section under its title;
//! CSV holds one section (`--section`), or with `--out DIR` one file per section; JSON
//! is one object keyed by section; a workbook has one sheet per section.

use super::{check_output, write_file_atomically, Context, Outcome};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::render::{self, Format, Output};
use crate::reports::assessment::SECTIONS;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub year: i32,
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let this_year = chrono::Datelike::year(&ctx.clock.today());
    if !(crate::reports::indicators::BASE_YEAR..=this_year).contains(&args.year) {
        return Err(Error::bad_value(
            "YEAR",
            msg::err_indicator_year(args.year, this_year),
        ));
    }
    let section = match args.section.as_deref().map(str::trim) {
        None => None,
        Some(s) => Some(
            SECTIONS
                .iter()
                .find(|(code, _)| *code == s)
                .map(|(code, _)| *code)
                .ok_or_else(|| {
                    let known: Vec<&str> = SECTIONS.iter().map(|(c, _)| *c).collect();
                    Error::bad_value(
                        "--section",
                        msg::err_assessment_section(s, known.join(", ")),
                    )
                })?,
        ),
    };
    let store = ctx.open_store()?;
    let all = crate::ops::assessment::sections(&store, args.year, ctx.clock.today(), ctx.lang)?;
    let sections: Vec<_> = all
        .into_iter()
        .filter(|(code, _)| section.is_none_or(|s| s == *code))
        .collect();
    match ctx.render.format {
        Format::Csv if sections.len() > 1 => {
            let Some(dir) = ctx.out_file.clone() else {
                return Err(Error::bad_value(
                    "--format csv",
                    msg::err_assessment_csv_section(),
                ));
            };
            std::fs::create_dir_all(&dir).map_err(|e| Error::file(&dir, e))?;
            for (code, t) in sections {
                let path = dir.join(format!("assessment-{}-{code}.csv", args.year));
                check_output(&path, &ctx.db, "--out")?;
                let mut bytes = Vec::new();
                render::write(&mut bytes, &Output::Table(t), ctx.render)?;
                write_file_atomically(&path, &bytes)?;
                ctx.say(&crate::i18n::Text::data(path.display().to_string()))?;
            }
        }
        Format::Json if sections.len() > 1 => {
            let mut all = serde_json::Map::new();
            for (code, t) in sections {
                let mut bytes = Vec::new();
                render::write(&mut bytes, &Output::Table(t), ctx.render)?;
                let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                    Error::bad_value("json", crate::i18n::Text::data(e.to_string()))
                })?;
                all.insert(code.to_string(), value);
            }
            let mut text = serde_json::to_string_pretty(&serde_json::Value::Object(all))
                .map_err(|e| Error::bad_value("json", crate::i18n::Text::data(e.to_string())))?;
            text.push('\n');
            put(ctx, text.as_bytes())?;
        }
        Format::Xlsx => {
            if ctx.out_file.is_none() && ctx.stdout_is_terminal {
                return Err(Error::bad_value("--format xlsx", msg::workbook_is_binary()));
            }
            let tables: Vec<_> = sections.into_iter().map(|(_, t)| t).collect();
            let bytes = render::workbook(&tables, ctx.render.created)?;
            put(ctx, &bytes)?;
        }
        Format::Table => {
            let mut bytes = Vec::new();
            for (i, (_, t)) in sections.into_iter().enumerate() {
                if i > 0 {
                    bytes.push(b'\n');
                }
                let title = t.title.clone().unwrap_or_default();
                writeln!(bytes, "{title}")?;
                render::write(&mut bytes, &Output::Table(t), ctx.render)?;
            }
            put(ctx, &bytes)?;
        }
        Format::Csv | Format::Json => {
            for (_, t) in sections {
                ctx.emit(&Output::Table(t))?;
            }
        }
    }
    Ok(Outcome::Success)
}

/// Writes `bytes` to `--out FILE` (whole, then renamed into place) or stdout.
fn put(ctx: &mut Context<'_>, bytes: &[u8]) -> Result<()> {
    match ctx.out_target()? {
        Some(path) => write_file_atomically(&path, bytes),
        None => {
            ctx.out.write_all(bytes)?;
            ctx.out.flush()?;
            Ok(())
        }
    }
}
