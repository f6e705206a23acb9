//! Properties that must hold for any input: exact splits, round-tripping amounts, and
//! reversals that bring spending back to zero.

// Test code may fail loudly: a panic is a failed test.
#![allow(clippy::unwrap_used)]

use assert_cmd::Command;
use ecoledger::domain::allocation::{by_year, split_even};
use ecoledger::domain::money::{Money, MAX_WAN, YUAN_PER_WAN};
use ecoledger::domain::period::quarters;
use ecoledger::domain::Schedule;
use proptest::prelude::*;

const MAX_YUAN: i64 = MAX_WAN * YUAN_PER_WAN;

proptest! {
    #[test]
    fn years_and_quarters_add_up_exactly_and_differ_by_at_most_one_yuan(
        yuan in 0..=MAX_YUAN,
        start in 1900..=2190_i32,
        len in 1..=11_i32,
    ) {
        let schedule = Schedule::new(start, start + len - 1).unwrap();
        let years = by_year(Money::from_yuan(yuan), schedule);
        prop_assert_eq!(years.len(), len as usize);
        prop_assert_eq!(years.iter().map(|(_, m)| m.yuan()).sum::<i64>(), yuan);
        let max = years.iter().map(|(_, m)| m.yuan()).max().unwrap();
        let min = years.iter().map(|(_, m)| m.yuan()).min().unwrap();
        prop_assert!(max - min <= 1);
        for (_, year) in years {
            let q = quarters(year);
            prop_assert_eq!(q.iter().map(|m| m.yuan()).sum::<i64>(), year.yuan());
            let (qmax, qmin) = (q.iter().max().unwrap().yuan(), q.iter().min().unwrap().yuan());
            prop_assert!(qmax - qmin <= 1);
        }
    }

    #[test]
    fn any_split_is_exact(yuan in -MAX_YUAN..=MAX_YUAN, parts in 1..=64_usize) {
        let split = split_even(Money::from_yuan(yuan), parts);
        prop_assert_eq!(split.iter().map(|m| m.yuan()).sum::<i64>(), yuan);
    }

    #[test]
    fn formatting_then_parsing_round_trips(yuan in -MAX_YUAN..=MAX_YUAN) {
        let m = Money::from_yuan(yuan);
        prop_assert_eq!(Money::parse_wan(&m.plain()).unwrap(), m);
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        prop_assert_eq!(digits(&m.grouped()), digits(&m.plain()));
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,40}") {
        let _ = Money::parse_wan(&text);
        let _ = Schedule::parse(&text);
        let _ = ecoledger::domain::period::Period::parse(&text);
        let _ = ecoledger::domain::date::parse_date(&text);
    }
}

fn ecoledger(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("ecoledger")
        .unwrap()
        .env_clear()
        .env("ECOLEDGER_TODAY", "2026-11-28")
        .env("ECOLEDGER_USER", "proptest")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

proptest! {
    // Each case drives the real binary several times, so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn reversing_every_entry_brings_spending_back_to_zero(
        amounts in prop::collection::vec(1..=100_000_000_i64, 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("ledger.sqlite");
        let mut ids = Vec::new();
        for (i, yuan) in amounts.iter().enumerate() {
            let amount = Money::from_yuan(*yuan).plain();
            let date = format!("2024-0{}-15", i % 6 + 1);
            let out = ecoledger(&db, &["spend", "A5-04", &amount, "--date", &date]);
            ids.push(out.split(':').next().unwrap().trim_start_matches("entry ").to_string());
        }
        let report = ecoledger(&db, &["report", "annual", "2024", "--format", "csv"]);
        let total: i64 = amounts.iter().sum();
        prop_assert!(report.contains(&Money::from_yuan(total).plain()));
        for id in &ids {
            ecoledger(&db, &["spend", "--reverse", id, "--reason", "proptest"]);
        }
        let list = ecoledger(&db, &["spending", "list", "--format", "json"]);
        let entries: serde_json::Value = serde_json::from_str(&list).unwrap();
        let sum: i64 = entries
            .as_array()
            .unwrap()
            .iter()
            .map(|e| Money::parse_wan(&e["amount_wan"].to_string()).unwrap().yuan())
            .sum();
        prop_assert_eq!(sum, 0);
        prop_assert_eq!(entries.as_array().unwrap().len(), 2 * amounts.len());
        let csv = ecoledger(&db, &["report", "quarterly", "2026Q4", "--format", "csv"]);
        let row = csv.lines().find(|l| l.starts_with("project,A5-04")).map(str::to_string);
        // A5-04's schedule ends in 2025: in 2026 it only appears if it had 2026 spending.
        prop_assert!(row.is_none_or(|r| r.ends_with(",0,334000")));
    }
}

/// One ledger for the allocation properties: each case adds its own project to it.
fn shared_store() -> &'static std::sync::Mutex<(tempfile::TempDir, ecoledger::store::Store)> {
    static STORE: std::sync::OnceLock<
        std::sync::Mutex<(tempfile::TempDir, ecoledger::store::Store)>,
    > = std::sync::OnceLock::new();
    STORE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let clock = ecoledger::clock::Clock::pinned("2026-11-28", "test").unwrap();
        let (store, _) =
            ecoledger::store::Store::open(&dir.path().join("l.sqlite"), &clock).unwrap();
        std::sync::Mutex::new((dir, store))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// SQLite's allocation (the `alloc` CTE), its department shares (`share`) and the
    /// budget reports' closed form give, for any estimate, schedule and number of lead
    /// departments, exactly what `domain::allocation` gives.
    #[test]
    fn sqlite_allocates_and_shares_as_the_domain_rule_does(
        yuan in 0..=MAX_YUAN,
        start in 1990..=2190_i32,
        len in 1..=11_i32,
        departments in 1..=6_usize,
        offset in -1..=12_i32,
    ) {
        use ecoledger::domain::project::{Project, Stage, Status};
        use ecoledger::store::write::{Change, FieldChange};
        use ecoledger::store::View;
        let schedule = Schedule::new(start, start + len - 1).unwrap();
        let estimate = Money::from_yuan(yuan);
        let mut guard = shared_store().lock().unwrap_or_else(|e| e.into_inner());
        let store = &mut guard.1;
        let stamp = test_stamp();
        let names: Vec<String> = (0..departments).map(|i| format!("部门{i}")).collect();
        let id = store.write(stamp, |tx| {
            let id = tx.next_new_id()?;
            tx.create_project(&id)?;
            let p = Project {
                id: id.clone(),
                table: 1,
                category: String::new(),
                category_en: String::new(),
                group: "g".into(),
                description: "d".into(),
                estimate,
                schedule,
                departments: names.clone(),
                status: Status::Planned,
                stage: Stage::Estimate,
                has_plan: false,
            };
            tx.record(&Change {
                after: &p,
                plan: &[],
                effective: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                change: "create",
                action: "add",
                fields: vec![FieldChange::new("estimate_wan", None, estimate.plain())],
                reason: None,
                note: None,
            })?;
            Ok(id)
        }).unwrap();
        let expected = by_year(estimate, schedule);
        prop_assert_eq!(store.project_years(View::CURRENT, &id).unwrap(), expected.clone());
        let shares = store.project_department_shares(View::CURRENT, &id).unwrap();
        let domain: Vec<(String, Money)> = names.iter().cloned().zip(split_even(estimate, departments)).collect();
        prop_assert_eq!(shares, domain);
        // The budget reports' closed form, for a year before, inside or after the schedule.
        let year = start + offset;
        let row = store
            .budget_rows(
                View::CURRENT,
                &ecoledger::store::spending::BudgetQuery {
                    year,
                    end: format!("{year}-12-31"),
                    month_start: None,
                    filter: &Default::default(),
                },
            )
            .unwrap()
            .into_iter()
            .find(|r| r.project.id == id);
        let in_year = expected.iter().find(|(y, _)| *y == year).map(|(_, m)| *m);
        let before: Money = expected.iter().filter(|(y, _)| *y < year).map(|(_, m)| *m).sum();
        match row {
            Some(r) => {
                prop_assert_eq!(Some(r.budget_year), in_year);
                prop_assert_eq!(r.budget_before, before);
            }
            None => prop_assert!(in_year.is_none(), "{} missing from {}", id, year),
        }
    }
}

proptest! {
    /// Whatever is typed as a criterion, a value or an address, parsing and judging never
    /// panic; a tiered indicator never scores more than its best tier, a range tier
    /// (`60＞A≥55`) holds exactly on [55, 60).
    #[test]
    fn indicator_parsing_and_judging_never_panic(
        text in "\\PC{0,40}",
        hundredths in -100_000_i64..=100_000,
    ) {
        use ecoledger::domain::indicator::{judge, Address, Criterion, Value};
        use rust_decimal::Decimal;
        let _ = Criterion::parse(&text);
        let _ = Address::parse(&text);
        let table = ecoledger::seed::indicators().unwrap();
        let value = Decimal::new(hundredths, 2);
        for ind in &table.indicators {
            let rows: Vec<_> = ind.rows.iter().collect();
            for v in [Value::new(&text, Some(true)), Value::new(&value.to_string(), None)] {
                let j = judge(&rows, &v);
                prop_assert!(j.points <= ind.max_points());
            }
        }
        let range = Criterion::parse("60＞A≥55");
        prop_assert_eq!(
            range.holds(value),
            value >= Decimal::new(55, 0) && value < Decimal::new(60, 0)
        );
    }
}

/// The stamp of every write the property tests make.
fn test_stamp() -> ecoledger::store::write::Stamp {
    ecoledger::store::write::Stamp {
        actor: "proptest".into(),
        recorded_at: "2026-11-28T00:00:00Z".into(),
        proof: Default::default(),
    }
}

/// Records a payment of `fen` to `project` dated `date`, or (with `reverses`) the
/// reversal of that entry; returns the new entry.
fn record_entry(
    store: &mut ecoledger::store::Store,
    project: &str,
    date: &str,
    fen: i64,
    reverses: Option<i64>,
) -> i64 {
    store
        .write(test_stamp(), |tx| {
            tx.insert_entry(&ecoledger::store::spending::NewEntry {
                project_id: project,
                date,
                amount: Money::from_fen(fen),
                voucher: None,
                note: None,
                reverses,
                reason: reverses.map(|_| "proptest"),
                after_completion: false,
                import_id: None,
            })
        })
        .unwrap()
}

/// One step of a random sequence of writes.
#[derive(Clone, Debug)]
enum Step {
    /// A payment of this many 分 to the seeded project with this index.
    Pay(usize, i64),
    /// A reversal of the entry with this index among those made so far (if any).
    Reverse(usize),
    /// A revised estimate (元) for the seeded project with this index.
    Estimate(usize, i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..68_usize, 1..=10_000_000_000_i64).prop_map(|(p, fen)| Step::Pay(p, fen)),
        (0..64_usize).prop_map(Step::Reverse),
        (0..68_usize, 0..=MAX_YUAN).prop_map(|(p, yuan)| Step::Estimate(p, yuan)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The running totals the insert triggers keep equal, after any sequence of payments,
    /// reversals and revised estimates, both a model kept here and `check`'s full
    /// recomputation from the records.
    #[test]
    fn running_totals_equal_a_full_recomputation_after_any_writes(
        steps in prop::collection::vec(step(), 1..40),
    ) {
        use ecoledger::store::write::{Change, FieldChange};
        use std::collections::BTreeMap;
        let dir = tempfile::tempdir().unwrap();
        let clock = ecoledger::clock::Clock::pinned("2026-11-28", "test").unwrap();
        let (mut store, _) =
            ecoledger::store::Store::open(&dir.path().join("l.sqlite"), &clock).unwrap();
        let ids: Vec<String> = store
            .projects(ecoledger::store::View::CURRENT, &Default::default())
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut estimates: BTreeMap<String, i64> = store
            .projects(ecoledger::store::View::CURRENT, &Default::default())
            .unwrap()
            .into_iter()
            .map(|p| (p.id, p.estimate.yuan()))
            .collect();
        let mut paid_fen = 0_i64;
        let mut entries: Vec<(i64, String, i64)> = Vec::new();
        for s in &steps {
            let stamp = test_stamp();
            match s {
                Step::Pay(p, fen) => {
                    let id = &ids[*p];
                    let e = record_entry(&mut store, id, "2026-06-01", *fen, None);
                    entries.push((e, id.clone(), *fen));
                    paid_fen += fen;
                }
                Step::Reverse(i) => {
                    if entries.is_empty() {
                        continue;
                    }
                    let (e, id, fen) = entries.remove(i % entries.len());
                    record_entry(&mut store, &id, "2026-06-02", -fen, Some(e));
                }
                Step::Estimate(p, yuan) => {
                    let id = ids[*p].clone();
                    store.write(stamp, |tx| {
                        let mut after = tx.state(&id)?.project;
                        let before = after.estimate;
                        after.estimate = Money::from_yuan(*yuan);
                        tx.record(&Change {
                            after: &after,
                            plan: &[],
                            effective: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
                            change: "estimate",
                            action: "estimate",
                            fields: vec![FieldChange::new(
                                "estimate_wan",
                                Some(before.plain()),
                                after.estimate.plain(),
                            )],
                            reason: Some("proptest".to_string()),
                            note: None,
                        })
                    }).unwrap();
                    estimates.insert(id, *yuan);
                }
            }
        }
        prop_assert_eq!(store.running_total_mismatches().unwrap(), vec![]);
        let conn = rusqlite::Connection::open(dir.path().join("l.sqlite")).unwrap();
        let kept = |kind: &str| -> i64 {
            conn.query_row("SELECT amount FROM running_total WHERE kind = ?1", [kind], |r| r.get(0)).unwrap()
        };
        prop_assert_eq!(kept("payments_fen"), paid_fen);
        prop_assert_eq!(kept("estimates_yuan"), estimates.values().sum::<i64>());
    }
}

/// One step of a random sequence of writes that moves the page aggregates.
#[derive(Clone, Debug)]
enum Move {
    /// A payment of this many 分 to the seeded project with this index, dated in this
    /// month (0 = 2022-01 … 59 = 2026-12).
    Pay(usize, i64, u32),
    /// A reversal of the entry with this index among those made so far (if any).
    Reverse(usize),
    /// A revised estimate (元); the annual plan goes back to the even spread.
    Estimate(usize, i64),
    /// A new schedule (first year, years); back to the even spread.
    Reschedule(usize, i32, i32),
    /// An explicit annual plan in these proportions over the schedule's years.
    Plan(usize, Vec<u8>),
    /// Another status (index into `Status::ALL`), the plan kept.
    Status(usize, usize),
    /// Another category (table 1–6), the plan kept.
    Category(usize, u8),
}

fn a_move() -> impl Strategy<Value = Move> {
    prop_oneof![
        (0..68_usize, 1..=10_000_000_000_i64, 0..60_u32).prop_map(|(p, f, m)| Move::Pay(p, f, m)),
        (0..64_usize).prop_map(Move::Reverse),
        (0..68_usize, 0..=1_000_000_000_000_i64).prop_map(|(p, y)| Move::Estimate(p, y)),
        (0..68_usize, 2018..2030_i32, 1..8_i32).prop_map(|(p, s, n)| Move::Reschedule(p, s, n)),
        (0..68_usize, prop::collection::vec(0..=9_u8, 1..12)).prop_map(|(p, w)| Move::Plan(p, w)),
        (0..68_usize, 0..5_usize).prop_map(|(p, s)| Move::Status(p, s)),
        (0..68_usize, 1..=6_u8).prop_map(|(p, t)| Move::Category(p, t)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The page aggregates the write path and the spending trigger keep equal, after any
    /// sequence of payments, reversals, estimates, schedules, plans, statuses and
    /// categories, `check`'s recomputation from the records; and what the current view
    /// reads from them (totals by category, status and year; a quarter's budget and
    /// spending) equals the same figures computed from the records.
    #[test]
    fn page_aggregates_equal_a_full_recomputation_after_any_writes(
        moves in prop::collection::vec(a_move(), 1..40),
    ) {
        use ecoledger::domain::period::Period;
        use ecoledger::domain::project::Status;
        use ecoledger::store::totals::TotalsBy;
        use ecoledger::store::write::{Change, FieldChange};
        use ecoledger::store::View;
        let dir = tempfile::tempdir().unwrap();
        let clock = ecoledger::clock::Clock::pinned("2026-11-28", "test").unwrap();
        let (mut store, _) =
            ecoledger::store::Store::open(&dir.path().join("l.sqlite"), &clock).unwrap();
        let ids: Vec<String> = store
            .projects(View::CURRENT, &Default::default())
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        let mut entries: Vec<(i64, String, i64)> = Vec::new();
        for m in &moves {
            let stamp = test_stamp();
            let (p, change) = match m {
                Move::Pay(p, fen, month) => {
                    let id = &ids[*p];
                    let date = format!("{}-{:02}-15", 2022 + month / 12, month % 12 + 1);
                    let e = record_entry(&mut store, id, &date, *fen, None);
                    entries.push((e, id.clone(), *fen));
                    continue;
                }
                Move::Reverse(i) => {
                    if entries.is_empty() {
                        continue;
                    }
                    let (e, id, fen) = entries.remove(i % entries.len());
                    record_entry(&mut store, &id, "2026-06-02", -fen, Some(e));
                    continue;
                }
                Move::Estimate(p, _) | Move::Reschedule(p, _, _) | Move::Plan(p, _)
                | Move::Status(p, _) | Move::Category(p, _) => (*p, m.clone()),
            };
            let id = ids[p].clone();
            store.write(stamp, |tx| {
                let state = tx.state(&id)?;
                let mut after = state.project;
                let mut plan = state.plan;
                match &change {
                    Move::Estimate(_, yuan) => {
                        after.estimate = Money::from_yuan(*yuan);
                        plan.clear();
                    }
                    Move::Reschedule(_, start, n) => {
                        after.schedule = Schedule::new(*start, start + n - 1).unwrap();
                        plan.clear();
                    }
                    Move::Plan(_, weights) => {
                        let years: Vec<i32> = after.schedule.years().collect();
                        let w: Vec<i64> = (0..years.len())
                            .map(|i| i64::from(weights[i % weights.len()]) + 1)
                            .collect();
                        let sum: i64 = w.iter().sum();
                        let total = after.estimate.yuan();
                        let mut given = 0;
                        plan = years
                            .iter()
                            .zip(&w)
                            .enumerate()
                            .map(|(i, (y, wi))| {
                                let a = if i + 1 == w.len() {
                                    total - given
                                } else {
                                    (i128::from(total) * i128::from(*wi) / i128::from(sum)) as i64
                                };
                                given += a;
                                (*y, Money::from_yuan(a))
                            })
                            .collect();
                    }
                    Move::Status(_, s) => after.status = Status::ALL[*s],
                    Move::Category(_, t) => after.table = *t,
                    Move::Pay(..) | Move::Reverse(_) => unreachable!(),
                }
                after.has_plan = !plan.is_empty();
                tx.record(&Change {
                    after: &after,
                    plan: &plan,
                    effective: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
                    change: "edit",
                    action: "edit",
                    fields: vec![FieldChange::new("description", None, Some("proptest".to_string()))],
                    reason: Some("proptest".to_string()),
                    note: None,
                })
            }).unwrap();
        }
        prop_assert_eq!(store.aggregate_mismatches().unwrap(), vec![]);
        // The same figures from the records: a view as of a date after every record.
        let records = View::as_of(chrono::NaiveDate::from_ymd_opt(2200, 12, 31).unwrap());
        for by in [TotalsBy::Category, TotalsBy::Status, TotalsBy::Year] {
            let kept = store.totals(View::CURRENT, by).unwrap();
            let computed = store.totals(records, by).unwrap();
            prop_assert_eq!(&kept.rows, &computed.rows, "{:?}", by);
            prop_assert_eq!(kept.projects, computed.projects);
            prop_assert_eq!(kept.grand_total, computed.grand_total);
        }
        for year in 2021..=2027 {
            for q in 1..=4_u8 {
                let period = Period::Quarter(year, q);
                let sums = store.quarter_sums(View::CURRENT, year, q).unwrap().unwrap();
                // Any other view is the records' business.
                prop_assert!(store.quarter_sums(records, year, q).unwrap().is_none());
                let rows = ecoledger::ops::budget::rows(&store, period, records, &Default::default()).unwrap();
                let computed = ecoledger::reports::overview::quarter_execution(&rows, period);
                prop_assert_eq!((sums.budget, sums.actual), (computed.budget, computed.actual), "{}", period);
            }
        }
    }
}

/// The first `n` projects a filter lets through, with the count of all of them (the
/// overview's overdue list), agree with the whole listing for any `n`, 0 included.
#[test]
fn the_first_projects_and_their_count_agree_with_the_whole_listing() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ecoledger::clock::Clock::pinned("2026-11-28", "test").unwrap();
    let (store, _) = ecoledger::store::Store::open(&dir.path().join("l.sqlite"), &clock).unwrap();
    let view = ecoledger::store::View::CURRENT;
    for year in [2023, 2026] {
        let filter = ecoledger::store::projects::ProjectFilter {
            overdue_in: Some(year),
            ..Default::default()
        };
        let all: Vec<String> = store
            .projects(view, &filter)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        for n in [0, 1, 5, 20, 1000] {
            let (first, count) = store.first_projects(view, &filter, n).unwrap();
            assert_eq!(count, all.len(), "{year}, {n}");
            let ids: Vec<String> = first.into_iter().map(|p| p.id).collect();
            assert_eq!(ids, all[..n.min(all.len())], "{year}, {n}");
        }
    }
}
