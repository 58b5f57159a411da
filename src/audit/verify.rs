//! `burgerbegroting audit verify`: checks an export bundle with nothing but its files (no
//! database, no network), in the order of docs/audit-export.md, and stops at the first thing
//! that does not hold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::bundle::{self as b, Failure, Period, Replay};
use super::leaf;
use super::merkle::{self, Hash};
use super::note::{self, Checkpoint};
use crate::keys::parse_verifier;

/// Where the trusted key came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum KeySource {
    /// `--key FILE`
    Given(String),
    /// The bundle's own key.pub (only proves the bundle is internally consistent).
    Bundle,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Verdict {
    pub ok: bool,
    pub key_source: KeySource,
    pub key: String,
    pub checkpoint_size: Option<u64>,
    pub root_hex: Option<String>,
    pub events: u64,
    pub transfers: usize,
    pub rounds: usize,
    pub previous_checked: bool,
    pub failure: Option<FailureJson>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct FailureJson {
    pub file: String,
    pub line: Option<u64>,
    pub message_nl: String,
    pub message_en: String,
}

impl From<Failure> for FailureJson {
    fn from(f: Failure) -> Self {
        FailureJson {
            file: f.file,
            line: f.line,
            message_nl: f.nl,
            message_en: f.en,
        }
    }
}

fn f(file: &str, line: Option<u64>, nl: impl Into<String>, en: impl Into<String>) -> Failure {
    Failure::new(file, line, nl, en)
}

fn read(dir: &Path, rel: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(dir.join(rel)).map_err(|e| {
        f(
            rel,
            None,
            format!("het bestand ontbreekt of is onleesbaar ({e})"),
            format!("the file is missing or unreadable ({e})"),
        )
    })
}

fn text(dir: &Path, rel: &str) -> Result<String, Failure> {
    String::from_utf8(read(dir, rel)?).map_err(|_| {
        f(
            rel,
            None,
            "het bestand is geen UTF-8",
            "the file is not UTF-8",
        )
    })
}

/// Every file under `dir`, as bundle paths with `/`.
fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&rel)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = rel.join(e.file_name());
            if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                stack.push(p);
            } else {
                out.push(
                    p.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    out.sort();
    out
}

/// The first line (1-based) of `events` whose leaf hash is not the one on the same line of
/// `leaf_hashes` (a line missing on either side counts as different); None when every
/// line matches.
fn first_changed_event(events: &[u8], leaf_hashes: &[u8]) -> Option<u64> {
    let mut ev = events.split(|&c| c == b'\n');
    let mut lh = leaf_hashes.split(|&c| c == b'\n');
    let mut line = 0u64;
    loop {
        line += 1;
        match (ev.next(), lh.next()) {
            (None, None) => return None,
            (Some(e), Some(h)) if e.is_empty() && h.is_empty() => {}
            (Some(e), Some(h)) => {
                let ok = hex::decode(h)
                    .map(|h| h.as_slice() == merkle::leaf_hash(e).as_slice())
                    .unwrap_or(false);
                if !ok {
                    return Some(line);
                }
            }
            _ => return Some(line),
        }
    }
}

/// The first line that differs between two byte strings (1-based).
fn first_difference_bytes(got: &[u8], want: &[u8]) -> u64 {
    let mut g = got.split(|&c| c == b'\n');
    let mut w = want.split(|&c| c == b'\n');
    let mut line = 1u64;
    loop {
        match (g.next(), w.next()) {
            (None, None) => return line,
            (a, b) if a != b => return line,
            _ => line += 1,
        }
    }
}

/// The first line that differs between `got` and `want` (1-based).
fn first_difference(got: &str, want: &str) -> u64 {
    let (g, w): (Vec<&str>, Vec<&str>) = (got.split('\n').collect(), want.split('\n').collect());
    for i in 0..g.len().max(w.len()) {
        if g.get(i) != w.get(i) {
            return i as u64 + 1;
        }
    }
    1
}

struct Ctx<'a> {
    dir: &'a Path,
    verdict: Verdict,
}

/// Verifies the bundle in `dir`. `previous` is an earlier bundle the reader trusts;
/// `key` a verifier key file the reader trusts.
pub fn verify_bundle(dir: &Path, previous: Option<&Path>, key: Option<&Path>) -> Verdict {
    let mut ctx = Ctx {
        dir,
        verdict: Verdict {
            ok: false,
            key_source: match key {
                Some(k) => KeySource::Given(k.display().to_string()),
                None => KeySource::Bundle,
            },
            key: String::new(),
            checkpoint_size: None,
            root_hex: None,
            events: 0,
            transfers: 0,
            rounds: 0,
            previous_checked: false,
            failure: None,
        },
    };
    match run(&mut ctx, previous, key) {
        Ok(()) => ctx.verdict.ok = true,
        Err(e) => ctx.verdict.failure = Some(e.into()),
    }
    ctx.verdict
}

fn run(ctx: &mut Ctx<'_>, previous: Option<&Path>, key: Option<&Path>) -> Result<(), Failure> {
    let dir = ctx.dir;
    // 1. The manifest.
    let manifest_bytes = read(dir, b::MANIFEST)?;
    let manifest: Value = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        f(
            b::MANIFEST,
            Some(e.line() as u64),
            format!("geen geldige JSON: {e}"),
            format!("not valid JSON: {e}"),
        )
    })?;
    if manifest["format"] != b::FORMAT || manifest["version"] != b::FORMAT_VERSION {
        return Err(f(
            b::MANIFEST,
            None,
            "onbekend formaat of onbekende versie",
            "unknown format or version",
        ));
    }
    // 2. The key: the one the reader gave, else the bundle's.
    let key_text = match key {
        Some(p) => std::fs::read_to_string(p).map_err(|e| {
            f(
                &p.display().to_string(),
                None,
                format!("de sleutel is onleesbaar ({e})"),
                format!("the key is unreadable ({e})"),
            )
        })?,
        None => text(dir, b::KEY)?,
    };
    let key_file = match key {
        Some(p) => p.display().to_string(),
        None => b::KEY.to_string(),
    };
    let (name, vk) = parse_verifier(key_text.trim()).ok_or_else(|| {
        f(
            &key_file,
            Some(1),
            "geen geldige publieke sleutel (naam+id+sleutel)",
            "not a valid verifier key (name+id+key)",
        )
    })?;
    ctx.verdict.key = crate::keys::verifier_text(&name, &vk);
    // 3. The manifest's signature.
    let sig = text(dir, b::MANIFEST_SIG)?;
    let signed_body = sig.split("\n\n").next().unwrap_or("").to_string() + "\n";
    if signed_body != b::manifest_note(&manifest_bytes) {
        return Err(f(
            b::MANIFEST_SIG,
            Some(2),
            "de SHA-256 van manifest.json klopt niet met de handtekening",
            "the SHA-256 of manifest.json does not match the signature",
        ));
    }
    verify_note(&sig, &name, &vk).map_err(|_| {
        f(
            b::MANIFEST_SIG,
            Some(4),
            format!("de handtekening is niet van sleutel {name}"),
            format!("the signature is not by key {name}"),
        )
    })?;
    // 4. Every file's hash; nothing unlisted. events.jsonl, by far the largest, is read
    // once: the bytes hashed here are the bytes checked line by line in step 6.
    let files = manifest["files"]
        .as_object()
        .ok_or_else(|| f(b::MANIFEST, None, "'files' ontbreekt", "'files' is missing"))?;
    let mut events_bytes: Option<Vec<u8>> = None;
    let mut leaf_hashes: Option<Vec<u8>> = None;
    let mut events_changed = false;
    for (path, want) in files {
        let bytes = read(dir, path)?;
        let hash_ok = Some(hex::encode(Sha256::digest(&bytes)).as_str()) == want.as_str();
        if path == b::EVENTS {
            events_bytes = Some(bytes);
            // Named below by its line when leaf_hashes.txt is intact.
            events_changed = !hash_ok;
            continue;
        }
        if path == b::LEAF_HASHES {
            leaf_hashes = Some(bytes);
        }
        if !hash_ok {
            return Err(f(
                path,
                None,
                "de SHA-256 van het bestand wijkt af van manifest.json",
                "the file's SHA-256 differs from manifest.json",
            ));
        }
    }
    if events_changed {
        let line = match (&events_bytes, &leaf_hashes) {
            (Some(ev), Some(lh)) => first_changed_event(ev, lh),
            _ => None,
        };
        return Err(f(
            b::EVENTS,
            line,
            match line {
                Some(_) => "deze gebeurtenis is veranderd: haar leaf-hash is niet die in leaf_hashes.txt (en de SHA-256 van het bestand wijkt af van manifest.json)",
                None => "de SHA-256 van het bestand wijkt af van manifest.json",
            },
            match line {
                Some(_) => "this event was changed: its leaf hash is not the one in leaf_hashes.txt (and the file's SHA-256 differs from manifest.json)",
                None => "the file's SHA-256 differs from manifest.json",
            },
        ));
    }
    let leaf_hashes = leaf_hashes.ok_or_else(|| {
        f(
            b::LEAF_HASHES,
            None,
            "ontbreekt in manifest.json",
            "is missing from manifest.json",
        )
    })?;
    for path in list_files(dir) {
        if path != b::MANIFEST && path != b::MANIFEST_SIG && !files.contains_key(&path) {
            return Err(f(
                &path,
                None,
                "dit bestand staat niet in manifest.json",
                "this file is not listed in manifest.json",
            ));
        }
    }
    // 5. The checkpoint.
    let cp_text = text(dir, b::CHECKPOINT)?;
    let cp = open_checkpoint(&cp_text, b::CHECKPOINT, &name, &vk)?;
    let m_cp = &manifest["checkpoint"];
    if m_cp["origin"] != cp.origin.as_str()
        || m_cp["size"].as_u64() != Some(cp.size)
        || m_cp["root_hex"] != cp.root_hex().as_str()
    {
        return Err(f(
            b::MANIFEST,
            None,
            "het controlepunt in manifest.json wijkt af van checkpoint.txt",
            "the checkpoint in manifest.json differs from checkpoint.txt",
        ));
    }
    ctx.verdict.checkpoint_size = Some(cp.size);
    ctx.verdict.root_hex = Some(cp.root_hex());
    // 6. The events and the Merkle root.
    let events = match events_bytes {
        Some(bytes) => String::from_utf8(bytes).map_err(|_| {
            f(
                b::EVENTS,
                None,
                "het bestand is geen UTF-8",
                "the file is not UTF-8",
            )
        })?,
        None => text(dir, b::EVENTS)?,
    };
    let mut leaves: Vec<Hash> = Vec::with_capacity(cp.size as usize);
    let mut replay = Replay::default();
    // The replay runs in the same pass (so the events are never all held parsed in
    // memory); its first failure is reported only after the root checks, keeping the
    // order of checks in docs/audit-export.md.
    let mut replay_failure: Option<Failure> = None;
    if !events.is_empty() && !events.ends_with('\n') {
        return Err(f(
            b::EVENTS,
            Some(events.split('\n').count() as u64),
            "de laatste regel eindigt niet op een regeleinde",
            "the last line does not end in a newline",
        ));
    }
    for (i, line) in events.split_terminator('\n').enumerate() {
        let seq = i as u64 + 1;
        // Re-encoding must give the same bytes (leaf::is_canonical is serde_json's verdict
        // without building the value for the common case).
        match leaf::is_canonical(line) {
            Ok(()) => {}
            Err(leaf::LeafError::NotJson(e)) => {
                return Err(f(
                    b::EVENTS,
                    Some(seq),
                    format!("geen geldige JSON: {e}"),
                    format!("not valid JSON: {e}"),
                ))
            }
            Err(leaf::LeafError::NotCanonical) => {
                return Err(f(
                    b::EVENTS,
                    Some(seq),
                    "de regel is niet in de canonieke vorm (gesorteerde sleutels, geen spaties)",
                    "the line is not in canonical form (sorted keys, no spaces)",
                ))
            }
        }
        let ev = leaf::Raw(line).object().unwrap_or_default();
        let field = |k: &str| ev.get(k).and_then(|x| x.as_u64());
        if field("seq") != Some(seq) || field("v") != Some(1) {
            return Err(f(
                b::EVENTS,
                Some(seq),
                format!("'seq' is niet {seq} of 'v' is niet 1"),
                format!("'seq' is not {seq} or 'v' is not 1"),
            ));
        }
        leaves.push(merkle::leaf_hash(line.as_bytes()));
        if replay_failure.is_none() {
            replay_failure = replay.apply(seq, &ev).err();
        }
    }
    ctx.verdict.events = leaves.len() as u64;
    if leaf_hashes != b::leaf_hashes_text(&leaves) {
        return Err(f(
            b::LEAF_HASHES,
            Some(first_difference_bytes(
                &leaf_hashes,
                &b::leaf_hashes_text(&leaves),
            )),
            "deze regel is niet de leaf-hash van dezelfde regel in events.jsonl",
            "this line is not the leaf hash of the same line of events.jsonl",
        ));
    }
    if leaves.len() as u64 != cp.size {
        return Err(f(
            b::EVENTS,
            None,
            format!(
                "{} regels, maar het controlepunt telt {}",
                leaves.len(),
                cp.size
            ),
            format!("{} lines, but the checkpoint has {}", leaves.len(), cp.size),
        ));
    }
    if merkle::root(&leaves) != cp.root {
        return Err(f(
            b::EVENTS,
            None,
            "de Merkle-wortel van de gebeurtenissen is niet die van het controlepunt",
            "the Merkle root of the events is not the checkpoint's",
        ));
    }
    // 7. The earlier checkpoint and the consistency proof.
    check_previous(ctx, &manifest, &cp, &leaves, previous, &name, &vk)?;
    // 8. Replay every event, with the ledger invariants.
    if let Some(fail) = replay_failure {
        return Err(fail);
    }
    replay.finish(cp.size)?;
    // 9. The ledger files, recomputed from the events for the manifest's period.
    let period = period_of(&manifest)?;
    ctx.verdict.transfers = replay
        .movements
        .iter()
        .filter(|m| period.contains(m.date))
        .count();
    for (path, want) in [
        (b::TRANSFERS, b::transfers_csv(&replay, period)),
        (b::BALANCES, b::balances_csv(&replay, period)),
        (b::BUDGET_LINES, b::budget_lines_csv(&replay, period)),
    ] {
        let got = text(dir, path)?;
        if got != want {
            return Err(f(
                path,
                Some(first_difference(&got, &want)),
                "deze regel klopt niet met de overboekingen in het logboek",
                "this line does not match the transfers in the log",
            ));
        }
    }
    // 10. Every round counted in the period: its rules, its ballots, its recount.
    let rounds = replay.closed_rounds(period);
    let expected: BTreeSet<String> = rounds.iter().map(|r| b::round_dir(&r.id)).collect();
    for path in files.keys() {
        if let Some(rest) = path.strip_prefix("rounds/") {
            let d = format!("rounds/{}", rest.split('/').next().unwrap_or(""));
            if !expected.contains(&d) {
                return Err(f(
                    path,
                    None,
                    "deze ronde is volgens het logboek niet in deze periode geteld",
                    "according to the log this round was not counted in this period",
                ));
            }
        }
    }
    for r in &rounds {
        check_round(dir, r)?;
    }
    ctx.verdict.rounds = rounds.len();
    Ok(())
}

fn verify_note(note_text: &str, name: &str, vk: &ed25519_dalek::VerifyingKey) -> Result<(), ()> {
    // A signed note with any body: reuse the checkpoint opener's signature check by
    // checking the signature line directly.
    let (body, sigs) = note_text.split_once("\n\n").ok_or(())?;
    let body = format!("{body}\n");
    let id = crate::keys::key_id(name, vk);
    let prefix = format!("\u{2014} {name} ");
    for line in sigs.lines() {
        let Some(b64) = line.strip_prefix(&prefix) else {
            continue;
        };
        use base64::Engine;
        let Ok(blob) = base64::engine::general_purpose::STANDARD.decode(b64) else {
            continue;
        };
        if blob.len() != 68 || blob[..4] != id {
            continue;
        }
        let Ok(sig) = ed25519_dalek::Signature::from_slice(&blob[4..]) else {
            continue;
        };
        if vk.verify_strict(body.as_bytes(), &sig).is_ok() {
            return Ok(());
        }
    }
    Err(())
}

fn open_checkpoint(
    text: &str,
    file: &str,
    name: &str,
    vk: &ed25519_dalek::VerifyingKey,
) -> Result<Checkpoint, Failure> {
    let cp = Checkpoint::open(text, name, vk).map_err(|e| {
        f(
            file,
            None,
            format!("het controlepunt is niet geldig ondertekend door {name}: {e}"),
            format!("the checkpoint is not validly signed by {name}: {e}"),
        )
    })?;
    if cp.origin != name {
        return Err(f(
            file,
            Some(1),
            format!("de herkomst {} is niet de sleutelnaam {name}", cp.origin),
            format!("the origin {} is not the key name {name}", cp.origin),
        ));
    }
    Ok(cp)
}

fn check_previous(
    ctx: &mut Ctx<'_>,
    manifest: &Value,
    cp: &Checkpoint,
    leaves: &[Hash],
    previous: Option<&Path>,
    name: &str,
    vk: &ed25519_dalek::VerifyingKey,
) -> Result<(), Failure> {
    let dir = ctx.dir;
    // First the earlier bundle the reader trusts (the stronger check, and the one that can
    // name the rewritten event), then the proof the bundle carries itself.
    let mut trusted_old: Option<Checkpoint> = None;
    if let Some(prev_dir) = previous {
        let shown = format!("{}/{}", prev_dir.display(), b::CHECKPOINT);
        let t = std::fs::read_to_string(prev_dir.join(b::CHECKPOINT)).map_err(|e| {
            f(
                &shown,
                None,
                format!("onleesbaar ({e})"),
                format!("unreadable ({e})"),
            )
        })?;
        let old = open_checkpoint(&t, &shown, name, vk)?;
        if old.size > cp.size {
            return Err(f(
                b::CHECKPOINT,
                None,
                "deze bundel is kleiner dan de eerdere bundel",
                "this bundle is smaller than the earlier bundle",
            ));
        }
        // The earlier, trusted root must be the root of the first events of this bundle:
        // a rewritten history cannot give it.
        if merkle::root(&leaves[..old.size as usize]) != old.root {
            return Err(f(
                b::EVENTS,
                first_rewritten_event(prev_dir, &old, leaves),
                format!(
                    "de eerste {} gebeurtenissen geven niet de wortel van de eerdere bundel: de geschiedenis is herschreven",
                    old.size
                ),
                format!(
                    "the first {} events do not give the earlier bundle's root: history was rewritten",
                    old.size
                ),
            ));
        }
        trusted_old = Some(old);
    }
    if !manifest["previous"].is_null() {
        let t = text(dir, b::PREVIOUS_CHECKPOINT)?;
        let old = open_checkpoint(&t, b::PREVIOUS_CHECKPOINT, name, vk)?;
        let proof_text = text(dir, b::CONSISTENCY)?;
        let (o, n, proof) = note::parse_consistency_proof(&proof_text).map_err(|_| {
            f(
                b::CONSISTENCY,
                None,
                "het bewijs is onleesbaar",
                "the proof is malformed",
            )
        })?;
        if o != old.size || n != cp.size {
            return Err(f(
                b::CONSISTENCY,
                Some(2),
                "de groottes in het bewijs passen niet bij de controlepunten",
                "the sizes in the proof do not match the checkpoints",
            ));
        }
        merkle::verify_consistency(o, n, &proof, &old.root, &cp.root).map_err(|e| {
            f(
                b::CONSISTENCY,
                None,
                format!("het consistentiebewijs klopt niet: {e}"),
                format!("the consistency proof does not hold: {e}"),
            )
        })?;
        if let Some(trusted) = &trusted_old {
            if trusted.size == old.size && trusted.root != old.root {
                return Err(f(
                    b::PREVIOUS_CHECKPOINT,
                    None,
                    "wijkt af van het controlepunt van de eerdere bundel",
                    "differs from the earlier bundle's checkpoint",
                ));
            }
        }
    }
    ctx.verdict.previous_checked = trusted_old.is_some();
    Ok(())
}

/// Which event of this bundle differs from the earlier bundle: the earlier bundle's own
/// `events.jsonl` (when it is there and gives its checkpoint's root, so it is the history
/// that was signed) compared leaf by leaf with this one. None when it cannot be told.
fn first_rewritten_event(prev_dir: &Path, old: &Checkpoint, leaves: &[Hash]) -> Option<u64> {
    let bytes = std::fs::read(prev_dir.join(b::EVENTS)).ok()?;
    let old_leaves: Vec<Hash> = bytes
        .split(|&c| c == b'\n')
        .take(old.size as usize)
        .map(merkle::leaf_hash)
        .collect();
    if old_leaves.len() as u64 != old.size || merkle::root(&old_leaves) != old.root {
        return None;
    }
    old_leaves
        .iter()
        .zip(leaves)
        .position(|(a, b)| a != b)
        .map(|i| i as u64 + 1)
}

fn period_of(manifest: &Value) -> Result<Period, Failure> {
    let date = |v: &Value| -> Result<Option<chrono::NaiveDate>, Failure> {
        match v {
            Value::Null => Ok(None),
            Value::String(s) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    f(
                        b::MANIFEST,
                        None,
                        "onleesbare datum in 'period'",
                        "unreadable date in 'period'",
                    )
                }),
            _ => Err(f(
                b::MANIFEST,
                None,
                "onleesbare 'period'",
                "unreadable 'period'",
            )),
        }
    };
    Ok(Period {
        from: date(&manifest["period"]["from"])?,
        to: date(&manifest["period"]["to"])?,
    })
}

fn check_round(dir: &Path, r: &b::RoundFacts) -> Result<(), Failure> {
    let d = b::round_dir(&r.id);
    let closed = r
        .closed
        .as_ref()
        .ok_or_else(|| f(&d, None, "niet gesloten", "not closed"))?;
    let rules_path = format!("{d}/rules.json");
    let rules_text = text(dir, &rules_path)?;
    if Some(&rules_text) != r.rules_text.as_ref() {
        return Err(f(
            &rules_path,
            Some(1),
            "de regels wijken af van de bevroren regels in het logboek",
            "the rules differ from the frozen rules in the log",
        ));
    }
    let fp_path = format!("{d}/fingerprint.txt");
    let fp = text(dir, &fp_path)?;
    if Some(fp.trim_end()) != r.fingerprint.as_deref()
        || fp != format!("{}\n", hex::encode(Sha256::digest(rules_text.as_bytes())))
    {
        return Err(f(
            &fp_path,
            Some(1),
            "de vingerafdruk klopt niet met rules.json",
            "the fingerprint does not match rules.json",
        ));
    }
    let pb_path = format!("{d}/ballots.pb");
    let pb = text(dir, &pb_path)?;
    if hex::encode(Sha256::digest(pb.as_bytes())) != closed.pb_sha256 {
        return Err(f(
            &pb_path,
            None,
            "de stembiljetten zijn niet die van het sluiten van de ronde (SHA-256 in het logboek)",
            "the ballots are not those of the round's closing (SHA-256 in the log)",
        ));
    }
    let rules: Value = serde_json::from_str(&rules_text).map_err(|_| {
        f(
            &rules_path,
            Some(1),
            "rules.json is geen geldige JSON",
            "rules.json is not valid JSON",
        )
    })?;
    let number_of: BTreeMap<String, String> = rules["initiatives"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|i| {
                    (
                        i["id"].as_str().unwrap_or("").to_string(),
                        i["number"].to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let rule = rules["count_rule"]
        .as_str()
        .and_then(crate::domain::round::CountRule::parse)
        .ok_or_else(|| {
            f(
                &rules_path,
                Some(1),
                "onbekende telregel",
                "unknown counting rule",
            )
        })?;
    let election = crate::tally::election::Election::parse(&pb).map_err(|e| {
        f(
            &pb_path,
            None,
            format!("onleesbaar .pb-bestand: {e}"),
            format!("unreadable .pb file: {e}"),
        )
    })?;
    let outcome = crate::tally::tally(&election, &crate::service::rounds::tally_options(rule))
        .map_err(|e| {
            f(
                &pb_path,
                None,
                format!("hertelling mislukt: {e}"),
                format!("recount failed: {e}"),
            )
        })?;
    let logged: Vec<String> = closed
        .selected
        .iter()
        .map(|id| number_of.get(id).cloned().unwrap_or_default())
        .collect();
    if logged != outcome.selected {
        return Err(f(
            &pb_path,
            None,
            format!(
                "de hertelling kiest {:?}, het logboek {:?}",
                outcome.selected, logged
            ),
            format!(
                "the recount selects {:?}, the log {:?}",
                outcome.selected, logged
            ),
        ));
    }
    let res_path = format!("{d}/result.json");
    let result: Value = serde_json::from_str(&text(dir, &res_path)?).map_err(|e| {
        f(
            &res_path,
            Some(e.line() as u64),
            format!("geen geldige JSON: {e}"),
            format!("not valid JSON: {e}"),
        )
    })?;
    let res_selected: Vec<String> = result["selected"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    if res_selected != closed.selected
        || result["spent_cents"].as_i64() != Some(closed.spent_cents)
        || result["voters"].as_u64() != Some(outcome.voters)
        || result["turnout"]["ballots"].as_u64() != Some(closed.ballots)
        || outcome.voters != closed.ballots
    {
        return Err(f(
            &res_path,
            None,
            "de uitslag (gekozen plannen, bedrag of opkomst) wijkt af van de hertelling of het logboek",
            "the result (selected plans, amount or turnout) differs from the recount or the log",
        ));
    }
    let plans = result["plans"].as_array().cloned().unwrap_or_default();
    if plans.len() != outcome.explanations.len() {
        return Err(f(
            &res_path,
            None,
            "het aantal plannen klopt niet",
            "the number of plans is wrong",
        ));
    }
    for e in &outcome.explanations {
        let found = plans
            .iter()
            .find(|p| p["number"].as_str() == Some(e.project.as_str()));
        let ok = found.is_some_and(|p| {
            p["votes"].as_u64() == Some(e.votes) && p["funded"].as_bool() == Some(e.selected)
        });
        if !ok {
            return Err(f(
                &res_path,
                None,
                format!(
                    "plan {}: stemmen of toekenning wijken af van de hertelling",
                    e.project
                ),
                format!(
                    "plan {}: votes or funding differ from the recount",
                    e.project
                ),
            ));
        }
    }
    Ok(())
}

/// One line for people: "OK ..." or the first failure with file and line.
pub fn describe(v: &Verdict, english: bool) -> String {
    let key = match (&v.key_source, english) {
        (KeySource::Given(p), false) => format!("gecontroleerd met de opgegeven sleutel {p}"),
        (KeySource::Given(p), true) => format!("checked against the given key {p}"),
        (KeySource::Bundle, false) => {
            "gecontroleerd met de sleutel uit de bundel zelf (key.pub); vergelijk de vingerafdruk met die in het raadsbesluit".into()
        }
        (KeySource::Bundle, true) => {
            "checked against the bundle's own key (key.pub); compare its fingerprint with the one in the council decision".into()
        }
    };
    match &v.failure {
        None if english => format!(
            "OK: {}, root {}, {}, {} recounted{}; {key}.",
            crate::domain::wording::count_of(v.events, "event", "events"),
            v.root_hex.as_deref().unwrap_or(""),
            crate::domain::wording::count_of(v.transfers, "transfer", "transfers"),
            crate::domain::wording::count_of(v.rounds, "round", "rounds"),
            if v.previous_checked {
                ", consistent with the earlier bundle"
            } else {
                ""
            }
        ),
        None => format!(
            "OK: {}, wortel {}, {}, {} herteld{}; {key}.",
            crate::domain::wording::count_of(v.events, "gebeurtenis", "gebeurtenissen"),
            v.root_hex.as_deref().unwrap_or(""),
            crate::domain::wording::count_of(v.transfers, "overboeking", "overboekingen"),
            crate::domain::wording::count_of(v.rounds, "ronde", "rondes"),
            if v.previous_checked {
                ", consistent met de eerdere bundel"
            } else {
                ""
            }
        ),
        Some(fl) => {
            let at = match fl.line {
                Some(l) if english => format!("{}, line {l}", fl.file),
                Some(l) => format!("{}, regel {l}", fl.file),
                None => fl.file.clone(),
            };
            if english {
                format!("FAILED: {at}: {} ({key})", fl.message_en)
            } else {
                format!("AFGEKEURD: {at}: {} ({key})", fl.message_nl)
            }
        }
    }
}
