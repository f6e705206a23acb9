//! `totals --by indicator`: the money behind each indicator. A project linked to several
//! indicators is shared among them by the allocation rule (in indicator order), as a
//! co-led project is among its departments, so the share columns add up exactly; the
//! projects linked to none make a row of their own, and the total is the grand total.

use crate::domain::allocation::split_even;
use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::seed::IndicatorTable;
use std::collections::{BTreeMap, HashMap};

/// A project as this report needs it: id, current estimate, spending to date.
#[derive(Clone, Debug)]
pub struct ProjectMoney {
    pub id: String,
    pub estimate: Money,
    pub spent: Money,
}

/// One row: the projects serving an indicator (or none), their estimates and spending in
/// full, and their shares.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    pub projects: i64,
    pub estimate: Money,
    pub estimate_share: Money,
    pub spent: Money,
    pub spent_share: Money,
}

impl Row {
    fn add(&mut self, estimate: Money, estimate_share: Money, spent: Money, spent_share: Money) {
        self.projects += 1;
        self.estimate = Money::from_fen(self.estimate.fen() + estimate.fen());
        self.estimate_share = Money::from_fen(self.estimate_share.fen() + estimate_share.fen());
        self.spent = Money::from_fen(self.spent.fen() + spent.fen());
        self.spent_share = Money::from_fen(self.spent_share.fen() + spent_share.fen());
    }
}

/// The rows by indicator number, the unlinked projects' row, and the total.
#[derive(Clone, Debug, Default)]
pub struct IndicatorTotals {
    pub by_indicator: BTreeMap<u32, Row>,
    pub unlinked: Row,
    pub total: Row,
}

/// Totals `projects` by the indicators `links` ties them to ((indicator, project)).
pub fn compute(projects: &[ProjectMoney], links: &[(String, String)]) -> IndicatorTotals {
    let mut served: HashMap<&str, Vec<u32>> = HashMap::new();
    for (indicator, project) in links {
        if let Ok(no) = indicator.parse::<u32>() {
            let list = served.entry(project.as_str()).or_default();
            if !list.contains(&no) {
                list.push(no);
            }
        }
    }
    let mut out = IndicatorTotals::default();
    for p in projects {
        out.total.add(p.estimate, p.estimate, p.spent, p.spent);
        let mut nos = served.get(p.id.as_str()).cloned().unwrap_or_default();
        nos.sort_unstable();
        if nos.is_empty() {
            out.unlinked.add(p.estimate, p.estimate, p.spent, p.spent);
            continue;
        }
        let estimates = split_even(p.estimate, nos.len());
        let spent = split_even(p.spent, nos.len());
        for ((no, e), s) in nos.iter().zip(estimates).zip(spent) {
            out.by_indicator
                .entry(*no)
                .or_default()
                .add(p.estimate, e, p.spent, s);
        }
    }
    out
}

fn cells(r: &Row) -> [Cell; 5] {
    [
        Cell::Int(r.projects),
        Cell::Money(r.estimate),
        Cell::Money(r.estimate_share),
        Cell::Money(r.spent),
        Cell::Money(r.spent_share),
    ]
}

pub fn build(table: &IndicatorTable, t: &IndicatorTotals, lang: Lang) -> Output {
    let columns = vec![
        col("key", lang.pick(i18n::IND_NO)),
        col("name", lang.pick(i18n::IND_NAME)),
        col("projects", lang.pick(i18n::PROJECTS)),
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("estimate_share_wan", lang.pick(i18n::ESTIMATE_SHARE_WAN)),
        col("spent_wan", lang.pick(i18n::IND_SPENT)),
        col("spent_share_wan", lang.pick(i18n::IND_SPENT_SHARE)),
    ];
    let mut rows = Vec::new();
    for (no, r) in &t.by_indicator {
        let name = table
            .indicator(*no)
            .map(crate::reports::indicators::display_name)
            .unwrap_or_default();
        let mut row = vec![Cell::Int((*no).into()), Cell::text(name)];
        row.extend(cells(r));
        rows.push(row);
    }
    let mut unlinked = vec![
        Cell::code("unlinked", lang.pick(i18n::IND_UNLINKED)),
        Cell::Empty,
    ];
    unlinked.extend(cells(&t.unlinked));
    rows.push(unlinked);
    let mut total = vec![Cell::code("total", lang.pick(i18n::TOTAL)), Cell::Empty];
    total.extend(cells(&t.total));
    rows.push(total);
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    Output::Table(Table {
        columns,
        rows,
        note: Some(lang.pick(i18n::INDICATOR_TOTALS_NOTE).to_string()),
        strong,
        title: Some(lang.pick(i18n::TOTALS_TITLE).to_string()),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &str, yuan: i64, fen: i64) -> ProjectMoney {
        ProjectMoney {
            id: id.into(),
            estimate: Money::from_yuan(yuan),
            spent: Money::from_fen(fen),
        }
    }

    #[test]
    fn shares_add_up_exactly_and_unlinked_projects_make_their_own_row() {
        let projects = [p("A", 10, 101), p("B", 7, 0), p("C", 5, 3)];
        let links = [
            ("26".to_string(), "A".to_string()),
            ("24".to_string(), "A".to_string()),
            ("27".to_string(), "A".to_string()),
            ("26".to_string(), "B".to_string()),
        ];
        let t = compute(&projects, &links);
        // A's 10 元 over 24, 26, 27: 4, 3, 3; its 1.01 元 spent: 1.01, 0, 0.
        assert_eq!(t.by_indicator[&24].estimate_share, Money::from_yuan(4));
        assert_eq!(t.by_indicator[&26].estimate_share, Money::from_yuan(3 + 7));
        assert_eq!(t.by_indicator[&26].estimate, Money::from_yuan(17));
        assert_eq!(t.by_indicator[&24].spent_share, Money::from_fen(101));
        assert_eq!(t.unlinked.estimate, Money::from_yuan(5));
        let shares: i64 = t
            .by_indicator
            .values()
            .chain([&t.unlinked])
            .map(|r| r.estimate_share.fen())
            .sum();
        assert_eq!(shares, t.total.estimate.fen());
        let spent: i64 = t
            .by_indicator
            .values()
            .chain([&t.unlinked])
            .map(|r| r.spent_share.fen())
            .sum();
        assert_eq!(spent, t.total.spent.fen());
        assert_eq!(t.total.projects, 3);
    }
}
