//! HTML for people: the view models that the dashboard's pages and the static HTML
//! report fill their templates with (`templates/`), and the bar charts drawn as inline
//! SVG. Templates are compiled by askama and escape every value they print, so a
//! project description holding `<script>` shows as text; nothing here is marked safe.

use super::{Cell, Column, Output, Record, Table};
use crate::i18n::{self, Lang, Words};
use crate::reports::overview::{Bar, Overview};
use askama::Template;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::cmp::Ordering;

/// What stays as it is in an address or a cookie value: RFC 3986's unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Text made safe for a path segment, a query value or a cookie value.
pub fn url_encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// The dashboard's page of a project.
pub fn project_href(id: &str) -> String {
    format!("/projects/{}", url_encode(id))
}

/// One link of a navigation bar.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What surrounds a page: its language and title, and on the dashboard the navigation,
/// the signed-in name, the form token and the notices.
#[derive(Clone, Debug)]
pub struct Chrome {
    pub lang: Lang,
    pub html_lang: &'static str,
    pub title: String,
    pub nav: Vec<NavItem>,
    pub user: Option<String>,
    pub csrf: String,
    pub read_only: bool,
    pub flash: Option<String>,
    /// A refused change, said the way the command line says it.
    pub error: Option<String>,
    /// Which view of the ledger the page shows, when not the current one (as of a
    /// date, as known at a moment).
    pub view: Option<String>,
    /// The ledger's chain head the page was computed from (`check --anchor` finds it).
    pub head: Option<String>,
    /// Whether the ledger has users (sign-in takes a password).
    pub users: bool,
    /// Which forms this session's roles allow: projects and indicators, payments and
    /// imports, approvals.
    pub may_plan: bool,
    pub may_pay: bool,
    pub may_approve: bool,
}

impl Chrome {
    /// The chrome of a file that stands alone (the static report): no navigation, no forms.
    pub fn standalone(lang: Lang, title: &str) -> Chrome {
        Chrome {
            lang,
            html_lang: match lang {
                Lang::En => "en",
                Lang::Zh => "zh-CN",
            },
            title: title.to_string(),
            nav: Vec::new(),
            user: None,
            csrf: String::new(),
            view: None,
            head: None,
            read_only: true,
            flash: None,
            error: None,
            users: false,
            may_plan: false,
            may_pay: false,
            may_approve: false,
        }
    }

    /// A label in the page's language.
    pub fn t(&self, words: Words) -> &'static str {
        self.lang.pick(words)
    }
}

/// The overview's figures as a page shows them.
#[derive(Clone, Debug)]
pub struct OverviewView {
    pub grand_total: String,
    pub grand_total_plain: String,
    pub projects: i64,
    pub category_chart: BarChart,
    pub year_chart: BarChart,
    pub status_table: HtmlTable,
    pub overdue_table: HtmlTable,
    /// When only the first overdue projects are listed: how many there are in all, and
    /// (on the dashboard) the link to all of them.
    pub overdue_more: Option<String>,
    pub overdue_link: Option<String>,
    pub quarter: String,
    pub budget: String,
    pub actual: String,
    pub rate: Option<String>,
}

impl OverviewView {
    /// `link` makes project ids links to their pages (not in a file that stands alone).
    pub fn new(o: &Overview, lang: Lang, link: bool) -> OverviewView {
        let mut overdue_table = output_table(&o.overdue);
        if link {
            overdue_table.link_column("id", project_href);
        }
        let shown = match &o.overdue {
            Output::Table(t) => t.rows.len(),
            _ => 0,
        };
        let more = o.overdue_count > shown;
        let overdue_more = more.then(|| {
            crate::i18n::msg::overdue_first(shown, o.overdue_count)
                .get(lang)
                .to_string()
        });
        let overdue_link = (more && link).then(|| "/projects?overdue=1".to_string());
        OverviewView {
            grand_total: o.grand_total.grouped(),
            grand_total_plain: o.grand_total.plain(),
            projects: o.projects,
            category_chart: bar_chart(lang.pick(i18n::BY_CATEGORY), &o.by_category),
            year_chart: bar_chart(lang.pick(i18n::BY_YEAR), &o.by_year),
            status_table: output_table(&o.by_status),
            overdue_table,
            overdue_more,
            overdue_link,
            quarter: o.quarter.period.to_string(),
            budget: o.quarter.budget.grouped(),
            actual: o.quarter.actual.grouped(),
            rate: o.quarter.rate.map(|r| r.to_string()),
        }
    }
}

/// The static report: one self-contained file.
#[derive(Template)]
#[template(path = "report.html")]
pub struct StaticReport {
    pub c: Chrome,
    pub o: OverviewView,
    pub as_of: String,
    pub category_table: HtmlTable,
    pub year_table: HtmlTable,
    pub quarter_title: String,
    pub quarter_table: HtmlTable,
    pub reconcile_summary: &'static str,
    pub reconcile_passed: bool,
    pub reconcile_table: HtmlTable,
    /// The plan implementation assessment of the report's year (规划实施评估).
    pub assessment_title: String,
    /// Each section: its element id, title and table.
    pub assessment: Vec<(String, String, HtmlTable)>,
}

/// A page as text.
pub fn page_text(page: &impl Template) -> crate::error::Result<String> {
    page.render()
        .map_err(|e| crate::error::Error::bad_value("html", crate::i18n::msg::page_not_drawn(e)))
}

/// A cell as shown: its text, whether it is a number (right-aligned), and an optional
/// link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlCell {
    pub text: String,
    pub numeric: bool,
    pub href: Option<String>,
}

/// A column header; `sort` holds the link that sorts by it, where the page sorts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlColumn {
    pub key: &'static str,
    pub label: &'static str,
    pub sort: Option<String>,
    /// `▲`/`▼` on the column the rows are sorted by.
    pub mark: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlRow {
    pub cells: Vec<HtmlCell>,
    pub strong: bool,
}

/// A report table ready for a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlTable {
    pub columns: Vec<HtmlColumn>,
    pub rows: Vec<HtmlRow>,
    pub note: Option<String>,
}

/// How a cell reads on a page: like the terminal table (money with thousands
/// separators, rates with a percent sign).
pub fn cell_text(cell: &Cell) -> (String, bool) {
    match cell {
        Cell::Text(s) | Cell::Code { label: s, .. } => {
            (crate::domain::text::visible(s).into_owned(), false)
        }
        Cell::Int(n) => (n.to_string(), true),
        Cell::Money(m) => (m.grouped(), true),
        Cell::Percent(p) => (format!("{p}%"), true),
        Cell::Empty => (String::new(), false),
    }
}

fn html_column(c: &Column) -> HtmlColumn {
    HtmlColumn {
        key: c.key,
        label: c.label,
        sort: None,
        mark: "",
    }
}

impl HtmlTable {
    pub fn from_table(t: &Table) -> HtmlTable {
        HtmlTable {
            columns: t.columns.iter().map(html_column).collect(),
            rows: t
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| HtmlRow {
                    cells: row
                        .iter()
                        .map(|c| {
                            let (text, numeric) = cell_text(c);
                            HtmlCell {
                                text,
                                numeric,
                                href: None,
                            }
                        })
                        .collect(),
                    strong: t.strong.get(i).copied().unwrap_or(false),
                })
                .collect(),
            note: t.note.clone(),
        }
    }

    /// Links every cell of column `key` to `href(cell text)`.
    pub fn link_column(&mut self, key: &str, href: impl Fn(&str) -> String) {
        if let Some(at) = self.columns.iter().position(|c| c.key == key) {
            for row in &mut self.rows {
                if let Some(cell) = row.cells.get_mut(at) {
                    if !cell.text.is_empty() {
                        cell.href = Some(href(&cell.text));
                    }
                }
            }
        }
    }
}

/// A record (one project) ready for a template: field/value pairs, then titled tables
/// (each with an element id made from its machine key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HtmlRecord {
    pub fields: Vec<(&'static str, String)>,
    pub sections: Vec<(&'static str, String, HtmlTable)>,
}

impl HtmlRecord {
    pub fn from_record(r: &Record) -> HtmlRecord {
        HtmlRecord {
            fields: r
                .fields
                .iter()
                .map(|(c, v)| (c.label, cell_text(v).0))
                .collect(),
            sections: r
                .sections
                .iter()
                .map(|(c, t)| {
                    (
                        c.label,
                        format!("section-{}", c.key),
                        HtmlTable::from_table(t),
                    )
                })
                .collect(),
        }
    }
}

/// The table inside any report output (a record shows its fields as a two-column table).
pub fn output_table(output: &Output) -> HtmlTable {
    match output {
        Output::Table(t) => HtmlTable::from_table(t),
        Output::Record(r) => HtmlTable {
            columns: r.header.iter().map(html_column).collect(),
            rows: r
                .fields
                .iter()
                .map(|(c, v)| HtmlRow {
                    cells: vec![
                        HtmlCell {
                            text: c.label.to_string(),
                            numeric: false,
                            href: None,
                        },
                        HtmlCell {
                            text: cell_text(v).0,
                            numeric: false,
                            href: None,
                        },
                    ],
                    strong: false,
                })
                .collect(),
            note: None,
        },
    }
}

/// Sorts a table's rows by the column `key`: numbers and money by value, text by its
/// characters; empty cells last; ties keep their order. An unknown key leaves it as is.
pub fn sort_rows(table: &mut Table, key: &str, descending: bool) {
    let Some(at) = table.columns.iter().position(|c| c.key == key) else {
        return;
    };
    let compare = |a: &Cell, b: &Cell| -> Ordering {
        match (a, b) {
            (Cell::Empty, Cell::Empty) => Ordering::Equal,
            (Cell::Empty, _) => Ordering::Greater,
            (_, Cell::Empty) => Ordering::Less,
            (Cell::Int(x), Cell::Int(y)) => x.cmp(y),
            (Cell::Money(x), Cell::Money(y)) => x.cmp(y),
            (Cell::Percent(x), Cell::Percent(y)) => x.cmp(y),
            _ => cell_text(a).0.cmp(&cell_text(b).0),
        }
    };
    table.rows.sort_by(|a, b| {
        let (x, y) = (&a[at], &b[at]);
        let order = compare(x, y);
        match (x, y) {
            // Empty cells stay last whichever way the column is sorted.
            (Cell::Empty, _) | (_, Cell::Empty) => order,
            _ if descending => order.reverse(),
            _ => order,
        }
    });
}

/// One bar as drawn: label and value texts and the geometry, in whole pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarShape {
    pub key: String,
    pub label: String,
    /// The exact amount, a plain decimal (for `data-value`, which tests compare).
    pub value_plain: String,
    /// The amount as people read it.
    pub value_text: String,
    pub text_y: u32,
    pub bar_y: u32,
    pub bar_width: u32,
    pub value_x: u32,
}

/// A horizontal bar chart: one row per bar, labels on the left, values after the bars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarChart {
    pub title: String,
    pub width: u32,
    pub height: u32,
    pub label_x: u32,
    pub bar_x: u32,
    pub bar_height: u32,
    pub bars: Vec<BarShape>,
}

/// One bar of points out of a maximum (an indicator's score, a field's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointsBar {
    pub key: String,
    pub label: String,
    pub points: u32,
    pub max: u32,
    pub text_y: u32,
    pub bar_y: u32,
    pub bar_width: u32,
    pub max_width: u32,
    pub value_x: u32,
}

/// Points against their maximum, one row per bar: the maximum drawn pale, the points
/// over it, scaled to the largest maximum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointsChart {
    pub title: String,
    pub width: u32,
    pub height: u32,
    pub label_x: u32,
    pub bar_x: u32,
    pub bar_height: u32,
    pub bars: Vec<PointsBar>,
}

/// Draws `(key, label, points, max)` bars; whole-pixel arithmetic, so the same data
/// always gives the same picture.
pub fn points_chart(title: &str, bars: &[(String, String, u32, u32)]) -> PointsChart {
    let scale = bars.iter().map(|b| b.3).max().unwrap_or(0).max(1);
    let px = |v: u32| {
        u32::try_from(u64::from(v) * u64::from(BAR_SPACE) / u64::from(scale)).unwrap_or(BAR_SPACE)
    };
    let shapes: Vec<PointsBar> = bars
        .iter()
        .zip(0u32..)
        .map(|((key, label, points, max), i)| {
            let y = i * ROW;
            PointsBar {
                key: key.clone(),
                label: label.clone(),
                points: *points,
                max: *max,
                text_y: y + 18,
                bar_y: y + 5,
                bar_width: px(*points),
                max_width: px(*max),
                value_x: LABEL_WIDTH + px(*max) + 6,
            }
        })
        .collect();
    PointsChart {
        title: title.to_string(),
        width: LABEL_WIDTH + BAR_SPACE + VALUE_SPACE,
        height: (u32::try_from(shapes.len()).unwrap_or(0) * ROW).max(ROW),
        label_x: LABEL_WIDTH - 8,
        bar_x: LABEL_WIDTH,
        bar_height: 18,
        bars: shapes,
    }
}

const ROW: u32 = 26;
const LABEL_WIDTH: u32 = 230;
const BAR_SPACE: u32 = 420;
const VALUE_SPACE: u32 = 130;

/// Draws `bars` scaled to the largest; the arithmetic is in whole 元, so the same data
/// always gives the same picture. Negative amounts draw as empty bars.
pub fn bar_chart(title: &str, bars: &[Bar]) -> BarChart {
    let max = bars
        .iter()
        .map(|b| b.value.yuan())
        .max()
        .unwrap_or(0)
        .max(1);
    let shapes = bars
        .iter()
        .zip(0u32..)
        .map(|(b, i)| {
            let y = i * ROW;
            let v = b.value.yuan().max(0);
            let scaled = i128::from(v) * i128::from(BAR_SPACE) / i128::from(max);
            // A positive amount never vanishes: at least one pixel.
            let width = u32::try_from(scaled)
                .unwrap_or(BAR_SPACE)
                .max(u32::from(v > 0));
            BarShape {
                key: b.key.clone(),
                label: b.label.clone(),
                value_plain: b.value.plain(),
                value_text: b.value.grouped(),
                text_y: y + 18,
                bar_y: y + 5,
                bar_width: width,
                value_x: LABEL_WIDTH + width + 6,
            }
        })
        .collect::<Vec<_>>();
    BarChart {
        title: title.to_string(),
        width: LABEL_WIDTH + BAR_SPACE + VALUE_SPACE,
        height: (u32::try_from(shapes.len()).unwrap_or(0) * ROW).max(ROW),
        label_x: LABEL_WIDTH - 8,
        bar_x: LABEL_WIDTH,
        bar_height: 18,
        bars: shapes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;
    use crate::render::col;

    fn bar(key: &str, wan: i64) -> Bar {
        Bar {
            key: key.into(),
            label: key.into(),
            value: Money::from_yuan(wan * 10_000),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_keep_exact_values() {
        let c = bar_chart("t", &[bar("a", 334_000), bar("b", 167_000), bar("c", 0)]);
        assert_eq!(c.bars[0].bar_width, BAR_SPACE);
        assert_eq!(c.bars[1].bar_width, BAR_SPACE / 2);
        assert_eq!(c.bars[2].bar_width, 0);
        assert_eq!(c.bars[0].value_plain, "334000");
        assert_eq!(c.bars[1].value_text, "167,000");
        assert_eq!(c.height, 3 * ROW);
    }

    #[test]
    fn a_tiny_amount_still_shows() {
        let c = bar_chart("t", &[bar("a", 785_341), bar("b", 0)]);
        let tiny = bar_chart(
            "t",
            &[
                bar("a", 785_341),
                Bar {
                    key: "b".into(),
                    label: "b".into(),
                    value: Money::from_yuan(1),
                },
            ],
        );
        assert_eq!(c.bars[1].bar_width, 0);
        assert_eq!(tiny.bars[1].bar_width, 1);
    }

    #[test]
    fn sorting_compares_money_by_value_and_keeps_empty_cells_last() {
        let mut t = Table {
            columns: vec![col("id", "id"), col("estimate_wan", "e")],
            rows: vec![
                vec![Cell::text("x"), Cell::Money(Money::from_yuan(9))],
                vec![Cell::text("y"), Cell::Empty],
                vec![Cell::text("z"), Cell::Money(Money::from_yuan(100))],
            ],
            ..Default::default()
        };
        sort_rows(&mut t, "estimate_wan", true);
        let ids: Vec<_> = t.rows.iter().map(|r| cell_text(&r[0]).0).collect();
        assert_eq!(ids, ["z", "x", "y"]);
        sort_rows(&mut t, "estimate_wan", false);
        let ids: Vec<_> = t.rows.iter().map(|r| cell_text(&r[0]).0).collect();
        assert_eq!(ids, ["x", "z", "y"]);
    }
}
