//! ecoledger: an exact, reproducible ledger for public investment project portfolios,
//! kept in one embedded SQLite file and seeded from Yongchuan District's 2022–2030
//! ecological-civilisation plan (68 projects, 785,341 万元).
//!
//! The crate is layered so that each layer only looks down:
//!
//! - [`cli`] and [`commands`]: the command line. One file per command; each turns its
//!   flags into options, asks [`store`] for data, builds a report and renders it.
//! - [`ops`]: the write operations (status changes, payments) and filter parsing that
//!   the command line and the web dashboard share, so both validate and record alike.
//! - [`reports`]: one pure function per report, from data and options to a small
//!   report structure. No I/O, no SQL.
//! - [`render`]: turns any report table into a terminal table, CSV or JSON.
//! - [`store`]: the SQLite file. Opening, migrating, seeding and every query live here;
//!   it is the only module that speaks SQL.
//! - [`domain`]: money (exact 万元), schedules, year allocation, categories and
//!   statuses. Pure values and rules, no I/O.
//! - [`i18n`] and [`error`]: the English and Chinese words, and the one error type;
//!   [`clock`]: the one pinnable source of "today".

pub mod cli;
pub mod clock;
pub mod commands;
pub mod domain;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod input;
pub mod ops;
pub mod render;
pub mod reports;
pub mod seed;
pub mod store;
pub mod web;

pub use error::{Error, Result};
