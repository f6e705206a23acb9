//! The ledger's vocabulary as plain values and rules: exact money, schedules, the year
//! and department allocation rule, categories and project statuses. Nothing here does I/O.

pub mod allocation;
pub mod category;
pub mod date;
pub mod department;
pub mod history;
pub mod import;
pub mod indicator;
pub mod lifecycle;
pub mod money;
pub mod password;
pub mod period;
pub mod plan;
pub mod project;
pub mod role;
pub mod schedule;
pub mod spending;
pub mod text;

pub use money::Money;
pub use schedule::Schedule;
