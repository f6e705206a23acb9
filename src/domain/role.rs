//! Who may do what: the five roles, the duties a write needs, which role performs which
//! duty, and the pairs of roles one person may not hold together (不相容岗位相分离). Pure:
//! the store decides which duties a write needs from what it appends, and asks here.

use crate::i18n::{msg, Text};

/// A role a user holds (查看 / 规划 / 财务 / 审计 / 管理员).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Viewer,
    Planner,
    Finance,
    Auditor,
    Admin,
}

/// What a write does, as far as permission goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Duty {
    /// Projects: the lifecycle verbs, estimate, reschedule, plan, projects add, edit and
    /// import, indicator values and links.
    Plan,
    /// Payments and reversals (支出 / 冲销), spending imports.
    Pay,
    /// Approving or rejecting another person's pending payment (复核).
    Approve,
    /// Closing and reopening periods (结账 / 反结账).
    Close,
    /// The ledger's settings (`config`).
    Settings,
    /// User accounts.
    Users,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Viewer,
        Role::Planner,
        Role::Finance,
        Role::Auditor,
        Role::Admin,
    ];

    /// The role's code, as typed and stored.
    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Planner => "planner",
            Role::Finance => "finance",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    /// The role named `code` (English code or Chinese label).
    pub fn parse(code: &str) -> Option<Role> {
        let code = code.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.code().eq_ignore_ascii_case(code) || crate::i18n::role_label(*r).zh == code)
    }

    /// Whether a holder of this role performs `duty`. Viewers and auditors change
    /// nothing; an admin manages users and settings only.
    pub fn performs(self, duty: Duty) -> bool {
        match self {
            Role::Viewer | Role::Auditor => false,
            Role::Planner => duty == Duty::Plan,
            Role::Finance => matches!(duty, Duty::Pay | Duty::Approve | Duty::Close),
            Role::Admin => matches!(duty, Duty::Settings | Duty::Users),
        }
    }

    /// The roles that perform `duty`.
    pub fn performing(duty: Duty) -> Vec<Role> {
        Role::ALL.into_iter().filter(|r| r.performs(duty)).collect()
    }
}

impl Duty {
    pub fn code(self) -> &'static str {
        match self {
            Duty::Plan => "plan",
            Duty::Pay => "pay",
            Duty::Approve => "approve",
            Duty::Close => "close",
            Duty::Settings => "settings",
            Duty::Users => "users",
        }
    }
}

/// Whether any of `roles` performs `duty`.
pub fn may(roles: &[Role], duty: Duty) -> bool {
    roles.iter().any(|r| r.performs(duty))
}

/// The first rule of separation `roles` break, said in both languages: planner with
/// finance (who approves a project's progress does not pay it), finance with auditor
/// (who pays does not audit the payments), admin with anything but viewer (who grants
/// the rights does not use them).
pub fn incompatible(roles: &[Role]) -> Option<Text> {
    let has = |r: Role| roles.contains(&r);
    if has(Role::Planner) && has(Role::Finance) {
        return Some(msg::roles_planner_finance());
    }
    if has(Role::Finance) && has(Role::Auditor) {
        return Some(msg::roles_finance_auditor());
    }
    if has(Role::Admin) {
        if let Some(other) = roles
            .iter()
            .find(|r| !matches!(r, Role::Admin | Role::Viewer))
        {
            return Some(msg::roles_admin_only(other.code()));
        }
    }
    None
}

/// Roles as stored: codes joined by commas, in [`Role::ALL`] order.
pub fn join(roles: &[Role]) -> String {
    let mut sorted = roles.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// Roles from their stored form (unknown codes are left out).
pub fn split(text: &str) -> Vec<Role> {
    text.split(',').filter_map(Role::parse).collect()
}

/// How a writer proved who they are, as the history records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// A ledger without users: nobody signs in.
    None,
    Password,
    OsUser,
    TokenReadOnly,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::None => "none",
            Method::Password => "password",
            Method::OsUser => "os-user",
            Method::TokenReadOnly => "token-read-only",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_duty_has_its_roles() {
        assert_eq!(Role::performing(Duty::Plan), [Role::Planner]);
        assert_eq!(Role::performing(Duty::Pay), [Role::Finance]);
        assert_eq!(Role::performing(Duty::Approve), [Role::Finance]);
        assert_eq!(Role::performing(Duty::Close), [Role::Finance]);
        assert_eq!(Role::performing(Duty::Settings), [Role::Admin]);
        assert_eq!(Role::performing(Duty::Users), [Role::Admin]);
    }

    #[test]
    fn incompatible_pairs_are_refused() {
        use Role::*;
        assert!(incompatible(&[Planner, Finance]).is_some());
        assert!(incompatible(&[Finance, Auditor]).is_some());
        assert!(incompatible(&[Admin, Planner]).is_some());
        assert!(incompatible(&[Admin, Auditor]).is_some());
        assert!(incompatible(&[Admin, Viewer]).is_none());
        assert!(incompatible(&[Planner, Auditor]).is_none());
        assert!(incompatible(&[Finance, Viewer]).is_none());
    }
}
