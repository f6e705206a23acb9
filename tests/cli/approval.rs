//! Payment approval (复核, issue 17): at or above the threshold a payment is recorded as
//! pending — listed as such, in no actual figure — until a finance user other than who
//! recorded it approves it (or anyone of finance rejects it); imports route their large
//! rows the same way; a closed period refuses an approval dated in it.

use crate::env::{assert_one_line_error, TestEnv};
use crate::users::{ok_as, run_as, with_users};

fn with_threshold() -> TestEnv {
    let env = with_users();
    ok_as(&env, "root1", &["config", "approval-threshold", "500"]);
    env
}

fn spent(env: &TestEnv) -> String {
    env.records(&["spending", "totals", "--by", "project"])
        .into_iter()
        .find(|r| &r["key"] == "total")
        .map(|r| r["amount_wan"].to_string())
        .unwrap_or_default()
}

#[test]
fn a_payment_at_the_threshold_is_pending_and_counts_only_once_another_finance_user_approves_it() {
    let env = with_threshold();
    let before = spent(&env);
    let out = ok_as(
        &env,
        "finance1",
        &["spend", "A5-04", "500", "--date", "2026-03-01"],
    );
    assert!(out.contains("P1"), "{out}");
    // Below the threshold: spending at once.
    ok_as(
        &env,
        "finance1",
        &["spend", "A5-04", "499.99", "--date", "2026-03-02"],
    );
    let list = env.records(&["spending", "list", "--project", "A5-04"]);
    let pending: Vec<_> = list.iter().filter(|r| &r["kind"] == "pending").collect();
    assert_eq!(pending.len(), 1);
    assert_eq!(&pending[0]["entry"], "P1");
    assert_eq!(pending[0].dec("amount_wan"), crate::env::dec("500"));
    // Not in actuals: totals, the project's spending, the quarterly report.
    assert_eq!(
        crate::env::dec(&spent(&env)),
        crate::env::dec(&before) + crate::env::dec("499.99")
    );
    let q = env.records(&["report", "quarterly", "2026Q1"]);
    let row = q.iter().find(|r| &r["id"] == "A5-04").unwrap();
    assert_eq!(row.dec("actual_quarter_wan"), crate::env::dec("504.99"));
    // Listed in a column of its own on the reports.
    assert_eq!(row.dec("pending_quarter_wan"), crate::env::dec("500"));
    let total = q.iter().find(|r| &r["row_type"] == "total").unwrap();
    assert_eq!(total.dec("pending_quarter_wan"), crate::env::dec("500"));
    let totals = env.records(&["spending", "totals", "--by", "project"]);
    let a504 = totals.iter().find(|r| &r["key"] == "A5-04").unwrap();
    assert_eq!(a504.dec("pending_wan"), crate::env::dec("500"));
    assert_eq!(a504.dec("amount_wan"), crate::env::dec("504.99"));
    // Self-approval is refused, whatever the role; nothing is written.
    let before_dump = env.dump();
    let (code, _, err) = run_as(&env, "finance1", &["approve", "P1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "nobody may approve their own payment");
    assert_eq!(env.dump(), before_dump);
    // Other roles may not approve at all.
    for user in ["planner1", "auditor1", "viewer1", "root1"] {
        let (code, _, err) = run_as(&env, user, &["approve", "P1"]);
        assert_eq!(code, 2, "{user}");
        assert_one_line_error(&err, "may not do this");
        assert_eq!(env.dump(), before_dump);
    }
    // Another finance user's approval is accepted: it counts, dated its own date.
    let out = ok_as(&env, "finance2", &["approve", "P1"]);
    assert!(out.contains("approved"), "{out}");
    assert_eq!(
        crate::env::dec(&spent(&env)),
        crate::env::dec(&before) + crate::env::dec("999.99")
    );
    let list = env.records(&["spending", "list", "--project", "A5-04"]);
    assert!(list.iter().all(|r| &r["kind"] != "pending"));
    let q = env.ok(&["report", "quarterly", "2026Q1", "--format", "csv"]);
    assert!(
        !q.contains("pending_quarter_wan"),
        "no column once nothing waits"
    );
    let approved = list.iter().find(|r| &r["amount_wan"] == "500").unwrap();
    assert_eq!(&approved["date"], "2026-03-01");
    assert_eq!(&approved["actor"], "finance1");
    // Once only.
    let (code, _, err) = run_as(&env, "finance1", &["approve", "P1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "already reviewed");
    // The history says who approved, and how they signed in.
    let h = env.records(&["history", "--by", "finance2"]);
    assert_eq!(h.len(), 1);
    assert_eq!(&h[0]["action"], "approve");
    assert_eq!(&h[0]["signed_in"], "password");
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn a_rejected_payment_never_counts() {
    let env = with_threshold();
    let before = spent(&env);
    ok_as(
        &env,
        "finance1",
        &["spend", "A5-04", "800", "--date", "2026-03-01"],
    );
    let (code, _, err) = run_as(&env, "finance2", &["reject", "P1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "reason");
    ok_as(
        &env,
        "finance2",
        &["reject", "P1", "--reason", "duplicate voucher"],
    );
    assert_eq!(spent(&env), before);
    let list = env.records(&["spending", "list"]);
    assert!(list.iter().all(|r| &r["kind"] != "pending"));
    let (code, _, err) = run_as(&env, "finance1", &["approve", "P1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "already reviewed");
    let (code, _, err) = run_as(&env, "finance2", &["approve", "P9"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "no pending payment P9");
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn an_approval_dated_in_a_closed_period_is_refused_so_filed_reports_never_change() {
    let env = with_threshold();
    ok_as(
        &env,
        "finance1",
        &["spend", "A5-04", "800", "--date", "2026-03-01"],
    );
    ok_as(
        &env,
        "finance2",
        &["period", "close", "2026Q1", "--reason", "q1"],
    );
    let before = env.dump();
    let (code, _, err) = run_as(&env, "finance2", &["approve", "P1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "2026Q1");
    assert_eq!(env.dump(), before);
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn an_import_records_its_rows_at_or_above_the_threshold_as_pending() {
    let env = with_threshold();
    let before = spent(&env);
    let file = env.dir.path().join("pay.csv");
    std::fs::write(
        &file,
        "project,date,amount_wan,voucher\n\
         A5-04,2026-03-05,12,V1\n\
         A5-04,2026-03-06,500,V2\n\
         A5-06,2026-03-07,1200.5,V3\n",
    )
    .unwrap();
    let (code, _, err) = run_as(
        &env,
        "finance1",
        &["spending", "import", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 of the rows"), "{err}");
    assert_eq!(
        crate::env::dec(&spent(&env)),
        crate::env::dec(&before) + crate::env::dec("12")
    );
    let pending: Vec<_> = env
        .records(&["spending", "list"])
        .into_iter()
        .filter(|r| &r["kind"] == "pending")
        .collect();
    assert_eq!(pending.len(), 2);
    assert_eq!(&pending[1]["voucher"], "V3");
    ok_as(&env, "finance2", &["approve", "P2"]);
    assert_eq!(
        crate::env::dec(&spent(&env)),
        crate::env::dec(&before) + crate::env::dec("1212.5")
    );
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn the_threshold_is_the_admins_and_can_be_cleared() {
    let env = with_users();
    let (code, _, err) = run_as(&env, "finance1", &["config", "approval-threshold", "1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "may not do this");
    // Each bad threshold is refused with its own reason, nothing written.
    let before = env.dump();
    for (value, why) in [
        ("abc", "is not a plain decimal number"),
        ("1,000", "is not a plain decimal number"),
        ("99999999999999999999", "out of range"),
        ("0.0000001", "more than 6 decimals"),
        ("0", "must be more than 0"),
        ("0.000", "must be more than 0"),
    ] {
        let (code, _, err) = run_as(&env, "root1", &["config", "approval-threshold", value]);
        assert_eq!(code, 2, "{value}");
        assert_one_line_error(&err, why);
    }
    assert_eq!(env.dump(), before);
    ok_as(&env, "root1", &["config", "approval-threshold", "100"]);
    let out = ok_as(&env, "finance1", &["spend", "A5-04", "100"]);
    assert!(out.contains("pending P1"), "{out}");
    ok_as(&env, "root1", &["config", "approval-threshold", "none"]);
    let out = ok_as(&env, "finance1", &["spend", "A5-04", "100"]);
    assert!(out.contains("entry"), "{out}");
    let settings = env.records(&["config"]);
    let t = settings
        .iter()
        .find(|r| &r["key"] == "approval-threshold")
        .unwrap();
    assert_eq!(&t["value"], "none");
}

/// Every role × `approve` and `reject`: approving is for a finance user other than the
/// one who recorded the payment, rejecting for any finance user; everyone else is
/// refused with nothing written.
#[test]
fn every_role_may_review_exactly_as_the_role_table_says() {
    let template = with_threshold();
    ok_as(
        &template,
        "finance1",
        &["spend", "A5-04", "800", "--date", "2026-03-01"],
    );
    for (verb, allowed) in [
        (&["approve", "P1"][..], &["finance2"][..]),
        (
            &["reject", "P1", "--reason", "no"][..],
            &["finance1", "finance2"][..],
        ),
    ] {
        for (user, _) in crate::users::USERS {
            let env = TestEnv::new();
            crate::env::copy_ledger(&template.db, &env.db);
            let before = env.dump();
            let (code, out, err) = run_as(&env, user, verb);
            if allowed.contains(&user) {
                assert_eq!(code, 0, "{user} {verb:?}: {out}{err}");
                assert_ne!(env.dump(), before);
            } else {
                assert_eq!(code, 2, "{user} {verb:?}: {out}{err}");
                assert_eq!(env.dump(), before, "{user} {verb:?} changed the ledger");
            }
        }
    }
}
