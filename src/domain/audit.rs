//! Audit events: the canonical, versioned leaf encoding.
//!
//! A leaf is compact JSON with keys in sorted order (serde_json's default map is a
//! BTreeMap), UTF-8, no insignificant whitespace, and `"v"` as the encoding version. The
//! leaf hash is RFC 6962's: SHA-256 over 0x00 followed by the leaf bytes, so a later Merkle
//! log can be built over the stored events without re-encoding them.

use chrono::NaiveDateTime;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::domain::ids::UserId;

pub const LEAF_VERSION: u64 = 1;

/// Who did it: a staff member, the command line, or the system itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    User {
        id: UserId,
        email: String,
    },
    Cli {
        email: Option<String>,
    },
    System,
    /// A resident voting with a letter code: deliberately without any identity.
    Resident,
}

impl Actor {
    pub fn key(&self) -> String {
        match self {
            Actor::User { id, .. } => format!("user:{id}"),
            Actor::Cli { email: Some(e) } => format!("cli:{e}"),
            Actor::Cli { email: None } => "cli".to_string(),
            Actor::System => "system".to_string(),
            Actor::Resident => "resident".to_string(),
        }
    }

    pub fn user_id(&self) -> Option<&UserId> {
        match self {
            Actor::User { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// An event before it gets its place in the log.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub action: &'static str,
    pub entity_type: &'static str,
    pub entity_id: String,
    pub before: Value,
    pub after: Value,
}

/// Canonical leaf bytes for event `seq`.
pub fn encode_leaf(seq: i64, at: NaiveDateTime, actor: &Actor, ev: &NewEvent) -> String {
    let v = json!({
        "v": LEAF_VERSION,
        "seq": seq,
        "at": at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        "actor": actor.key(),
        "action": ev.action,
        "entity": { "type": ev.entity_type, "id": ev.entity_id },
        "before": ev.before,
        "after": ev.after,
    });
    // serde_json's Value::Object is a BTreeMap without the preserve_order feature, so
    // to_string gives sorted keys and no whitespace: one canonical form.
    v.to_string()
}

/// RFC 6962 leaf hash: SHA-256(0x00 || leaf).
pub fn leaf_hash(leaf: &str) -> String {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(leaf.as_bytes());
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_760_000_000, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }

    #[test]
    fn leaf_encoding_is_frozen() {
        let ev = NewEvent {
            action: "transfer.created",
            entity_type: "transfer",
            entity_id: "t1".into(),
            before: Value::Null,
            after: json!({"amount_cents": 1250, "memo": "Groen 't Loo"}),
        };
        let leaf = encode_leaf(7, at(), &Actor::System, &ev);
        assert_eq!(
            leaf,
            r#"{"action":"transfer.created","actor":"system","after":{"amount_cents":1250,"memo":"Groen 't Loo"},"at":"2025-10-09T08:53:20.000000Z","before":null,"entity":{"id":"t1","type":"transfer"},"seq":7,"v":1}"#
        );
        // RFC 6962: the hash of the empty leaf is SHA-256(0x00).
        assert_eq!(
            leaf_hash(""),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
    }
}
