//! Managing users: add, change a password, change roles, disable. Each checks its input
//! with `domain::role` (known roles, no incompatible pair), hashes a new password with
//! Argon2id (`domain::password`, salt from the operating system), and records the user's
//! new state and its history line in one write. Who may do it is the write path's
//! concern, like every write's: an admin, or anyone on a ledger without users — where
//! the first user must be an admin.

use crate::domain::password;
use crate::domain::role::{self, Role};
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::store::users::{User, UserChange};
use crate::store::write::Stamp;
use crate::store::Store;

/// Roles as typed (`planner`, `规划`, or a comma-separated list), checked: at least one,
/// each known, no incompatible pair.
pub fn parse_roles(given: &[String], place: &str) -> Result<Vec<Role>> {
    let mut roles = Vec::new();
    for part in given.iter().flat_map(|g| g.split([',', '，'])) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let role =
            Role::parse(part).ok_or_else(|| Error::bad_value(place, msg::unknown_role(part)))?;
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        return Err(Error::bad_value(place, msg::unknown_role("")));
    }
    roles.sort();
    if let Some(why) = role::incompatible(&roles) {
        return Err(Error::bad_value(place, why));
    }
    Ok(roles)
}

/// The Argon2id PHC string of a new password (at least [`password::MIN_CHARS`]).
pub fn hash_new(given: &str, place: &str) -> Result<String> {
    if given.chars().count() < password::MIN_CHARS {
        return Err(Error::bad_value(
            place,
            msg::password_too_short(password::MIN_CHARS),
        ));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| Error::bad_value(place, msg::no_random_salt()))?;
    password::hash(given, &salt).ok_or_else(|| Error::bad_value(place, msg::no_random_salt()))
}

/// Roles as people read them: `planner, auditor`.
pub fn roles_text(roles: &[Role]) -> String {
    role::join(roles).replace(',', ", ")
}

/// A new user.
pub struct NewUser {
    pub name: String,
    pub roles: Vec<Role>,
    pub os_user: Option<String>,
    /// The PHC string ([`hash_new`]); none for a user who signs in only as an OS user on
    /// the command line.
    pub password: Option<String>,
}

fn summary(u: &User) -> String {
    let mut s = format!("{} [{}]", u.name, role::join(&u.roles));
    if let Some(os) = &u.os_user {
        s.push_str(&format!(" os-user={os}"));
    }
    if u.disabled {
        s.push_str(" disabled");
    }
    s
}

pub fn add(store: &mut Store, stamp: Stamp, new: NewUser) -> Result<Text> {
    let name = crate::ops::check_actor(&new.name, "NAME")?;
    store.write(stamp, |tx| {
        if tx.user(&name)?.is_some() {
            return Err(Error::bad_value("NAME", msg::user_exists(&name)));
        }
        if !tx.has_users()? && !new.roles.contains(&Role::Admin) {
            return Err(Error::bad_value("--role", msg::first_user_admin()));
        }
        if let Some(login) = &new.os_user {
            if let Some(other) = tx
                .users()?
                .into_iter()
                .find(|u| u.os_user.as_deref() == Some(login.as_str()) && !u.disabled)
            {
                return Err(Error::bad_value(
                    "--os-user",
                    msg::os_user_taken(login, other.name),
                ));
            }
        }
        let stamp_at = tx.recorded_at().to_string();
        let user = User {
            name: name.clone(),
            roles: new.roles.clone(),
            os_user: new.os_user.clone(),
            password: new.password.clone(),
            disabled: false,
            recorded_at: stamp_at,
            actor: String::new(),
        };
        tx.record_user(&UserChange {
            user: &user,
            action: "add",
            old: None,
            new: Some(summary(&user)),
        })?;
        Ok(msg::user_added(&name, roles_text(&new.roles)))
    })
}

fn existing(tx: &crate::store::write::Tx<'_>, name: &str) -> Result<User> {
    tx.user(name.trim())?
        .ok_or_else(|| Error::bad_value("NAME", msg::unknown_user(name.trim())))
}

/// Whether `user` is the last enabled admin (who must not lose the role or be disabled).
fn last_admin(tx: &crate::store::write::Tx<'_>, user: &User) -> Result<bool> {
    if !user.roles.contains(&Role::Admin) || user.disabled {
        return Ok(false);
    }
    Ok(!tx
        .users()?
        .iter()
        .any(|u| u.name != user.name && !u.disabled && u.roles.contains(&Role::Admin)))
}

pub fn passwd(store: &mut Store, stamp: Stamp, name: &str, hash: String) -> Result<Text> {
    store.write(stamp, |tx| {
        let mut user = existing(tx, name)?;
        user.password = Some(hash);
        tx.record_user(&UserChange {
            user: &user,
            action: "passwd",
            old: None,
            new: Some(format!("{}: password set", user.name)),
        })?;
        Ok(msg::password_changed(&user.name))
    })
}

pub fn set_roles(store: &mut Store, stamp: Stamp, name: &str, roles: Vec<Role>) -> Result<Text> {
    store.write(stamp, |tx| {
        let mut user = existing(tx, name)?;
        if !roles.contains(&Role::Admin) && last_admin(tx, &user)? {
            return Err(Error::bad_value("ROLE", msg::last_admin(&user.name)));
        }
        let old = summary(&user);
        let old_roles = roles_text(&user.roles);
        user.roles = roles.clone();
        tx.record_user(&UserChange {
            user: &user,
            action: "roles",
            old: Some(old),
            new: Some(summary(&user)),
        })?;
        Ok(msg::roles_changed(
            &user.name,
            old_roles,
            roles_text(&roles),
        ))
    })
}

pub fn disable(store: &mut Store, stamp: Stamp, name: &str) -> Result<Text> {
    store.write(stamp, |tx| {
        let mut user = existing(tx, name)?;
        if user.disabled {
            return Err(Error::bad_value("NAME", msg::already_disabled(&user.name)));
        }
        if last_admin(tx, &user)? {
            return Err(Error::bad_value("NAME", msg::last_admin(&user.name)));
        }
        let old = summary(&user);
        user.disabled = true;
        tx.record_user(&UserChange {
            user: &user,
            action: "disable",
            old: Some(old),
            new: Some(summary(&user)),
        })?;
        Ok(msg::user_disabled_done(&user.name))
    })
}

/// Checks a name and password for the dashboard's sign-in: the user as they stand, when
/// the password is theirs and they are enabled; `None` otherwise (the caller says only
/// "wrong name or password", never which).
pub fn sign_in(store: &Store, name: &str, given: &str) -> Result<Option<User>> {
    let Some(user) = store.user(name.trim())? else {
        // Spend the same time as a real check, so that a name's existence does not show.
        let _ = password::verify(given, Some(DUMMY_HASH));
        return Ok(None);
    };
    let ok = password::verify(given, user.password.as_deref()) && !user.disabled;
    Ok(ok.then_some(user))
}

/// A valid Argon2id hash of nothing anyone knows, to verify against for unknown names.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0VL4Ff5tXqlDu5d0lN6e8Ru0P/Ha0J4tD9wVrT0iTi4";
