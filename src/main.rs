//! The `ecoledger` binary: find the language, parse the command line with its help in
//! that language, run the command, and own the exit code. A closed pipe (`ecoledger … |
//! head`) counts as success; every error is one line on stderr.

use clap::{CommandFactory, FromArgMatches};
use ecoledger::cli::Cli;
use ecoledger::commands::{self, Outcome};
use ecoledger::i18n::{help, Lang};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The help and clap's own refusals are in the language the command line asks for,
    // so it is found before the command line is parsed.
    let lang = Lang::resolve(Lang::from_args(&args));
    let command = help::localize(Cli::command(), lang);
    let cli = match command
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return help::exit(e, lang),
    };
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
            let line = ecoledger::i18n::msg::program_error(e.message(lang));
            let _ = writeln!(err, "{}", line.get(lang));
            ExitCode::from(2)
        }
    }
}
