//! The benchmark tools work: the generator and `benches/run.sh` at size S, with the
//! binaries this test run built (timings are printed, never asserted).

use std::process::Command;

#[test]
fn the_benchmark_script_runs_at_size_s_and_finds_the_totals_exact() {
    let root = env!("CARGO_MANIFEST_DIR");
    let bin = assert_cmd::cargo::cargo_bin("ecoledger");
    let generate = std::path::Path::new(root).join("target/debug/examples/generate");
    // Built every time (cargo does nothing when it is up to date): a stale generator
    // would benchmark yesterday's data.
    let built = Command::new(env!("CARGO"))
        .args(["build", "--example", "generate"])
        .current_dir(root)
        .status();
    assert!(built.is_ok_and(|s| s.success()));
    let dir = tempfile::tempdir().expect("temp dir");
    let out = Command::new("bash")
        .arg(format!("{root}/benches/run.sh"))
        .arg("S")
        .env("RUNS", "1")
        .env("ECOLEDGER_BIN", &bin)
        .env("GENERATE_BIN", &generate)
        .env("BENCH_DIR", dir.path())
        .output()
        .expect("run the script");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("reconcile: passed"), "{text}");
    assert!(text.contains("exact: yes"), "{text}");
    assert!(text.contains("totals --by category"), "{text}");
}
