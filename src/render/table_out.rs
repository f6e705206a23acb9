//! The table view for people: laid out to fit the terminal (or 80 columns when piped,
//! unless `--wide` or `COLUMNS`), never breaking a number, an id, a date or a header's
//! word. A report's default columns are shown (`--wide` shows all, `--columns`
//! chooses); when they are too wide, long text columns (description, departments, …)
//! are shortened with `…`, then the least important columns are left out, saying which.
//! Amounts are right-aligned in 万元 with thousands separators; CJK characters count
//! two columns.

use super::{Cell, Output, Table};
use crate::domain::text::visible;
use crate::error::Result;
use comfy_table::{presets, CellAlignment, ContentArrangement};
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// How the table view is laid out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Fit {
    /// The width to fit; none: every column in full (`--wide`).
    pub width: Option<usize>,
    /// Whether the user chose the columns (`--columns`): then the report's default
    /// view is not applied and no column is left out.
    pub chosen: bool,
    /// The language of the view's own remarks.
    pub lang: crate::i18n::Lang,
}

/// Text columns that may be shortened with `…` to fit: long prose and names, never a
/// figure, an id, a date or a code.
const SHORTENABLE: [&str; 18] = [
    "description",
    "value_2021",
    "departments",
    "department",
    "group",
    "category",
    "note",
    "reason",
    "subject",
    "detail",
    "old_value",
    "new_value",
    "value",
    "name",
    "title",
    "file_name",
    "actor",
    "problem",
];

/// Text columns whose cells wrap within the column instead (the findings of `check`:
/// every word of them matters). A word longer than the column (a hash) is shortened.
const WRAPPING: [&str; 4] = ["detail", "condition", "criterion", "check"];

/// A header this wide or narrower stays on one line.
const SHORT_HEADER: usize = 8;

/// The narrowest a shortened column becomes (its header's longest word may ask more).
const MIN_SHORTENED: usize = 8;

fn shown(cell: &Cell) -> (String, CellAlignment) {
    match cell {
        Cell::Text(s) => (visible(s).into_owned(), CellAlignment::Left),
        Cell::Code { label, .. } => (visible(label).into_owned(), CellAlignment::Left),
        Cell::Int(n) => (n.to_string(), CellAlignment::Right),
        Cell::Money(m) => (m.grouped(), CellAlignment::Right),
        Cell::Percent(p) => (format!("{p}%"), CellAlignment::Right),
        Cell::Empty => (String::new(), CellAlignment::Left),
    }
}

fn width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str) == 2
}

/// A header's (or a remark's) words: split at spaces outside parentheses; a run of CJK
/// characters breaks between any two of them. A parenthesised unit — `(10k CNY)`,
/// `（万元）` — stays one word.
fn header_words(header: &str) -> Vec<String> {
    words(header, true).into_iter().map(|(w, _)| w).collect()
}

/// Words as [`header_words`] says, each with whether a space came before it;
/// `keep_units` false splits inside parentheses too (a remark in parentheses is prose,
/// not a unit).
fn words(text: &str, keep_units: bool) -> Vec<(String, bool)> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut spaced = false;
    let mut depth = 0_usize;
    for c in text.chars() {
        if c.is_whitespace() && depth == 0 {
            if !word.is_empty() {
                words.push((std::mem::take(&mut word), spaced));
            }
            spaced = true;
            continue;
        }
        let after_wide = word.chars().last().is_some_and(is_wide);
        // 万元 is one word, and an opening parenthesis stays with what it opens.
        let unit = (word.ends_with('万') && c == '元') || word.ends_with(['（', '(']);
        if depth == 0
            && !word.is_empty()
            && !unit
            && (is_wide(c) || after_wide)
            && !matches!(c, '，' | '。' | '；' | '：' | '、' | '）' | ')')
        {
            words.push((std::mem::take(&mut word), spaced));
            spaced = false;
        }
        match c {
            '(' | '（' if keep_units => depth += 1,
            ')' | '）' if keep_units => depth = depth.saturating_sub(1),
            _ => {}
        }
        word.push(c);
    }
    if !word.is_empty() {
        words.push((word, spaced));
    }
    words
}

/// The header set in lines of at most `w` columns, breaking only between words (a word
/// longer than `w` keeps its line); the spaces between words are kept as written.
fn wrap_header(header: &str, w: usize) -> String {
    wrap(header, w, true)
}

fn wrap(text: &str, w: usize, keep_units: bool) -> String {
    wrap_words(words(text, keep_units), w)
}

fn wrap_words(words: Vec<(String, bool)>, w: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (word, spaced) in words {
        let sep = if line.is_empty() || !spaced { "" } else { " " };
        if !line.is_empty() && width(&line) + sep.len() + width(&word) > w {
            lines.push(std::mem::take(&mut line));
            line = word;
        } else {
            line.push_str(sep);
            line.push_str(&word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// A remark under the table, wrapped to the width (each of its lines on its own).
fn wrap_note(note: &str, w: Option<usize>) -> String {
    match w {
        None => note.to_string(),
        Some(w) => note
            .lines()
            .map(|l| wrap(l, w, false))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Prose wrapped at its words to `w` columns; a word longer than that is shortened.
fn wrap_cell(text: &str, w: usize) -> String {
    let fitted = words(text, false)
        .into_iter()
        .map(|(word, spaced)| (shorten(&word, w), spaced))
        .collect();
    wrap_words(fitted, w)
}

/// `text` cut to `w` columns with `…` when it is longer.
fn shorten(text: &str, w: usize) -> String {
    if width(text) <= w {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let cw = UnicodeWidthStr::width(c.encode_utf8(&mut [0; 4]) as &str);
        if used + cw + 1 > w {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// One column as laid out.
struct Col {
    /// Index into the table's columns.
    at: usize,
    label: String,
    content: usize,
    header_full: usize,
    header_min: usize,
    shortenable: bool,
    wraps: bool,
    width: usize,
}

/// The frame of `n` columns in the condensed UTF-8 preset: `│ a ┆ b │`.
fn frame(n: usize) -> usize {
    3 * n + 1
}

/// Which columns to show, at what widths, and the columns left out.
fn lay_out(
    table: &Table,
    cells: &[Vec<(String, CellAlignment)>],
    fit: Fit,
) -> (Vec<Col>, Vec<String>, bool) {
    let mut cols: Vec<Col> = table
        .columns
        .iter()
        .enumerate()
        .map(|(at, c)| {
            let content = cells.iter().map(|r| width(&r[at].0)).max().unwrap_or(0);
            let words = header_words(c.label);
            Col {
                at,
                label: c.label.to_string(),
                content,
                header_full: width(c.label),
                // A short header (单位, 分值) is never broken up.
                header_min: if width(c.label) <= SHORT_HEADER {
                    width(c.label)
                } else {
                    words.iter().map(|w| width(w)).max().unwrap_or(0)
                },
                shortenable: (SHORTENABLE.contains(&c.key) || WRAPPING.contains(&c.key))
                    && table
                        .rows
                        .iter()
                        .all(|r| matches!(r[at], Cell::Text(_) | Cell::Empty)),
                wraps: WRAPPING.contains(&c.key),
                width: 0,
            }
        })
        .collect();
    let Some(limit) = fit.width else {
        for c in &mut cols {
            c.width = c.content.max(c.header_full);
        }
        return (cols, Vec::new(), false);
    };
    // The report's default view (most important first), unless columns were chosen.
    let mut importance: Vec<usize> = Vec::new();
    let mut trimmed_view = false;
    if !fit.chosen && !table.view.is_empty() {
        for key in &table.view {
            if let Some(i) = table.columns.iter().position(|c| c.key == *key) {
                importance.push(i);
            }
        }
        trimmed_view = importance.len() < cols.len();
        cols.retain(|c| importance.contains(&c.at));
    } else {
        importance = (0..cols.len()).collect();
    }
    let natural = |c: &Col| c.content.max(c.header_full);
    let least = |c: &Col| {
        if c.shortenable {
            c.header_min.max(c.content.min(MIN_SHORTENED))
        } else {
            c.content.max(c.header_min)
        }
    };
    let mut dropped = Vec::new();
    loop {
        let need: usize = cols.iter().map(least).sum::<usize>() + frame(cols.len());
        if need <= limit || fit.chosen || cols.len() <= 1 {
            break;
        }
        // Leave out the least important column still shown (never the first).
        let Some(&victim) = importance
            .iter()
            .rev()
            .find(|i| **i != importance[0] && cols.iter().any(|c| c.at == **i))
        else {
            break;
        };
        if let Some(pos) = cols.iter().position(|c| c.at == victim) {
            dropped.push(table.columns[victim].label.to_string());
            cols.remove(pos);
        }
    }
    // Each column at its least, then the room left is shared out a column at a time,
    // round and round, towards each column's full width (a shortened text's whole, a
    // header on fewer lines).
    for c in &mut cols {
        c.width = least(c);
    }
    let used: usize = cols.iter().map(|c| c.width).sum::<usize>() + frame(cols.len());
    let mut room = limit.saturating_sub(used);
    while room > 0 {
        let mut grew = false;
        for c in cols.iter_mut() {
            if room > 0 && c.width < natural(c) {
                c.width += 1;
                room -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (cols, dropped, trimmed_view)
}

fn build(header: Vec<String>, rows: Vec<Vec<(String, CellAlignment)>>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    for row in rows {
        t.add_row(
            row.into_iter()
                .map(|(s, a)| comfy_table::Cell::new(s).set_alignment(a)),
        );
    }
    t
}

fn write_table(out: &mut dyn Write, table: &Table, fit: Fit) -> Result<()> {
    let cells: Vec<Vec<(String, CellAlignment)>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(shown).collect())
        .collect();
    let (cols, dropped, trimmed_view) = lay_out(table, &cells, fit);
    let header = cols
        .iter()
        .map(|c| match fit.width {
            Some(_) => wrap_header(&c.label, c.width),
            None => c.label.clone(),
        })
        .collect();
    let rows = cells
        .iter()
        .map(|r| {
            cols.iter()
                .map(|c| {
                    let (text, align) = &r[c.at];
                    let text = match (c.wraps, c.shortenable) {
                        (true, _) if fit.width.is_some() => wrap_cell(text, c.width),
                        (false, true) => shorten(text, c.width),
                        _ => text.clone(),
                    };
                    (text, *align)
                })
                .collect()
        })
        .collect();
    writeln!(out, "{}", build(header, rows))?;
    if let Some(note) = &table.note {
        writeln!(out, "{}", wrap_note(note, fit.width))?;
    }
    let remark = match (fit.lang, dropped.is_empty(), trimmed_view) {
        (crate::i18n::Lang::En, false, _) => format!(
            "(left out to fit {} columns: {}; --wide shows every column, --columns chooses)",
            fit.width.unwrap_or(0),
            dropped.join(", ")
        ),
        (crate::i18n::Lang::Zh, false, _) => format!(
            "（为适应 {} 列宽度省略：{}；--wide 显示全部列，--columns 选择列）",
            fit.width.unwrap_or(0),
            dropped.join("、")
        ),
        (crate::i18n::Lang::En, true, true) => {
            "(more columns: --wide shows every column, --columns chooses)".to_string()
        }
        (crate::i18n::Lang::Zh, true, true) => {
            "（另有更多列：--wide 显示全部列，--columns 选择列）".to_string()
        }
        (_, true, false) => String::new(),
    };
    if !remark.is_empty() {
        writeln!(out, "{}", wrap_note(&remark, fit.width))?;
    }
    Ok(())
}

pub fn write(out: &mut dyn Write, output: &Output, fit: Fit) -> Result<()> {
    match output {
        Output::Table(table) => write_table(out, table, fit),
        Output::Record(record) => {
            // In a record every value is left-aligned: they are not a column of figures.
            // A long value (a description) wraps within its cell.
            let mut t = comfy_table::Table::new();
            t.load_preset(presets::UTF8_FULL_CONDENSED)
                .set_header(record.header.iter().map(|c| c.label));
            match fit.width {
                Some(w) => {
                    t.set_content_arrangement(ContentArrangement::Dynamic)
                        .set_width(u16::try_from(w).unwrap_or(u16::MAX));
                }
                None => {
                    t.set_content_arrangement(ContentArrangement::Disabled);
                }
            }
            for (c, v) in &record.fields {
                t.add_row(vec![
                    comfy_table::Cell::new(c.label),
                    comfy_table::Cell::new(shown(v).0),
                ]);
            }
            writeln!(out, "{t}")?;
            for (title, table) in &record.sections {
                writeln!(out, "\n{}", title.label)?;
                write_table(out, table, fit)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_break_between_words_and_keep_units_whole() {
        assert_eq!(wrap_header("amount (10k CNY)", 9), "amount\n(10k CNY)");
        assert_eq!(
            wrap_header("spent this quarter (10k CNY)", 12),
            "spent this\nquarter\n(10k CNY)"
        );
        assert_eq!(wrap_header("投资估算（万元）", 8), "投资估算\n（万元）");
        assert_eq!(wrap_header("category", 3), "category");
        assert_eq!(
            header_words("本季度支出（万元）"),
            ["本", "季", "度", "支", "出", "（万元）"]
        );
    }

    #[test]
    fn text_is_shortened_to_its_width_with_an_ellipsis() {
        assert_eq!(shorten("渝西水资源配置工程", 9), "渝西水资…");
        assert_eq!(width(&shorten("渝西水资源配置工程", 9)), 9);
        assert_eq!(shorten("short", 9), "short");
        assert_eq!(shorten("a long description", 8), "a long …");
    }
}
