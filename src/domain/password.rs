//! Passwords: Argon2id with the `argon2` crate's recommended parameters, stored as a PHC
//! string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), which carries its own salt and
//! parameters. Nothing else about a password is kept. The salt comes from the caller
//! (`ops::users` draws it from the operating system), so this stays pure.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The fewest characters a password may have.
pub const MIN_CHARS: usize = 8;

/// The PHC string of `password` salted with `salt`; none if the salt is unusable.
pub fn hash(password: &str, salt: &[u8; 16]) -> Option<String> {
    let salt = SaltString::encode_b64(salt).ok()?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

/// Whether `password` matches the stored PHC string (never for a user without one).
pub fn verify(password: &str, stored: Option<&str>) -> bool {
    let Some(parsed) = stored.and_then(|s| PasswordHash::new(s).ok()) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_and_verifies_only_its_password() {
        let h = hash("correct horse", &[7; 16]).expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(!h.contains("correct horse"));
        assert!(verify("correct horse", Some(&h)));
        assert!(!verify("correct hors", Some(&h)));
        assert!(!verify("correct horse", None));
        assert!(!verify("x", Some("garbage")));
    }
}
