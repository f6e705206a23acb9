//! The `ecoledger` binary: parse the command line, run the command, and own the exit
//! code. A closed pipe (`ecoledger … | head`) counts as success; every error is one
//! line on stderr.

use clap::Parser;
use ecoledger::cli::Cli;
use ecoledger::commands::{self, Outcome};
use ecoledger::i18n::Lang;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::resolve(cli.lang);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let is_terminal = io::stdout().is_terminal();
    let result = commands::run(cli, lang, is_terminal, &mut out, &mut err);
    let result = result.and_then(|o| out.flush().map(|_| o).map_err(Into::into));
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::ChecksFailed) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "ecoledger: {}", e.message(lang));
            ExitCode::from(2)
        }
    }
}
