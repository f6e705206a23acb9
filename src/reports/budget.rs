//! What the budget-vs-actual reports share: the execution rate, and grouping project rows
//! into category subtotals and a total so that every subtotal is the sum of its rows and
//! the total the sum of the subtotals, exactly.

use crate::domain::category::Category;
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::Result;
use crate::i18n::{self, Lang, Words};
use crate::render::{col, Cell, Column, Output, Table};
use rust_decimal::{Decimal, RoundingStrategy};
use std::marker::PhantomData;

/// `a - b`, exact to the 分 (variances, what remains of an estimate). The ledger's
/// limits keep both far inside the range, so the subtraction cannot overflow.
pub fn diff(a: Money, b: Money) -> Money {
    Money::from_fen(a.fen().saturating_sub(b.fen()))
}

/// 预算执行率: actual ÷ budget as a percentage with one decimal (half away from zero);
/// none where the budget is zero.
pub fn execution_rate(actual: Money, budget: Money) -> Option<Decimal> {
    if budget.fen() == 0 {
        return None;
    }
    // In 分: an actual of 0.000001 万元 counts.
    let rate = Decimal::from(actual.fen()) * Decimal::from(100) / Decimal::from(budget.fen());
    Some(
        rate.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .normalize_scale1(),
    )
}

/// Keeps one decimal even for whole numbers (`100.0`), so a column reads alike.
trait Scale1 {
    fn normalize_scale1(self) -> Decimal;
}

impl Scale1 for Decimal {
    fn normalize_scale1(self) -> Decimal {
        let mut d = self.normalize();
        if d.scale() < 1 {
            d.rescale(1);
        }
        d
    }
}

/// One row's figures: a fixed list of amounts, plus where the rate comes from.
pub trait Figures: Sized {
    /// How many amounts a row has (a report with no rows still has a total row).
    const WIDTH: usize;
    /// The amounts, in column order.
    fn amounts(&self) -> Vec<Money>;
    /// The execution rate cell for these amounts.
    fn rate(amounts: &[Money]) -> Cell;
    /// The figures shared among `parts` departments: each amount split by the
    /// allocation rule, so that the parts add up to it exactly.
    fn split(&self, parts: usize) -> Vec<Self>;
}

/// Each of `fields` split into `parts` by the allocation rule: part `i` of every field.
pub fn split_fields<const N: usize>(fields: [Money; N], parts: usize) -> Vec<[Money; N]> {
    let split: Vec<Vec<Money>> = fields
        .iter()
        .map(|f| crate::domain::allocation::split_even(*f, parts))
        .collect();
    (0..parts)
        .map(|i| std::array::from_fn(|f| split[f][i]))
        .collect()
}

/// How a budget report's rows are grouped into subtotals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SubtotalBy {
    /// A subtotal per appendix table (the plan's order).
    #[default]
    Category,
    /// A subtotal per lead department: a project led by several departments is shared
    /// among them, so that the subtotals add up to the total.
    Department,
}

pub enum RowType {
    Project,
    Subtotal,
    Total,
}

impl RowType {
    /// The row kind's code, as CSV and JSON write it.
    fn code(&self) -> &'static str {
        match self {
            RowType::Project => "project",
            RowType::Subtotal => "subtotal",
            RowType::Total => "total",
        }
    }

    fn words(&self) -> Words {
        match self {
            RowType::Project => i18n::ROW_PROJECT,
            RowType::Subtotal => i18n::ROW_SUBTOTAL,
            RowType::Total => i18n::ROW_TOTAL,
        }
    }
}

/// The descriptive columns every budget report starts with.
pub fn leading_columns(lang: Lang) -> Vec<Column> {
    vec![
        col("row_type", lang.pick(i18n::ROW_TYPE)),
        col("id", lang.pick(i18n::ID)),
        col("category", lang.pick(i18n::CATEGORY)),
        col("group", lang.pick(i18n::GROUP)),
        col("description", lang.pick(i18n::DESCRIPTION)),
        col("departments", lang.pick(i18n::DEPARTMENTS)),
        col("status", lang.pick(i18n::STATUS)),
    ]
}

fn leading_cells(
    kind: &RowType,
    project: Option<&Project>,
    category: &str,
    lang: Lang,
) -> Vec<Cell> {
    let mut cells = vec![Cell::code(kind.code(), lang.pick(kind.words()))];
    match project {
        Some(p) => cells.extend([
            Cell::text(&p.id),
            Cell::text(category),
            Cell::text(&p.group),
            Cell::text(&p.description),
            Cell::text(p.departments_joined()),
            Cell::code(p.status.code(), p.status.label(lang)),
        ]),
        None => {
            cells.push(Cell::Empty);
            cells.push(if category.is_empty() {
                Cell::Empty
            } else {
                Cell::text(category)
            });
            cells.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
        }
    }
    cells
}

/// Where the rate cell goes among the amounts (its index in the row of amounts).
fn figure_cells<F: Figures>(amounts: &[Money], rate_at: usize) -> Vec<Cell> {
    let mut cells: Vec<Cell> = amounts.iter().map(|m| Cell::Money(*m)).collect();
    cells.insert(rate_at, F::rate(amounts));
    cells
}

/// The whole budget report: `columns` over the grouped rows, the total rows in bold,
/// Chinese CSV headers under `--lang zh`, the sheet named `title`.
#[allow(clippy::too_many_arguments)]
pub fn budget_table<F: Figures>(
    items: &[(&Project, F)],
    categories: &[Category],
    rate_at: usize,
    columns: Vec<Column>,
    view: Vec<&'static str>,
    title: String,
    by: SubtotalBy,
    lang: Lang,
) -> Result<Output> {
    let (rows, strong) = match by {
        SubtotalBy::Category => grouped_rows(items, categories, rate_at, lang)?,
        SubtotalBy::Department => department_rows(items, categories, rate_at, lang)?,
    };
    // Grouped by department, the department names the subtotals: shown before the rest.
    let mut view = view;
    if by == SubtotalBy::Department {
        view.retain(|k| *k != "departments");
        view.insert(view.len().min(2), "departments");
    }
    Ok(Output::Table(Table {
        rows,
        strong,
        note: (by == SubtotalBy::Department)
            .then(|| lang.pick(i18n::DEPARTMENT_SHARES_NOTE).to_string()),
        ..budget_template(columns, view, title, lang)
    }))
}

/// The rows grouped by lead department: each department's projects (a co-led project's
/// row holds this department's share of every figure, marked `1/2`, `2/2`…), its
/// subtotal, then the total — which equals the category report's total exactly, since
/// the shares of every figure add up to it.
pub fn department_rows<F: Figures>(
    items: &[(&Project, F)],
    categories: &[Category],
    rate_at: usize,
    lang: Lang,
) -> Result<(Vec<Vec<Cell>>, Vec<bool>)> {
    let mut shares: Vec<(String, String, &Project, F)> = Vec::new();
    for (p, f) in items {
        let k = p.departments.len().max(1);
        for (i, share) in f.split(k).into_iter().enumerate() {
            let dept = p.departments.get(i).cloned().unwrap_or_default();
            let shown = if k > 1 {
                format!("{dept} ({}/{k})", i + 1)
            } else {
                dept.clone()
            };
            shares.push((dept, shown, p, share));
        }
    }
    // By department name, each department's projects in the plan's order.
    shares.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = Vec::new();
    let mut strong = Vec::new();
    let mut total = vec![Money::ZERO; F::WIDTH];
    let mut at = 0;
    while at < shares.len() {
        let dept = shares[at].0.clone();
        let mut subtotal = vec![Money::ZERO; F::WIDTH];
        while at < shares.len() && shares[at].0 == dept {
            let (_, shown, p, f) = &shares[at];
            let amounts = f.amounts();
            add(&mut subtotal, &amounts)?;
            let category = categories
                .iter()
                .find(|c| c.table == p.table)
                .map_or("", |c| c.label(lang));
            let mut cells = leading_cells(&RowType::Project, Some(p), category, lang);
            cells[DEPARTMENTS_AT] = Cell::text(shown);
            cells.extend(figure_cells::<F>(&amounts, rate_at));
            rows.push(cells);
            strong.push(false);
            at += 1;
        }
        add(&mut total, &subtotal)?;
        let mut cells = leading_cells(&RowType::Subtotal, None, "", lang);
        cells[DEPARTMENTS_AT] = Cell::text(dept);
        cells.extend(figure_cells::<F>(&subtotal, rate_at));
        rows.push(cells);
        strong.push(true);
    }
    let mut cells = leading_cells(&RowType::Total, None, "", lang);
    cells.extend(figure_cells::<F>(&total, rate_at));
    rows.push(cells);
    strong.push(true);
    Ok((rows, strong))
}

/// Where the departments are among the leading columns.
const DEPARTMENTS_AT: usize = 5;

/// A budget report without its rows (for [`Grouper`] to stream them into): Chinese CSV
/// headers under `--lang zh`, the sheet named `title`, the table view's default
/// columns `view` (most important first).
pub fn budget_template(
    columns: Vec<Column>,
    view: Vec<&'static str>,
    title: String,
    lang: Lang,
) -> Table {
    Table {
        columns,
        rows: Vec::new(),
        strong: Vec::new(),
        labelled_csv: lang == Lang::Zh,
        title: Some(title),
        note: None,
        view,
    }
}

/// Builds the rows: projects of each category, its subtotal, then the total. Returns
/// the rows and which of them are emphasised.
pub fn grouped_rows<F: Figures>(
    items: &[(&Project, F)],
    categories: &[Category],
    rate_at: usize,
    lang: Lang,
) -> Result<(Vec<Vec<Cell>>, Vec<bool>)> {
    let mut rows = Vec::new();
    let mut strong = Vec::new();
    let mut emit = |cells: Vec<Cell>, bold: bool| {
        rows.push(cells);
        strong.push(bold);
        Ok(())
    };
    let mut grouper = Grouper::new(categories, rate_at, lang);
    // In category order, each category's projects in the order given.
    categories
        .iter()
        .flat_map(|c| items.iter().filter(move |(p, _)| p.table == c.table))
        .try_for_each(|(p, f)| grouper.push(p, f, &mut emit))
        .and_then(|()| grouper.finish(&mut emit))?;
    Ok((rows, strong))
}

/// The rows of a budget report as its projects come, in category order: each project's
/// row, a subtotal after each category's last project, and the total at the end. Rows
/// go to `emit` with whether they are emphasised, so that a report of any size streams.
pub struct Grouper<'c, F> {
    categories: &'c [Category],
    rate_at: usize,
    lang: Lang,
    /// The category of the rows so far, and its subtotal.
    current: Option<&'c Category>,
    subtotal: Vec<Money>,
    total: Vec<Money>,
    figures: PhantomData<F>,
}

/// Adds `amounts` into `sum`; a sum past an `i64` (only a ledger written before the
/// limits could hold such amounts) is an error, never a wrapped figure.
fn add(sum: &mut [Money], amounts: &[Money]) -> Result<()> {
    for (x, y) in sum.iter_mut().zip(amounts) {
        *x = x.checked_add(*y).ok_or(crate::error::Error::Overflow)?;
    }
    Ok(())
}

impl<'c, F: Figures> Grouper<'c, F> {
    pub fn new(categories: &'c [Category], rate_at: usize, lang: Lang) -> Grouper<'c, F> {
        Grouper {
            categories,
            rate_at,
            lang,
            current: None,
            subtotal: vec![Money::ZERO; F::WIDTH],
            total: vec![Money::ZERO; F::WIDTH],
            figures: PhantomData,
        }
    }

    /// One project's row (after the previous category's subtotal, if it starts a new one).
    pub fn push(
        &mut self,
        p: &Project,
        f: &F,
        emit: &mut impl FnMut(Vec<Cell>, bool) -> Result<()>,
    ) -> Result<()> {
        if self.current.is_none_or(|c| c.table != p.table) {
            self.close(emit)?;
            // A project outside the categories is left out, as the whole table does.
            let Some(category) = self.categories.iter().find(|c| c.table == p.table) else {
                return Ok(());
            };
            self.current = Some(category);
        }
        let amounts = f.amounts();
        add(&mut self.subtotal, &amounts)?;
        let label = self.current.map_or("", |c| c.label(self.lang));
        let mut cells = leading_cells(&RowType::Project, Some(p), label, self.lang);
        cells.extend(figure_cells::<F>(&amounts, self.rate_at));
        emit(cells, false)
    }

    /// The subtotal of the category so far, if any.
    fn close(&mut self, emit: &mut impl FnMut(Vec<Cell>, bool) -> Result<()>) -> Result<()> {
        let Some(category) = self.current.take() else {
            return Ok(());
        };
        let subtotal = std::mem::replace(&mut self.subtotal, vec![Money::ZERO; F::WIDTH]);
        add(&mut self.total, &subtotal)?;
        let mut cells = leading_cells(
            &RowType::Subtotal,
            None,
            category.label(self.lang),
            self.lang,
        );
        cells.extend(figure_cells::<F>(&subtotal, self.rate_at));
        emit(cells, true)
    }

    /// The last subtotal and the total.
    pub fn finish(mut self, emit: &mut impl FnMut(Vec<Cell>, bool) -> Result<()>) -> Result<()> {
        self.close(emit)?;
        let mut cells = leading_cells(&RowType::Total, None, "", self.lang);
        cells.extend(figure_cells::<F>(&self.total, self.rate_at));
        emit(cells, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        Money::parse_wan(s).unwrap()
    }

    #[test]
    fn a_difference_keeps_the_fen() {
        let paid = Money::parse_payment("3.500007").unwrap();
        assert_eq!(diff(paid, wan("3")).plain(), "0.500007");
        assert_eq!(diff(wan("3"), paid).plain(), "-0.500007");
    }

    struct One(Money);

    impl Figures for One {
        const WIDTH: usize = 1;
        fn amounts(&self) -> Vec<Money> {
            vec![self.0]
        }
        fn rate(_: &[Money]) -> Cell {
            Cell::Empty
        }
        fn split(&self, parts: usize) -> Vec<Self> {
            split_fields([self.0], parts)
                .into_iter()
                .map(|[m]| One(m))
                .collect()
        }
    }

    fn project(id: &str, table: u8) -> Project {
        Project {
            id: id.to_string(),
            table,
            category: String::new(),
            category_en: String::new(),
            group: String::new(),
            description: String::new(),
            estimate: Money::ZERO,
            schedule: crate::domain::Schedule::new(2024, 2024).unwrap(),
            departments: Vec::new(),
            status: crate::domain::project::Status::Planned,
            stage: crate::domain::project::Stage::Estimate,
            has_plan: false,
        }
    }

    /// Streamed rows: a subtotal after each category, the total last; a project outside
    /// the categories is left out of every sum, as the whole table leaves it out.
    #[test]
    fn the_grouper_sums_each_category_and_leaves_out_strays() {
        let categories: Vec<Category> = [1, 2]
            .map(|table| Category {
                table,
                name: format!("类{table}"),
                name_en: format!("c{table}"),
                stated_total: Money::ZERO,
            })
            .into();
        let mut rows: Vec<(Vec<Cell>, bool)> = Vec::new();
        let mut emit = |cells, strong| {
            rows.push((cells, strong));
            Ok(())
        };
        let mut grouper = Grouper::<One>::new(&categories, 0, Lang::En);
        for (id, table, amount) in [
            ("A1-01", 1, "1"),
            ("A1-02", 1, "2"),
            ("A9-01", 9, "100"),
            ("A2-01", 2, "4"),
        ] {
            grouper
                .push(&project(id, table), &One(wan(amount)), &mut emit)
                .unwrap();
        }
        grouper.finish(&mut emit).unwrap();
        let sums: Vec<(&Cell, &Cell, bool)> = rows
            .iter()
            .map(|(c, strong)| (&c[1], &c[8], *strong))
            .collect();
        assert_eq!(
            sums,
            [
                (&Cell::text("A1-01"), &Cell::Money(wan("1")), false),
                (&Cell::text("A1-02"), &Cell::Money(wan("2")), false),
                (&Cell::Empty, &Cell::Money(wan("3")), true),
                (&Cell::text("A2-01"), &Cell::Money(wan("4")), false),
                (&Cell::Empty, &Cell::Money(wan("4")), true),
                (&Cell::Empty, &Cell::Money(wan("7")), true),
            ]
        );
    }

    #[test]
    fn rate_has_one_decimal_rounded_half_away_from_zero() {
        assert_eq!(
            execution_rate(wan("1"), wan("3")).unwrap().to_string(),
            "33.3"
        );
        assert_eq!(
            execution_rate(wan("2"), wan("3")).unwrap().to_string(),
            "66.7"
        );
        assert_eq!(
            execution_rate(wan("3"), wan("3")).unwrap().to_string(),
            "100.0"
        );
        assert_eq!(
            execution_rate(wan("0.0001"), wan("0.0008"))
                .unwrap()
                .to_string(),
            "12.5"
        );
        assert_eq!(
            execution_rate(wan("-1"), wan("8")).unwrap().to_string(),
            "-12.5"
        );
        assert_eq!(
            execution_rate(Money::ZERO, wan("5")).unwrap().to_string(),
            "0.0"
        );
        assert!(execution_rate(wan("5"), Money::ZERO).is_none());
        // Exact midpoints at the kept decimal, where half to even would round the other
        // way. In 元: 10000 × 100 ÷ 160000 = 6.25, 10000 × 100 ÷ 20000000 = 0.05 and
        // 1 × 100 ÷ 16 = 6.25, all exactly.
        for (actual, budget, rate) in [
            ("1", "16", "6.3"),
            ("-1", "16", "-6.3"),
            ("5", "16", "31.3"),
            ("1", "2000", "0.1"),
            ("-1", "2000", "-0.1"),
            ("0.0001", "0.0016", "6.3"),
        ] {
            let exact = Decimal::from(wan(actual).yuan()) * Decimal::from(100)
                / Decimal::from(wan(budget).yuan());
            assert_eq!(
                (exact * Decimal::TEN).fract().abs(),
                Decimal::new(5, 1),
                "{actual} / {budget} = {exact} is an exact midpoint"
            );
            assert_ne!(
                exact.round_dp(1).normalize_scale1().to_string(),
                rate,
                "half to even would give another rate for {actual} / {budget}"
            );
            assert_eq!(
                execution_rate(wan(actual), wan(budget))
                    .unwrap()
                    .to_string(),
                rate,
                "{actual} / {budget}"
            );
        }
    }
}
