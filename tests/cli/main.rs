//! Integration tests: the real `ecoledger` binary against real SQLite files in temporary
//! folders. One test binary, one module per command or area.

// Test helpers may fail loudly: a panic is a failed test.
#![allow(clippy::unwrap_used)]

mod env;

mod approval;
mod bad_input;
mod browser;
mod cuts;
mod errors;
mod finance;
mod history_asof;
mod i18n;
mod imports;
mod indicator_seed;
mod indicators;
mod info_init;
mod lang_format;
mod layout;
mod lifecycle;
mod papercuts;
mod past;
mod projects;
mod real_files;
mod reconcile;
mod reliability;
mod revisions;
mod safety;
mod snapshots;
mod totals;
mod upgrade;
mod users;
mod web;
mod web_users;
