//! Synthetic portfolios for the benchmarks (benches/run.sh): deterministic from a seed,
//! written as the import CSVs `projects import` and `spending import` read, with their
//! own totals printed so that the ledger's figures can be compared with an independent
//! sum.
//!
//! Usage: cargo run --release --example generate -- SIZE OUT_DIR [SEED] [--journals]
//! Sizes: S (68 projects, 1,000 payments), M (10,000 / 100,000), L (100,000 / 1,000,000),
//! XL (1,000,000 / 10,000,000).
//!
//! `--journals` also writes the same payments as a beancount file (`ledger.beancount`, for
//! fava) and an hledger journal (`ledger.journal`, for hledger-web), for the load
//! benchmark's peer comparison (benches/load.sh): each payment is one transaction from
//! `Assets:Treasury` to `Expenses:C{table}:G{project}`, with the project's estimate as a
//! yearly budget in the beancount file (fava's `custom "budget"`).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};

/// A small deterministic generator (no dependency, same data on every machine).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const CATEGORIES: [(u8, &str); 6] = [
    (1, "生态环境建设"),
    (2, "生态屏障建设"),
    (3, "生态安全建设"),
    (4, "生态经济建设"),
    (5, "生态人居建设"),
    (6, "生态文化建设"),
];

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().collect();
    let journals = args.iter().any(|a| a == "--journals");
    args.retain(|a| a != "--journals");
    let size = args.get(1).map(String::as_str).unwrap_or("S");
    let out = std::path::PathBuf::from(args.get(2).map(String::as_str).unwrap_or("target/bench/S"));
    let seed: u64 = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_221_018);
    let (projects, payments): (u64, u64) = match size {
        "S" => (68, 1_000),
        "M" => (10_000, 100_000),
        "L" => (100_000, 1_000_000),
        "XL" => (1_000_000, 10_000_000),
        other => {
            eprintln!("unknown size {other}: use S, M, L or XL");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(seed | 1);
    // About 20 departments: the plan's, plus numbered ones.
    let mut departments: Vec<String> = [
        "区水利局",
        "区生态环境局",
        "区住房城乡建委",
        "区城市管理局",
        "区农业农村委",
        "区林业局",
    ]
    .map(String::from)
    .to_vec();
    departments.extend((1..=14).map(|i| format!("合成部门{i:02}号")));

    let mut p = BufWriter::new(File::create(out.join("projects.csv"))?);
    writeln!(
        p,
        "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status"
    )?;
    let mut estimates: Vec<(i64, i32, i32)> = Vec::with_capacity(projects as usize);
    let mut tables: Vec<u8> = Vec::with_capacity(projects as usize);
    let mut by_category: BTreeMap<u8, i64> = BTreeMap::new();
    for i in 0..projects {
        let (table, name) = CATEGORIES[rng.below(6) as usize];
        let yuan = (rng.below(1_000_000_000) + 10_000) as i64; // 1 to 100,000 万元, to the 元
                                                               // Schedules in the past (2013-2025), so that every payment is dated before the
                                                               // system clock: a ledger records what happened.
        let start = 2013 + rng.below(9) as i32;
        let end = (start + rng.below(5) as i32).min(2025);
        let lead = &departments[rng.below(departments.len() as u64) as usize];
        let co = &departments[rng.below(departments.len() as u64) as usize];
        let depts = if co != lead && rng.below(4) == 0 {
            format!("{lead}、{co}")
        } else {
            lead.clone()
        };
        writeln!(
            p,
            "G{i:07},{table},{name},合成项目组{},合成项目{i}的建设内容,{}.{:04},{start},{end},{depts},planned",
            i % 500,
            yuan / 10_000,
            yuan % 10_000
        )?;
        estimates.push((yuan, start, end));
        tables.push(table);
        *by_category.entry(table).or_default() += yuan;
    }
    p.flush()?;

    let mut s = BufWriter::new(File::create(out.join("payments.csv"))?);
    writeln!(s, "project_id,date,amount_wan,voucher,note")?;
    let mut peers = if journals {
        Some(Journals::create(&out, &estimates, &tables)?)
    } else {
        None
    };
    let mut paid: i64 = 0;
    for n in 0..payments {
        let i = rng.below(projects);
        let (yuan, start, end) = estimates[i as usize];
        // Several small payments per project, never above its estimate in total on average.
        let amount = (yuan / 40).max(1) as u64;
        let amount = (rng.below(amount) + 1) as i64;
        let year = start + rng.below((end - start + 1) as u64) as i32;
        let (month, day) = (rng.below(12) + 1, rng.below(28) + 1);
        writeln!(
            s,
            "G{i:07},{year}-{month:02}-{day:02},{}.{:04},V{n:08},",
            amount / 10_000,
            amount % 10_000
        )?;
        paid += amount;
        if let Some(j) = peers.as_mut() {
            let date = format!("{year}-{month:02}-{day:02}");
            j.payment(&date, tables[i as usize], i, n, amount)?;
        }
    }
    s.flush()?;
    if let Some(j) = peers {
        j.finish()?;
    }

    let wan = |yuan: i64| format!("{}.{:04}", yuan / 10_000, yuan % 10_000);
    println!("size {size}: {projects} projects, {payments} payments (seed {seed})");
    println!(
        "estimate_total_wan {}",
        wan(estimates.iter().map(|e| e.0).sum())
    );
    for (table, yuan) in by_category {
        println!("estimate_table_{table}_wan {}", wan(yuan));
    }
    println!("payments_total_wan {}", wan(paid));
    Ok(())
}

/// The peers' files: the same payments as beancount and hledger transactions.
struct Journals {
    beancount: BufWriter<File>,
    hledger: BufWriter<File>,
}

impl Journals {
    fn create(
        out: &std::path::Path,
        estimates: &[(i64, i32, i32)],
        tables: &[u8],
    ) -> std::io::Result<Self> {
        let mut beancount = BufWriter::new(File::create(out.join("ledger.beancount"))?);
        let mut hledger = BufWriter::new(File::create(out.join("ledger.journal"))?);
        writeln!(beancount, "option \"title\" \"ecoledger load benchmark\"")?;
        writeln!(beancount, "option \"operating_currency\" \"CNY\"")?;
        writeln!(beancount, "2010-01-01 open Assets:Treasury CNY")?;
        writeln!(hledger, "commodity 1,000.00 CNY")?;
        for (i, ((yuan, start, _), table)) in estimates.iter().zip(tables).enumerate() {
            writeln!(beancount, "2010-01-01 open Expenses:C{table}:G{i:07} CNY")?;
            // The estimate (万元 to the 元, kept in 元 here) as the project's yearly budget.
            writeln!(
                beancount,
                "{start}-01-01 custom \"budget\" Expenses:C{table}:G{i:07} \"yearly\" {yuan}.00 CNY"
            )?;
            writeln!(hledger, "account Expenses:C{table}:G{i:07}")?;
        }
        Ok(Journals { beancount, hledger })
    }

    /// One payment of `yuan` 元 to project `i`, voucher `n`.
    fn payment(&mut self, date: &str, table: u8, i: u64, n: u64, yuan: i64) -> std::io::Result<()> {
        let account = format!("Expenses:C{table}:G{i:07}");
        writeln!(
            self.beancount,
            "{date} * \"V{n:08}\"\n  {account}  {yuan}.00 CNY\n  Assets:Treasury\n"
        )?;
        writeln!(
            self.hledger,
            "{date} V{n:08}\n    {account}  {yuan}.00 CNY\n    Assets:Treasury\n"
        )?;
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.beancount.flush()?;
        self.hledger.flush()
    }
}
