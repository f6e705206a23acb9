//! User accounts (a log: each change appends the user's whole new state) and who may
//! write. [`authorize`] runs at the start of every write on a ledger with users: the
//! writer must be a known, enabled user who proved it; [`duties`] says, from the tables a
//! write appended to, which duties it performed, for the role check before commit.

use super::chain::{Field, Journal, Table};
use super::write::{history_fields, Proof, Stamp, Tx};
use super::Store;
use crate::domain::role::{self, Duty, Method, Role};
use crate::error::{Error, Result};
use crate::i18n::msg;
use rusqlite::{Connection, OptionalExtension};

/// One user's state (their latest row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub roles: Vec<Role>,
    pub os_user: Option<String>,
    /// The Argon2id PHC string; none for a user who signs in only as an OS user.
    pub password: Option<String>,
    pub disabled: bool,
    /// When and by whom the user was last changed.
    pub recorded_at: String,
    pub actor: String,
}

const COLUMNS: &str = "name, roles, os_user, password, disabled, recorded_at, actor";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        name: r.get(0)?,
        roles: role::split(&r.get::<_, String>(1)?),
        os_user: r.get(2)?,
        password: r.get(3)?,
        disabled: r.get::<_, i64>(4)? != 0,
        recorded_at: r.get(5)?,
        actor: r.get(6)?,
    })
}

/// Whether the ledger has any user: from the first, writes need a signed-in user.
pub(super) fn any(conn: &Connection) -> Result<bool> {
    Ok(
        conn.query_row("SELECT EXISTS (SELECT 1 FROM user_account)", [], |r| {
            r.get(0)
        })?,
    )
}

/// User `name` as they stand now.
pub(super) fn get(conn: &Connection, name: &str) -> Result<Option<User>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM user_account WHERE name = ?1 ORDER BY id DESC LIMIT 1"
        ))?
        .query_row([name], from_row)
        .optional()?)
}

/// Every user as they stand now, by name.
pub(super) fn all(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM user_account u
          WHERE id = (SELECT MAX(id) FROM user_account v WHERE v.name = u.name)
          ORDER BY name"
    ))?;
    let users = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(users)
}

/// The enabled user mapped to operating-system login `login`, if any.
fn by_os_user(conn: &Connection, login: &str) -> Result<Option<User>> {
    Ok(all(conn)?
        .into_iter()
        .find(|u| !u.disabled && u.os_user.as_deref() == Some(login)))
}

/// Who writes, as the write path has established it.
#[derive(Clone, Debug)]
pub struct Signed {
    pub name: String,
    pub roles: Vec<Role>,
    pub method: Method,
}

/// Checks that the writer of `stamp` is a known, enabled user who proved it (a mapped OS
/// user, a password, or a dashboard session signed in with one), and names them in the
/// stamp. `None` on a ledger without users: nobody signs in, and the stamp's name is
/// recorded as given (today's behaviour).
pub(super) fn authorize(conn: &Connection, stamp: &mut Stamp) -> Result<Option<Signed>> {
    if !any(conn)? {
        return Ok(None);
    }
    let proof = std::mem::replace(&mut stamp.proof, Proof::None);
    let (user, method) = match proof {
        Proof::None => return Err(Error::Denied(msg::sign_in_needed())),
        Proof::ReadOnly => return Err(Error::Denied(msg::token_read_only())),
        Proof::Session => {
            let user = known(conn, &stamp.actor)?;
            (user, Method::Password)
        }
        Proof::Cli {
            named,
            login,
            password,
        } => {
            let user = if named {
                known(conn, &stamp.actor)?
            } else {
                match login.as_deref().map(|l| by_os_user(conn, l)).transpose()? {
                    Some(Some(u)) => u,
                    _ => return Err(Error::Denied(msg::who_signs_in())),
                }
            };
            let mapped = login.is_some() && user.os_user.is_some() && user.os_user == login;
            if mapped {
                (user, Method::OsUser)
            } else {
                let Some(password) = password else {
                    return Err(Error::Denied(msg::password_needed(&user.name)));
                };
                if !crate::domain::password::verify(&password, user.password.as_deref()) {
                    return Err(Error::Denied(msg::wrong_password(&user.name)));
                }
                (user, Method::Password)
            }
        }
    };
    if user.disabled {
        return Err(Error::Denied(msg::user_disabled(&user.name)));
    }
    stamp.actor = user.name.clone();
    Ok(Some(Signed {
        name: user.name,
        roles: user.roles,
        method,
    }))
}

fn known(conn: &Connection, name: &str) -> Result<User> {
    get(conn, name.trim())?.ok_or_else(|| Error::Denied(msg::unknown_user(name.trim())))
}

/// The duties a write performed, from the tables it appended to: projects and
/// indicators are planning; payments and pending payments paying; reviews approving;
/// closes closing; settings and users the admin's. (History, journal and import records
/// go with the rows they describe.) Checked where every write passes, so that a new
/// command is checked by what it writes, not by what it says it does.
pub(super) fn duties(journal: &Journal) -> Vec<Duty> {
    let mut duties = Vec::new();
    let mut need = |tables: &[Table], duty: Duty| {
        if tables.iter().any(|t| journal.touched(*t)) {
            duties.push(duty);
        }
    };
    need(
        &[
            Table::Category,
            Table::Department,
            Table::Project,
            Table::ProjectVersion,
            Table::VersionDepartment,
            Table::VersionPlanYear,
            Table::IndicatorMeasurement,
            Table::IndicatorLink,
        ],
        Duty::Plan,
    );
    need(&[Table::PaymentReview], Duty::Approve);
    if !journal.touched(Table::PaymentReview) {
        need(&[Table::Spending, Table::PendingPayment], Duty::Pay);
    }
    need(&[Table::PeriodClose], Duty::Close);
    need(&[Table::Setting], Duty::Settings);
    need(&[Table::UserAccount], Duty::Users);
    duties
}

/// Refuses a write that performed a duty none of the writer's roles performs.
pub(super) fn check_duties(signed: &Signed, journal: &Journal) -> Result<()> {
    for duty in duties(journal) {
        if !role::may(&signed.roles, duty) {
            return Err(Error::Denied(msg::not_allowed(
                &signed.name,
                role::join(&signed.roles),
                crate::i18n::duty_label(duty),
                role::join(&Role::performing(duty)),
            )));
        }
    }
    Ok(())
}

impl Store {
    /// Whether the ledger has users (then every write needs a signed-in user).
    pub fn has_users(&self) -> Result<bool> {
        self.read(any)
    }

    /// User `name` as they stand now.
    pub fn user(&self, name: &str) -> Result<Option<User>> {
        self.read(|c| get(c, name))
    }

    /// Every user, by name.
    pub fn users(&self) -> Result<Vec<User>> {
        self.read(all)
    }

    /// The enabled user mapped to OS login `login`.
    pub fn user_by_os_user(&self, login: &str) -> Result<Option<User>> {
        self.read(|c| by_os_user(c, login))
    }

    /// The authentication method of each journal record written by a signed-in user.
    pub fn write_methods(&self) -> Result<std::collections::HashMap<i64, String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT jseq, method FROM write_auth")?;
            let map = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(map)
        })
    }
}

/// What one change to a user appends.
pub struct UserChange<'a> {
    pub user: &'a User,
    /// `add`, `passwd`, `roles` or `disable`.
    pub action: &'static str,
    /// The history line's old and new value (never a password or its hash).
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Tx<'_> {
    pub fn has_users(&self) -> Result<bool> {
        any(self.conn())
    }

    pub fn user(&self, name: &str) -> Result<Option<User>> {
        get(self.conn(), name)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        all(self.conn())
    }

    /// Appends a user's new state and its history line.
    pub fn record_user(&mut self, c: &UserChange<'_>) -> Result<()> {
        let u = c.user;
        self.name_action(&format!("users {}", c.action));
        let stamp = self.stamp().clone();
        let roles = role::join(&u.roles);
        self.insert(
            Table::UserAccount,
            &[
                Field::Text(&u.name),
                Field::Text(&roles),
                Field::text(u.os_user.as_deref()),
                Field::text(u.password.as_deref()),
                Field::Int(i64::from(u.disabled)),
                Field::Text(c.action),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )?;
        let today = stamp.recorded_at.get(..10).unwrap_or_default().to_string();
        let action = format!("user-{}", c.action);
        let fields = history_fields(
            &stamp,
            &today,
            None,
            &action,
            "user",
            c.old.as_deref(),
            c.new.as_deref(),
            (None, None),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(())
    }
}
