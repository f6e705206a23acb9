//! The status lifecycle: which verb moves a project from which status to which.
//!
//! ```text
//! planned ──start──▶ in_progress ──complete──▶ completed
//!    │                 │    ▲                      │
//!    │           suspend    resume                 reopen (back to in_progress)
//!    │                 ▼    │
//!    │              suspended
//!    └──cancel──▶ cancelled ◀──cancel── (in_progress, suspended)
//!                  └──reopen──▶ planned
//! ```

use super::project::Status;
use crate::i18n::Words;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Verb {
    Start,
    Complete,
    Suspend,
    Resume,
    Cancel,
    Reopen,
}

impl Verb {
    pub const ALL: [Verb; 6] = [
        Verb::Start,
        Verb::Complete,
        Verb::Suspend,
        Verb::Resume,
        Verb::Cancel,
        Verb::Reopen,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verb::Start => "start",
            Verb::Complete => "complete",
            Verb::Suspend => "suspend",
            Verb::Resume => "resume",
            Verb::Cancel => "cancel",
            Verb::Reopen => "reopen",
        }
    }

    pub fn words(self) -> Words {
        let (en, zh) = match self {
            Verb::Start => ("start", "开工"),
            Verb::Complete => ("complete", "完成"),
            Verb::Suspend => ("suspend", "暂停"),
            Verb::Resume => ("resume", "恢复"),
            Verb::Cancel => ("cancel", "终止"),
            Verb::Reopen => ("reopen", "重新启用"),
        };
        Words { en, zh }
    }

    /// Suspending, cancelling and reopening must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Verb::Suspend | Verb::Cancel | Verb::Reopen)
    }

    /// The status this verb leads to from `from`, if the move is allowed.
    pub fn apply(self, from: Status) -> Option<Status> {
        use Status::*;
        match (self, from) {
            (Verb::Start, Planned) => Some(InProgress),
            (Verb::Complete, InProgress) => Some(Completed),
            (Verb::Suspend, InProgress) => Some(Suspended),
            (Verb::Resume, Suspended) => Some(InProgress),
            (Verb::Cancel, Planned | InProgress | Suspended) => Some(Cancelled),
            (Verb::Reopen, Completed) => Some(InProgress),
            (Verb::Reopen, Cancelled) => Some(Planned),
            _ => None,
        }
    }

    /// The verbs allowed from `from`, for error messages.
    pub fn allowed_from(from: Status) -> Vec<Verb> {
        Verb::ALL
            .into_iter()
            .filter(|v| v.apply(from).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_way_on_and_completed_cannot_be_cancelled() {
        for s in Status::ALL {
            assert!(!Verb::allowed_from(s).is_empty(), "{s:?} is a dead end");
        }
        assert_eq!(Verb::Cancel.apply(Status::Completed), None);
        assert_eq!(Verb::Complete.apply(Status::Cancelled), None);
        assert_eq!(
            Verb::allowed_from(Status::Planned),
            [Verb::Start, Verb::Cancel]
        );
    }
}
