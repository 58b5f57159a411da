//! Key files kept outside the database.
//!
//! One file format for every secret key the server holds (the audit log's signing key, the
//! key that encrypts second-factor secrets): a single line in the C2SP signed-note private
//! key form, `PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ 32-byte Ed25519 seed)>`, the form
//! Go's `golang.org/x/mod/sumdb/note` and the transparency-dev tools read. Someone who
//! copies the database does not get the keys; someone with a key file cannot rewrite the
//! database unnoticed once a checkpoint was published.
//!
//! The verifier key (public) is `<name>+<key id>+<base64(0x01 ‖ public key)>`; the key id is
//! the first four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), written as 8 hex digits.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The signature-algorithm byte of Ed25519 in signed notes.
const ALG_ED25519: u8 = 0x01;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("het sleutelbestand {0} bestaat al; kies een andere naam (een sleutel wordt nooit overschreven)")]
    Exists(String),
    #[error("het sleutelbestand {path} is niet te lezen: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("het sleutelbestand {0} heeft niet de juiste vorm (PRIVATE+KEY+naam+id+sleutel)")]
    Format(String),
    #[error("de sleutelnaam mag geen spaties, '+' of regeleinden bevatten en niet leeg zijn")]
    Name,
}

/// A private key read from (or about to be written to) a key file.
#[derive(Clone)]
pub struct KeyFile {
    name: String,
    signing: SigningKey,
}

impl std::fmt::Debug for KeyFile {
    // Never print the secret.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFile")
            .field("name", &self.name)
            .field("key_id", &hex::encode(self.key_id()))
            .finish()
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c == '+' || c.is_whitespace() || c.is_control())
}

impl KeyFile {
    /// A fresh random key with this name (for the audit log: the log's origin).
    pub fn generate(name: &str) -> Result<KeyFile, KeyError> {
        if !valid_name(name) {
            return Err(KeyError::Name);
        }
        let mut rng = rand::rngs::OsRng;
        Ok(KeyFile {
            name: name.to_string(),
            signing: SigningKey::generate(&mut rng),
        })
    }

    /// A key from a known seed (tests and known-answer vectors only).
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<KeyFile, KeyError> {
        if !valid_name(name) {
            return Err(KeyError::Name);
        }
        Ok(KeyFile {
            name: name.to_string(),
            signing: SigningKey::from_bytes(&seed),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The signed-note key id: SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[..4].
    pub fn key_id(&self) -> [u8; 4] {
        key_id(&self.name, &self.verifying_key())
    }

    /// The private key line as stored in the file.
    pub fn private_text(&self) -> String {
        let mut data = vec![ALG_ED25519];
        data.extend_from_slice(self.signing.as_bytes());
        format!(
            "PRIVATE+KEY+{}+{}+{}",
            self.name,
            hex::encode(self.key_id()),
            B64.encode(data)
        )
    }

    /// The public verifier key in signed-note form (`name+id+base64`).
    pub fn verifier_text(&self) -> String {
        verifier_text(&self.name, &self.verifying_key())
    }

    /// A 32-byte secret for one purpose, derived from this key with HKDF-SHA256, so one key
    /// file never serves two purposes with the same bytes.
    pub fn derive_secret(&self, purpose: &str) -> [u8; 32] {
        let hk = hkdf::Hkdf::<Sha256>::new(
            Some(b"burgerbegroting key file v1"),
            self.signing.as_bytes(),
        );
        let mut out = [0u8; 32];
        // 32 bytes is far below HKDF-SHA256's limit of 255 * 32, so expand cannot fail.
        if hk.expand(purpose.as_bytes(), &mut out).is_err() {
            unreachable!("HKDF output length 32 is always valid");
        }
        out
    }

    /// Parse the private key line.
    pub fn parse(text: &str, source: &str) -> Result<KeyFile, KeyError> {
        let bad = || KeyError::Format(source.to_string());
        let line = text.trim();
        let rest = line.strip_prefix("PRIVATE+KEY+").ok_or_else(bad)?;
        let mut parts = rest.splitn(3, '+');
        let name = parts.next().ok_or_else(bad)?;
        let id_hex = parts.next().ok_or_else(bad)?;
        let data = B64
            .decode(parts.next().ok_or_else(bad)?)
            .map_err(|_| bad())?;
        if !valid_name(name) || data.len() != 33 || data[0] != ALG_ED25519 {
            return Err(bad());
        }
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&data[1..]);
        let key = KeyFile::from_seed(name, seed)?;
        if hex::encode(key.key_id()) != id_hex.to_ascii_lowercase() {
            return Err(bad());
        }
        Ok(key)
    }

    /// Read a key file.
    pub fn load(path: &Path) -> Result<KeyFile, KeyError> {
        let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io {
            path: path.display().to_string(),
            source,
        })?;
        KeyFile::parse(&text, &path.display().to_string())
    }

    /// Write a new key file, readable by its owner only. Refuses to overwrite.
    pub fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        let io = |source| KeyError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                KeyError::Exists(path.display().to_string())
            } else {
                io(e)
            }
        })?;
        f.write_all(format!("{}\n", self.private_text()).as_bytes())
            .map_err(io)?;
        f.sync_all().map_err(io)
    }

    /// Read the key file at `path`, or make one there first (the demo; a new installation).
    pub fn load_or_create(path: &Path, name: &str) -> Result<KeyFile, KeyError> {
        if path.exists() {
            return KeyFile::load(path);
        }
        let key = KeyFile::generate(name)?;
        match key.write_new(path) {
            Ok(()) => Ok(key),
            // Another process made it between our check and our write: use theirs.
            Err(KeyError::Exists(_)) => KeyFile::load(path),
            Err(e) => Err(e),
        }
    }
}

/// The signed-note key id of a public key.
pub fn key_id(name: &str, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ALG_ED25519]);
    h.update(key.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// The signed-note verifier key text of a public key.
pub fn verifier_text(name: &str, key: &VerifyingKey) -> String {
    let mut data = vec![ALG_ED25519];
    data.extend_from_slice(key.as_bytes());
    format!(
        "{}+{}+{}",
        name,
        hex::encode(key_id(name, key)),
        B64.encode(data)
    )
}

/// Parse a verifier key (`name+id+base64(0x01 ‖ key)`), checking its id.
pub fn parse_verifier(text: &str) -> Option<(String, VerifyingKey)> {
    let mut parts = text.trim().splitn(3, '+');
    let name = parts.next()?;
    let id_hex = parts.next()?;
    let data = B64.decode(parts.next()?).ok()?;
    if !valid_name(name) || data.len() != 33 || data[0] != ALG_ED25519 {
        return None;
    }
    let mut raw = [0u8; 32];
    raw.copy_from_slice(&data[1..]);
    let key = VerifyingKey::from_bytes(&raw).ok()?;
    (hex::encode(key_id(name, &key)) == id_hex.to_ascii_lowercase())
        .then(|| (name.to_string(), key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_verifier_text_round_trip() {
        let key = KeyFile::generate("oldebroek.example/audit").expect("name is valid");
        let parsed = KeyFile::parse(&key.private_text(), "test").expect("own text parses");
        assert_eq!(parsed.verifying_key(), key.verifying_key());
        let (name, vk) = parse_verifier(&key.verifier_text()).expect("verifier parses");
        assert_eq!(name, "oldebroek.example/audit");
        assert_eq!(vk, key.verifying_key());
    }

    #[test]
    fn a_changed_key_id_or_name_is_refused() {
        let key = KeyFile::generate("a").expect("valid");
        let text = key.private_text().replacen("+a+", "+b+", 1);
        assert!(KeyFile::parse(&text, "t").is_err());
        assert!(KeyFile::generate("a b").is_err());
        assert!(KeyFile::generate("").is_err());
    }

    #[test]
    fn write_new_refuses_to_overwrite_and_is_owner_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("k.key");
        let key = KeyFile::generate("k").expect("valid");
        key.write_new(&path).expect("first write");
        assert!(matches!(key.write_new(&path), Err(KeyError::Exists(_))));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "group and others may not read the key");
        }
        let loaded = KeyFile::load(&path).expect("load");
        assert_eq!(loaded.verifying_key(), key.verifying_key());
    }

    #[test]
    fn derived_secrets_differ_per_purpose() {
        let key = KeyFile::from_seed("k", [7u8; 32]).expect("valid");
        assert_ne!(key.derive_secret("totp"), key.derive_secret("other"));
        assert_eq!(key.derive_secret("totp"), key.derive_secret("totp"));
    }
}
