//! Password hashing and policy.
//!
//! argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), stored as PHC strings; a
//! stored hash made with other parameters is re-hashed at the next successful login.
//! Policy (NIST 800-63B): at least 12 characters, no composition rules, and passwords that
//! are on the list of most common passwords (zxcvbn's frequency list) are refused.
//! Pure CPU work: callers run it on a blocking thread.

use crate::domain::message::Msg;
use crate::msg_key;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};

pub const MIN_LENGTH: usize = 12;
pub const M_COST: u32 = 19_456;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;

fn hasher_with(m: u32, t: u32, p: u32) -> Argon2<'static> {
    // Params::new accepts these constants; fall back to the library default (stronger in
    // memory) rather than panic if that ever changes.
    let params = Params::new(m, t, p, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hasher() -> Argon2<'static> {
    hasher_with(M_COST, T_COST, P_COST)
}

pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Hash with other parameters (tests of the rehash path, migrations of old hashes).
pub fn hash_with(password: &str, m: u32, t: u32, p: u32) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher_with(m, t, p)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Verify against a stored PHC string; the parameters come from the string itself.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// True when the stored hash is not argon2id with today's parameters.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    if parsed.algorithm.as_str() != "argon2id" {
        return true;
    }
    let get = |name: &str| parsed.params.get_decimal(name);
    get("m") != Some(M_COST) || get("t") != Some(T_COST) || get("p") != Some(P_COST)
}

/// A hash of a random password, verified against when the user does not exist so that
/// unknown and known users take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("no user has this password").unwrap_or_default())
}

/// Check a new password. Returns the message for the form.
pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), Msg> {
    if password.chars().count() < MIN_LENGTH {
        return Err(Msg::new(msg_key!("error-password-short")));
    }
    if password.chars().count() > 256 {
        return Err(Msg::new(msg_key!("error-password-long")));
    }
    if is_common(password, user_inputs) {
        return Err(Msg::new(msg_key!("error-password-common")));
    }
    Ok(())
}

/// On the list of common passwords (or a trivial variant of one, or of the user's own
/// e-mail address or name): zxcvbn rates it as guessable within about 10^6 guesses.
fn is_common(password: &str, user_inputs: &[&str]) -> bool {
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    entropy.guesses() < 1_000_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_that_verify() {
        let h = hash("correct horse battery").unwrap_or_default();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong horse battery", &h));
        assert!(!verify("x", "not a phc string"));
        assert!(!needs_rehash(&h));
    }

    #[test]
    fn old_parameters_need_a_rehash_and_still_verify() {
        let old = hash_with("correct horse battery", 8192, 1, 1).unwrap_or_default();
        assert!(old.contains("m=8192,t=1,p=1"));
        assert!(verify("correct horse battery", &old));
        assert!(needs_rehash(&old));
        assert!(needs_rehash("$2b$12$abcdefghijklmnopqrstuu"));
    }

    #[test]
    fn short_and_common_passwords_are_refused_long_phrases_are_fine() {
        assert!(check_policy("kort", &[]).is_err());
        for common in [
            "password1234",
            "qwertyuiop123",
            "123456789012",
            "iloveyou1234",
        ] {
            assert!(check_policy(common, &[]).is_err(), "{common}");
        }
        assert!(check_policy("jan.devries@oldebroek.nl", &["jan.devries@oldebroek.nl"]).is_err());
        assert!(check_policy("fiets molen kaas regenboog", &[]).is_ok());
        // No composition rules: only lower-case letters and spaces is fine.
        assert!(check_policy("de hooiberg bij de kerk", &[]).is_ok());
    }
}
