//! The tamper-evident audit log, without a database: the Merkle tree, signed checkpoints
//! and proofs in their C2SP text forms, and the offline checks of an export bundle. Pure
//! (no diesel, no actix), so the verifier needs nothing but the files.

pub mod bundle;
pub mod leaf;
pub mod merkle;
pub mod note;
pub mod verify;

use sha2::{Digest, Sha256};

/// Fingerprint of an Ed25519 public key as shown to people and printed in the report:
/// SHA-256 of the 32 key bytes in lower-case hex, in groups of four separated by spaces.
pub fn key_fingerprint(key: &ed25519_dalek::VerifyingKey) -> String {
    let hex = hex::encode(Sha256::digest(key.as_bytes()));
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
