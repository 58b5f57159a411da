//! C2SP text forms: `tlog-checkpoint` inside a `signed-note` (Ed25519), `tlog-proof`, and
//! our consistency-proof text (C2SP has none; the form is documented in
//! docs/audit-export.md).
//!
//! A signed checkpoint:
//! ```text
//! <origin>\n<size>\n<base64 root>\n\n— <key name> <base64(key id (4) ‖ signature (64))>\n
//! ```
//! The signature covers the note text: the three lines, each ending in `\n`.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, VerifyingKey};

use super::merkle::Hash;
use crate::keys::KeyFile;

/// First line of an inclusion proof (C2SP tlog-proof).
pub const TLOG_PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";
/// First line of our consistency proof.
pub const CONSISTENCY_HEADER: &str = "burgerbegroting.nl/consistency-proof@v1";

/// The unsigned content of a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("het controlepunt heeft niet de vorm herkomst, grootte, wortel / the checkpoint is not origin, size, root")]
    Format,
    #[error("geen geldige handtekening van sleutel {0} / no valid signature by key {0}")]
    Signature(String),
    #[error("het bewijs heeft niet de juiste vorm / the proof is malformed")]
    Proof,
}

impl Checkpoint {
    /// The note text that is signed.
    pub fn body(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root)
        )
    }

    pub fn root_hex(&self) -> String {
        hex::encode(self.root)
    }

    /// Parse the note text (without signatures).
    pub fn parse_body(body: &str) -> Result<Checkpoint, NoteError> {
        let lines: Vec<&str> = body
            .strip_suffix('\n')
            .ok_or(NoteError::Format)?
            .split('\n')
            .collect();
        // Extension lines after the root are allowed by the spec; we write none.
        if lines.len() < 3 || lines[0].is_empty() {
            return Err(NoteError::Format);
        }
        let size_text = lines[1];
        if size_text.is_empty()
            || !size_text.bytes().all(|b| b.is_ascii_digit())
            || (size_text.len() > 1 && size_text.starts_with('0'))
        {
            return Err(NoteError::Format);
        }
        let size = size_text.parse().map_err(|_| NoteError::Format)?;
        let root: Hash = B64
            .decode(lines[2])
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or(NoteError::Format)?;
        if B64.encode(root) != lines[2] {
            return Err(NoteError::Format);
        }
        Ok(Checkpoint {
            origin: lines[0].to_string(),
            size,
            root,
        })
    }

    /// The signed note: body, blank line, one signature line by `key`.
    pub fn sign(&self, key: &KeyFile) -> String {
        let body = self.body();
        let sig = key.signing_key().sign(body.as_bytes());
        let mut blob = key.key_id().to_vec();
        blob.extend_from_slice(&sig.to_bytes());
        format!("{body}\n\u{2014} {} {}\n", key.name(), B64.encode(blob))
    }

    /// Open a signed checkpoint: at least one signature line must be by `name`/`key` and
    /// verify; other signature lines (witnesses, other keys) are ignored as the spec says.
    pub fn open(note: &str, name: &str, key: &VerifyingKey) -> Result<Checkpoint, NoteError> {
        let (body, sigs) = split_note(note)?;
        let id = crate::keys::key_id(name, key);
        let prefix = format!("\u{2014} {name} ");
        let mut verified = false;
        for line in sigs.lines() {
            let Some(b64) = line.strip_prefix(&prefix) else {
                continue;
            };
            let Ok(blob) = B64.decode(b64) else {
                continue;
            };
            if blob.len() != 68 || blob[..4] != id {
                continue;
            }
            let Ok(sig) = Signature::from_slice(&blob[4..]) else {
                continue;
            };
            if key.verify_strict(body.as_bytes(), &sig).is_ok() {
                verified = true;
            }
        }
        if !verified {
            return Err(NoteError::Signature(name.to_string()));
        }
        Checkpoint::parse_body(body)
    }
}

/// Split a signed note into its text (ending in `\n`) and its signature block.
fn split_note(note: &str) -> Result<(&str, &str), NoteError> {
    let at = note.find("\n\n").ok_or(NoteError::Format)?;
    let (body, rest) = note.split_at(at + 1);
    let sigs = &rest[1..];
    if sigs.is_empty() || !sigs.ends_with('\n') || sigs.lines().any(|l| !l.starts_with('\u{2014}'))
    {
        return Err(NoteError::Format);
    }
    Ok((body, sigs))
}

fn hash_lines(hashes: &[Hash]) -> String {
    hashes
        .iter()
        .map(|h| format!("{}\n", B64.encode(h)))
        .collect()
}

fn parse_hash_line(line: &str) -> Result<Vec<u8>, NoteError> {
    let v = B64.decode(line).map_err(|_| NoteError::Proof)?;
    if v.len() != 32 {
        return Err(NoteError::Proof);
    }
    Ok(v)
}

/// C2SP tlog-proof text: header, `index N` (zero-based), the proof hashes, a blank line and
/// the signed checkpoint verbatim.
pub fn inclusion_proof_text(index: u64, proof: &[Hash], signed_checkpoint: &str) -> String {
    format!(
        "{TLOG_PROOF_HEADER}\nindex {index}\n{}\n{signed_checkpoint}",
        hash_lines(proof)
    )
}

/// A parsed tlog-proof: index, proof hashes and the signed checkpoint text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InclusionProof {
    pub index: u64,
    pub proof: Vec<Vec<u8>>,
    pub checkpoint: String,
}

pub fn parse_inclusion_proof(text: &str) -> Result<InclusionProof, NoteError> {
    let at = text.find("\n\n").ok_or(NoteError::Proof)?;
    let (head, rest) = text.split_at(at + 1);
    let mut lines = head.lines();
    if lines.next() != Some(TLOG_PROOF_HEADER) {
        return Err(NoteError::Proof);
    }
    let mut line = lines.next().ok_or(NoteError::Proof)?;
    if line.starts_with("extra ") {
        line = lines.next().ok_or(NoteError::Proof)?;
    }
    let index = parse_decimal(line.strip_prefix("index ").ok_or(NoteError::Proof)?)?;
    let proof = lines.map(parse_hash_line).collect::<Result<_, _>>()?;
    Ok(InclusionProof {
        index,
        proof,
        checkpoint: rest[1..].to_string(),
    })
}

/// Our consistency-proof text: header, `old N`, `new M`, the RFC 6962 PROOF(N, D[M])
/// hashes one per line in base64.
pub fn consistency_proof_text(old: u64, new: u64, proof: &[Hash]) -> String {
    format!(
        "{CONSISTENCY_HEADER}\nold {old}\nnew {new}\n{}",
        hash_lines(proof)
    )
}

pub fn parse_consistency_proof(text: &str) -> Result<(u64, u64, Vec<Vec<u8>>), NoteError> {
    let body = text.strip_suffix('\n').ok_or(NoteError::Proof)?;
    let mut lines = body.split('\n');
    if lines.next() != Some(CONSISTENCY_HEADER) {
        return Err(NoteError::Proof);
    }
    let old = parse_decimal(
        lines
            .next()
            .and_then(|l| l.strip_prefix("old "))
            .ok_or(NoteError::Proof)?,
    )?;
    let new = parse_decimal(
        lines
            .next()
            .and_then(|l| l.strip_prefix("new "))
            .ok_or(NoteError::Proof)?,
    )?;
    let proof = lines.map(parse_hash_line).collect::<Result<_, _>>()?;
    Ok((old, new, proof))
}

fn parse_decimal(s: &str) -> Result<u64, NoteError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return Err(NoteError::Proof);
    }
    s.parse().map_err(|_| NoteError::Proof)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::merkle;

    fn key() -> KeyFile {
        KeyFile::from_seed("example.org/audit", [3u8; 32]).expect("valid name")
    }

    fn cp() -> Checkpoint {
        Checkpoint {
            origin: "example.org/audit".into(),
            size: 7,
            root: merkle::leaf_hash(b"x"),
        }
    }

    #[test]
    fn signed_checkpoint_round_trips_and_has_the_c2sp_shape() {
        let k = key();
        let note = cp().sign(&k);
        let lines: Vec<&str> = note.split('\n').collect();
        assert_eq!(lines[0], "example.org/audit");
        assert_eq!(lines[1], "7");
        assert_eq!(lines[3], "");
        assert!(lines[4].starts_with("\u{2014} example.org/audit "));
        let opened = Checkpoint::open(&note, k.name(), &k.verifying_key()).expect("verifies");
        assert_eq!(opened, cp());
    }

    #[test]
    fn changed_origin_size_root_or_signature_is_refused() {
        let k = key();
        let note = cp().sign(&k);
        let vk = k.verifying_key();
        for (i, _) in note.char_indices() {
            if note[i..].starts_with('\n') || note[i..].starts_with('\u{2014}') {
                continue;
            }
            let mut bytes = note.clone().into_bytes();
            bytes[i] ^= 0x01;
            if let Ok(changed) = String::from_utf8(bytes) {
                assert!(
                    Checkpoint::open(&changed, k.name(), &vk).is_err(),
                    "byte {i} changed and still accepted"
                );
            }
        }
        let other = KeyFile::from_seed("example.org/audit", [4u8; 32]).expect("valid");
        assert!(Checkpoint::open(&note, other.name(), &other.verifying_key()).is_err());
    }

    #[test]
    fn unknown_signatures_are_ignored() {
        let k = key();
        let witness = KeyFile::from_seed("witness.example", [9u8; 32]).expect("valid");
        let mut note = cp().sign(&witness);
        note.push_str(cp().sign(&k).split("\n\n").nth(1).expect("sig line"));
        assert!(Checkpoint::open(&note, k.name(), &k.verifying_key()).is_ok());
    }

    #[test]
    fn proofs_round_trip() {
        let k = key();
        let leaves: Vec<merkle::Hash> = (0u8..5).map(|i| merkle::leaf_hash(&[i])).collect();
        let p = merkle::inclusion_proof(&leaves, 3).expect("in range");
        let text = inclusion_proof_text(3, &p, &cp().sign(&k));
        let parsed = parse_inclusion_proof(&text).expect("parses");
        assert_eq!(parsed.index, 3);
        assert_eq!(parsed.proof.len(), p.len());
        assert_eq!(parsed.checkpoint, cp().sign(&k));
        let c = merkle::consistency_proof(&leaves, 2).expect("valid");
        let (o, n, q) = parse_consistency_proof(&consistency_proof_text(2, 5, &c)).expect("ok");
        assert_eq!((o, n, q.len()), (2, 5, c.len()));
    }
}
