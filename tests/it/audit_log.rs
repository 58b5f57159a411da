//! The signed audit log on both backends: checkpoints, the refusal to sign a rewritten
//! history, receipts and proofs.

use burgerbegroting::audit::merkle;
use burgerbegroting::audit::note::{self, Checkpoint};
use burgerbegroting::db::{tx, DbConn};
use burgerbegroting::domain::audit::{Actor, NewEvent};
use burgerbegroting::domain::round::RoundStatus;
use burgerbegroting::keys::KeyFile;
use burgerbegroting::service::audit_log::{self as log, SignOutcome, SigningStatus};
use burgerbegroting::service::Principal;
use burgerbegroting::service::{demo, rounds, ServiceError};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use crate::helpers::TestDb;

pub fn test_key() -> KeyFile {
    KeyFile::from_seed("test.burgerbegroting.example/audit", [11u8; 32]).expect("valid name")
}

pub fn add_event(c: &mut DbConn, n: usize) {
    tx::write(c, |c| -> Result<(), ServiceError> {
        let events: Vec<NewEvent> = (0..n)
            .map(|i| NewEvent {
                action: "test.event",
                entity_type: "test",
                entity_id: format!("e{i}"),
                before: serde_json::Value::Null,
                after: serde_json::json!({"i": i}),
            })
            .collect();
        burgerbegroting::db::repo::audit::append(c, &Actor::System, &events)?;
        Ok(())
    })
    .expect("append");
}

/// Rewrites event `seq` as an insider with database access would: trigger dropped, payload
/// changed, leaf hash recomputed so the row looks consistent on its own.
pub fn rewrite_event(c: &mut DbConn, backend: &str, seq: i64) -> (String, String) {
    let (payload, hash): (String, String) = {
        use burgerbegroting::db::schema::audit_events::dsl as a;
        a::audit_events
            .find(seq)
            .select((a::payload, a::leaf_hash))
            .first(c)
            .expect("event")
    };
    let changed = payload.replacen("\"v\":1", "\"v\":1,\"x\":1", 1);
    assert_ne!(changed, payload);
    let new_hash = hex::encode(merkle::leaf_hash(changed.as_bytes()));
    let drop = if backend == "sqlite" {
        "DROP TRIGGER audit_events_no_update;"
    } else {
        "DROP TRIGGER audit_events_append_only ON audit_events;"
    };
    c.batch_execute(drop).expect("drop trigger");
    set_event(c, seq, &changed, &new_hash);
    (payload, hash)
}

pub fn set_event(c: &mut DbConn, seq: i64, payload: &str, hash: &str) {
    use burgerbegroting::db::schema::audit_events::dsl as a;
    diesel::update(a::audit_events.find(seq))
        .set((a::payload.eq(payload), a::leaf_hash.eq(hash)))
        .execute(c)
        .expect("update");
}

/// A connection to `db` with the demo municipality in it.
fn demo_db(db: &TestDb) -> diesel::r2d2::PooledConnection<burgerbegroting::db::conn::Manager> {
    let mut c = db.pool().get().expect("conn");
    demo::seed(&mut c).expect("seed").expect("fresh");
    c
}

fn signed(o: SignOutcome) -> log::StoredCheckpoint {
    match o {
        SignOutcome::Signed(c) => c,
        other => panic!("expected a new checkpoint, got {other:?}"),
    }
}

#[test]
fn the_server_signs_growth_and_stops_on_a_rewritten_history() {
    let key = test_key();
    for db in TestDb::all() {
        let mut c = demo_db(&db);
        let anyone = Principal::resident();
        assert_eq!(
            log::signing_status(&mut c, &anyone, None).expect("status"),
            SigningStatus::NotConfigured
        );
        let first = signed(log::sign_pending(&mut c, &key).expect("sign"));
        let opened = Checkpoint::open(&first.text, key.name(), &key.verifying_key())
            .expect("own signature verifies");
        assert_eq!(opened.size as i64, first.size);
        assert_eq!(opened.root_hex(), first.root_hex);
        assert_eq!(
            log::sign_pending(&mut c, &key).expect("again"),
            SignOutcome::Unchanged,
            "{}",
            db.backend
        );
        add_event(&mut c, 3);
        let second = signed(log::sign_pending(&mut c, &key).expect("sign"));
        assert_eq!(second.size, first.size + 3);
        // Consistency proof between the two signed checkpoints verifies.
        let text = log::consistency_proof(&mut c, &anyone, first.size, second.size)
            .expect("query")
            .expect("both signed");
        let (o, n, proof) = note::parse_consistency_proof(&text).expect("parses");
        let old_root = hex::decode(&first.root_hex).expect("hex");
        let new_root = hex::decode(&second.root_hex).expect("hex");
        merkle::verify_consistency(o, n, &proof, &old_root, &new_root).expect("consistent");

        // An insider rewrites event 5 and recomputes its hash; the log then grows.
        let (orig_payload, orig_hash) = rewrite_event(&mut c, db.backend, 5);
        add_event(&mut c, 1);
        match log::sign_pending(&mut c, &key).expect("sign pass") {
            SignOutcome::Stopped(reason) => assert!(
                reason.contains(&first.size.to_string()) || reason.contains("wortel"),
                "{reason}"
            ),
            other => panic!("{}: signed a rewritten history: {other:?}", db.backend),
        }
        let status = log::signing_status(&mut c, &anyone, Some(&key)).expect("status");
        assert!(status.is_stopped(), "{status:?}");
        assert!(burgerbegroting::views::audit::signing_status_text(&status).contains("gestopt"));
        assert!(matches!(
            log::sign_pending(&mut c, &key).expect("pass"),
            SignOutcome::Stopped(_)
        ));
        assert_eq!(
            log::latest_checkpoint(&mut c, &anyone)
                .expect("latest")
                .map(|c| c.size),
            Some(second.size),
            "nothing new was signed"
        );
        // The administrator cannot resume onto the rewritten history...
        let cli = Principal::cli();
        // Resuming is an administrator's decision.
        assert!(matches!(
            log::resume(&mut c, &Principal::resident()),
            Err(ServiceError::Forbidden(_))
        ));
        assert!(log::resume(&mut c, &cli).is_err());
        // ...but can after restoring the event from a backup.
        set_event(&mut c, 5, &orig_payload, &orig_hash);
        log::resume(&mut c, &cli).expect("history matches again");
        let third = signed(log::sign_pending(&mut c, &key).expect("sign"));
        assert_eq!(
            third.size,
            second.size + 2,
            "the test event and the resume event"
        );
        assert_eq!(log::checkpoints(&mut c, &anyone).expect("list").len(), 3);
    }
}

#[test]
fn a_receipt_finds_its_ballot_with_an_inclusion_proof() {
    let key = test_key();
    for db in TestDb::all() {
        let mut c = demo_db(&db);
        let anyone = Principal::resident();
        let counted = rounds::list(&mut c, &Principal::resident())
            .expect("rounds")
            .into_iter()
            .find(|r| r.round.status == RoundStatus::Closed)
            .expect("the demo has a counted round");
        let ballots = rounds::published_ballots(&mut c, &Principal::resident(), &counted.round.id)
            .expect("query")
            .expect("closed");
        let tracker = ballots[0].0.clone();
        assert_eq!(
            log::inclusion_proof_for_receipt(&mut c, &anyone, &tracker).expect("query"),
            None,
            "no checkpoint yet"
        );
        let cp = signed(log::sign_pending(&mut c, &key).expect("sign"));
        let (seq, text) =
            log::inclusion_proof_for_receipt(&mut c, &anyone, &tracker.to_lowercase())
                .expect("query")
                .expect("found");
        let proof = note::parse_inclusion_proof(&text).expect("tlog-proof");
        assert_eq!(proof.index as i64, seq - 1);
        assert_eq!(proof.checkpoint, cp.text);
        let opened =
            Checkpoint::open(&proof.checkpoint, key.name(), &key.verifying_key()).expect("signed");
        let ev = burgerbegroting::db::repo::audit_log::event(&mut c, seq)
            .expect("query")
            .expect("event");
        assert!(ev.payload.contains(&tracker));
        assert_eq!(ev.action, "ballot.cast");
        let leaf = merkle::leaf_hash(ev.payload.as_bytes());
        merkle::verify_inclusion(proof.index, opened.size, &leaf, &proof.proof, &opened.root)
            .expect("included");
        // Another event's leaf does not verify with this proof.
        let other = merkle::leaf_hash(b"{}");
        assert!(merkle::verify_inclusion(
            proof.index,
            opened.size,
            &other,
            &proof.proof,
            &opened.root
        )
        .is_err());
        for unknown in ["AAAAA-AAAAA", "%", "x' OR 1=1 --", ""] {
            assert_eq!(
                log::inclusion_proof_for_receipt(&mut c, &anyone, unknown).expect("query"),
                None,
                "{unknown}"
            );
        }
    }
}
