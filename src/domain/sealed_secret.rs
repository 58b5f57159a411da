//! Secrets the server must read back (second-factor TOTP secrets) are stored sealed:
//! XChaCha20-Poly1305 with a key derived from a key file kept outside the database
//! (`secrets_key_file`). Someone who copies the database gets ciphertext only.
//!
//! Stored form: `v1:` + base64(24-byte random nonce ‖ ciphertext ‖ tag). The owner (the
//! user id) is authenticated as associated data, so a sealed secret copied onto another
//! account does not open. Older databases hold plain base32 secrets; `open` reports those
//! as `Opened::Plain` so the caller can seal them (base32 has no `:` nor lowercase, so the
//! two forms cannot be confused).

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

const PREFIX: &str = "v1:";
const NONCE_LEN: usize = 24;

/// The purpose string under which the key is derived from the key file.
pub const TOTP_PURPOSE: &str = "totp-secrets v1";

#[derive(Clone)]
pub struct SecretSealer {
    cipher: XChaCha20Poly1305,
}

impl std::fmt::Debug for SecretSealer {
    // Never print the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretSealer(..)")
    }
}

/// What a stored value turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// Sealed with this key: the secret.
    Sealed(String),
    /// Stored before sealing existed: the secret as it was stored (seal it now).
    Plain(String),
}

impl Opened {
    pub fn secret(&self) -> &str {
        match self {
            Opened::Sealed(s) | Opened::Plain(s) => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Sealed with another key (wrong key file), tampered with, or bound to another owner.
    #[error("het opgeslagen geheim past niet bij de sleutel (ander sleutelbestand?)")]
    Unreadable,
}

pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

impl SecretSealer {
    pub fn new(key: [u8; 32]) -> SecretSealer {
        SecretSealer {
            cipher: XChaCha20Poly1305::new(&key.into()),
        }
    }

    /// Seal `secret` for `owner`. A fresh random nonce every time (192 bits: no
    /// collisions to fear).
    pub fn seal(&self, owner: &str, secret: &str) -> Result<String, SealError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: secret.as_bytes(),
                    aad: owner.as_bytes(),
                },
            )
            .map_err(|_| SealError::Unreadable)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        Ok(format!("{PREFIX}{}", B64.encode(out)))
    }

    pub fn open(&self, owner: &str, stored: &str) -> Result<Opened, SealError> {
        let Some(body) = stored.strip_prefix(PREFIX) else {
            return Ok(Opened::Plain(stored.to_string()));
        };
        let data = B64.decode(body).map_err(|_| SealError::Unreadable)?;
        if data.len() <= NONCE_LEN {
            return Err(SealError::Unreadable);
        }
        let (nonce, ct) = data.split_at(NONCE_LEN);
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: owner.as_bytes(),
                },
            )
            .map_err(|_| SealError::Unreadable)?;
        String::from_utf8(plain)
            .map(Opened::Sealed)
            .map_err(|_| SealError::Unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    #[test]
    fn sealed_secrets_round_trip_and_hide_the_plain_text() {
        let s = SecretSealer::new([7; 32]);
        let sealed = s.seal("user-1", SECRET).expect("seal");
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains(SECRET));
        assert_ne!(
            sealed,
            s.seal("user-1", SECRET).expect("seal"),
            "fresh nonce"
        );
        assert_eq!(
            s.open("user-1", &sealed),
            Ok(Opened::Sealed(SECRET.to_string()))
        );
    }

    #[test]
    fn another_key_or_owner_or_a_changed_byte_does_not_open() {
        let s = SecretSealer::new([7; 32]);
        let sealed = s.seal("user-1", SECRET).expect("seal");
        assert_eq!(
            SecretSealer::new([8; 32]).open("user-1", &sealed),
            Err(SealError::Unreadable)
        );
        assert_eq!(s.open("user-2", &sealed), Err(SealError::Unreadable));
        let mut bytes = B64.decode(&sealed[PREFIX.len()..]).expect("b64");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{PREFIX}{}", B64.encode(bytes));
        assert_eq!(s.open("user-1", &tampered), Err(SealError::Unreadable));
        assert_eq!(s.open("user-1", "v1:"), Err(SealError::Unreadable));
    }

    #[test]
    fn plain_base32_from_older_databases_is_reported_as_plain() {
        let s = SecretSealer::new([7; 32]);
        assert_eq!(
            s.open("user-1", SECRET),
            Ok(Opened::Plain(SECRET.to_string()))
        );
        assert!(!is_sealed(SECRET));
    }
}
