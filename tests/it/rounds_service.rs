//! Rounds through the service layer on every backend: one ballot per code per round
//! (also under 50 parallel submissions), codes only in their own area and year, rules
//! frozen with a fingerprint, ballots without identity, paper ballots, batch use counts,
//! and a count that anyone can repeat from the published `.pb` file.

use std::sync::{Arc, Barrier};

use burgerbegroting::db::repo::audit as audit_repo;
use burgerbegroting::db::repo::audit::AuditTail;
use burgerbegroting::db::repo::rounds as q;
use burgerbegroting::db::{DbConn, DbPool};
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, PlanId, RoundId, RoundStatus};
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{
    self as svc, CastError, Channel, InitiativeInput, Receipt, RoundInput, RoundView,
};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::{Principal, ServiceError};
use burgerbegroting::tally::{self, Election};

use burgerbegroting::db::group_commit::{GroupCommit, GroupedWrite};

use crate::helpers::{admin, coordinator_of, fund_pool, staff, write_counters, TestDb};

fn initiator() -> Principal {
    staff("ini", &[Role::Initiator])
}

struct Setup {
    round: RoundView,
    /// Codes of the round's area and year.
    codes: Vec<VotingCode>,
    /// A code of the other area, same year.
    other_area: VotingCode,
    /// A code of the same area, next year.
    other_year: VotingCode,
    plans: Vec<PlanId>,
}

/// 't Loo with a 2027 Q2 round of € 10.000 and three nominated plans (6.000, 5.000 and
/// 3.000) plus one rejected; voting open.
fn voting_round(c: &mut DbConn, rule: BallotRule, count: CountRule, n_codes: i32) -> Setup {
    let a = ledger_svc::create_area(c, &admin(), "'t Loo", "dorp").expect("area a");
    let b = ledger_svc::create_area(c, &admin(), "Oosterwolde", "dorp").expect("area b");
    fund_pool(c, &a.slug, 1_000_000);
    let coord = coordinator_of(&a.area_id);
    let round = svc::create_round(
        c,
        &coord,
        &RoundInput {
            area_slug: a.slug.clone(),
            year: 2027,
            quarter: 2,
            title: "Smederij voorjaar".into(),
            budget_cents: 1_000_000,
            ballot_rule: rule,
            count_rule: count,
            calendar: None,
        },
    )
    .expect("round");
    let mut plans = Vec::new();
    for (title, amount) in [
        ("Speeltuin", 600_000),
        ("Bankjes", 500_000),
        ("Bloembollen", 300_000),
        ("Te duur", 900_000),
    ] {
        let i = svc::submit_initiative(
            c,
            &initiator(),
            &round.round.id,
            &InitiativeInput {
                title: title.into(),
                summary: format!("{title} voor het dorp"),
                amount_cents: amount,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        plans.push(i.id);
    }
    for p in &plans[..3] {
        crate::helpers::nominate(c, &coord, p).expect("nominate");
    }
    crate::helpers::reject(c, &coord, &plans[3], "Past niet in een jaar").expect("reject");
    let round = svc::open_voting(c, &coord, &round.round.id).expect("open");
    let codes = codes_svc::generate_batch(c, &admin(), &a.slug, 2027, n_codes)
        .expect("batch")
        .codes;
    let other_area = codes_svc::generate_batch(c, &admin(), &b.slug, 2027, 1)
        .expect("batch b")
        .codes
        .remove(0);
    let other_year = codes_svc::generate_batch(c, &admin(), &a.slug, 2028, 1)
        .expect("batch 2028")
        .codes
        .remove(0);
    Setup {
        round,
        codes,
        other_area,
        other_year,
        plans,
    }
}

/// The round of [`voting_round`] with approval voting and a greedy count.
fn approval_round(c: &mut DbConn, n_codes: i32) -> Setup {
    voting_round(
        c,
        BallotRule::Approval { max_choices: None },
        CountRule::Greedy,
        n_codes,
    )
}

/// A resident votes online with `code` for `plans`.
fn vote(
    c: &mut DbConn,
    round: &RoundId,
    code: &VotingCode,
    plans: &[&PlanId],
) -> Result<Receipt, CastError> {
    svc::cast(c, &Principal::resident(), round, online(code), &ids(plans))
}

fn online<'a>(code: &'a VotingCode) -> Channel<'a> {
    Channel::Online {
        handle: code.handle(),
    }
}

/// `threads` residents cast at the same moment (a barrier), thread `i` with code
/// `code(i)` for plan `i % 3`; the answers in thread order.
fn cast_at_once(
    pool: &DbPool,
    s: &Setup,
    threads: usize,
    code: impl Fn(usize) -> usize,
) -> Vec<Result<Receipt, CastError>> {
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let (pool, barrier) = (pool.clone(), barrier.clone());
            let round = s.round.round.id.clone();
            let handle = s.codes[code(i)].handle().to_string();
            let choice = s.plans[i % 3].to_string();
            std::thread::spawn(move || {
                barrier.wait();
                let mut c = pool.get().expect("conn");
                svc::cast(
                    &mut c,
                    &Principal::resident(),
                    &round,
                    Channel::Online { handle: &handle },
                    &[choice],
                )
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("thread"))
        .collect()
}

/// The ballots a round shows on its pages (the kept counter).
fn ballots_shown(c: &mut DbConn, round: &RoundId) -> i64 {
    svc::round(c, &Principal::resident(), round)
        .expect("round")
        .ballots
        .expect("counted")
}

fn ids(v: &[&PlanId]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn one_ballot_per_code_per_round_whatever_the_channel() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 3);
        let id = s.round.round.id.clone();
        let first = vote(&mut c, &id, &s.codes[0], &[&s.plans[0]]).expect("first ballot");
        assert_eq!(first.choices, vec![s.plans[0].clone()]);
        // Again online, and again on paper with the same letter: refused, nothing stored.
        assert!(matches!(
            vote(&mut c, &id, &s.codes[0], &[&s.plans[1]]),
            Err(CastError::AlreadyVoted)
        ));
        let coord = coordinator_of(&s.round.area.id);
        let formatted = s.codes[0].formatted();
        assert!(matches!(
            svc::cast(
                &mut c,
                &coord,
                &id,
                Channel::Paper {
                    code: &formatted,
                    assisted: false
                },
                &ids(&[&s.plans[1]])
            ),
            Err(CastError::AlreadyVoted)
        ));
        // Paper first, then online with the same code: also refused.
        let paper_code = s.codes[1].formatted();
        let paper = svc::cast(
            &mut c,
            &coord,
            &id,
            Channel::Paper {
                code: &paper_code,
                assisted: true,
            },
            &ids(&[&s.plans[1], &s.plans[2]]),
        )
        .expect("paper ballot");
        assert_ne!(paper.tracker, first.tracker);
        assert!(matches!(
            vote(&mut c, &id, &s.codes[1], &[&s.plans[0]]),
            Err(CastError::AlreadyVoted)
        ));
        assert_eq!(ballots_shown(&mut c, &id), 2);
        // The batch list counts two used codes of three, and nothing else about them.
        let batches = codes_svc::list_batches(&mut c, &admin()).expect("batches");
        let mine = batches
            .iter()
            .find(|b| b.area_slug == s.round.area.slug && b.year == 2027)
            .expect("batch");
        assert_eq!((mine.generated, mine.used), (3, 2), "{}", db.backend);
        assert!(batches
            .iter()
            .filter(|b| b.id != mine.id)
            .all(|b| b.used == 0));
    }
}

#[test]
fn fifty_parallel_submissions_with_one_code_give_one_ballot() {
    const THREADS: usize = 50;
    for db in TestDb::all() {
        let pool = db.pool();
        let s = {
            let mut c = pool.get().expect("conn");
            approval_round(&mut c, 1)
        };
        let results = cast_at_once(&pool, &s, THREADS, |_| 0);
        let ok = results.iter().filter(|r| r.is_ok()).count();
        let already = results
            .iter()
            .filter(|r| matches!(r, Err(CastError::AlreadyVoted)))
            .count();
        assert_eq!((ok, already), (1, THREADS - 1), "{}", db.backend);
        let mut c = pool.get().expect("conn");
        assert_eq!(ballots_shown(&mut c, &s.round.round.id), 1);
        let events = audit_repo::for_entity(&mut c, &s.round.round.id).expect("audit");
        assert_eq!(
            events.iter().filter(|e| e.action == "ballot.cast").count(),
            1
        );
    }
}

#[test]
fn a_code_only_votes_in_its_own_area_and_year() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 1);
        let id = s.round.round.id.clone();
        let choice = ids(&[&s.plans[0]]);
        for code in [&s.other_area, &s.other_year] {
            assert!(matches!(
                svc::cast(&mut c, &Principal::resident(), &id, online(code), &choice),
                Err(CastError::WrongCode)
            ));
        }
        // A revoked letter no longer votes.
        codes_svc::revoke(
            &mut c,
            &admin(),
            s.codes[0].handle(),
            codes_svc::RevokeReason::Lost,
        )
        .expect("revoke");
        assert!(matches!(
            svc::cast(
                &mut c,
                &Principal::resident(),
                &id,
                online(&s.codes[0]),
                &choice
            ),
            Err(CastError::WrongCode)
        ));
        // A mistyped paper code gets the same answer as a code of another area.
        let coord = coordinator_of(&s.round.area.id);
        for typed in ["ABCD-EFGH-JKMN-PQRS", "nonsense", &s.other_area.formatted()] {
            assert!(
                matches!(
                    svc::cast(
                        &mut c,
                        &coord,
                        &id,
                        Channel::Paper {
                            code: typed,
                            assisted: false
                        },
                        &choice
                    ),
                    Err(CastError::WrongCode)
                ),
                "{typed}"
            );
        }
        assert_eq!(ballots_shown(&mut c, &id), 0);
    }
}

/// The round data version (`write_lock.content_generation`) a resident's page reads with
/// its voter.
fn round_data_version(c: &mut DbConn) -> i64 {
    crate::helpers::write_counters(c).1
}

/// A resident's cast from what their page read (`cast_seen`): while the round data version
/// holds, the ballot's transaction trusts the page's round and code; once anything else
/// was written (a code revoked, the round counted) it reads them again and refuses as
/// `cast` does. Residents' own ballots do not change the version.
#[test]
fn a_cast_from_what_the_page_read_checks_again_after_another_write() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 4);
        let round = s.round.round.clone();
        let choice = ids(&[&s.plans[0]]);
        let version = round_data_version(&mut c);
        let seen = |version| svc::Seen {
            round: &round,
            version,
            code_area: &round.area_id,
            code_year: round.year,
        };

        let receipt = svc::cast_seen(&mut c, s.codes[0].handle(), seen(version), &choice)
            .expect("ballot from the page's reads");
        assert_eq!(receipt.choices, vec![s.plans[0].clone()], "{backend}");
        assert_eq!(
            round_data_version(&mut c),
            version,
            "{backend}: a ballot keeps it"
        );
        assert!(
            matches!(
                svc::cast_seen(&mut c, s.codes[0].handle(), seen(version), &choice),
                Err(CastError::AlreadyVoted)
            ),
            "{backend}: once per code"
        );
        // A page that read another area or year for its code stores nothing.
        let elsewhere = svc::Seen {
            code_year: round.year + 1,
            ..seen(version)
        };
        assert!(
            matches!(
                svc::cast_seen(&mut c, s.codes[1].handle(), elsewhere, &choice),
                Err(CastError::WrongCode)
            ),
            "{backend}"
        );
        // A choice the frozen rules refuse is refused, with nothing stored.
        assert!(
            matches!(
                svc::cast_seen(
                    &mut c,
                    s.codes[1].handle(),
                    seen(version),
                    &ids(&[&s.plans[3]])
                ),
                Err(CastError::Ballot(_))
            ),
            "{backend}"
        );

        // The code is revoked after the page was read: the cast reads it again.
        codes_svc::revoke(
            &mut c,
            &admin(),
            s.codes[2].handle(),
            codes_svc::RevokeReason::Lost,
        )
        .expect("revoke");
        assert!(round_data_version(&mut c) > version, "{backend}");
        assert!(
            matches!(
                svc::cast_seen(&mut c, s.codes[2].handle(), seen(version), &choice),
                Err(CastError::WrongCode)
            ),
            "{backend}: a revoked code does not vote from an older page"
        );

        // The round is counted after the page was read: no ballot from that page.
        let coord = coordinator_of(&round.area_id);
        svc::count_round(&mut c, &coord, &round.id).expect("count");
        assert!(
            matches!(
                svc::cast_seen(&mut c, s.codes[3].handle(), seen(version), &choice),
                Err(CastError::NotVoting)
            ),
            "{backend}: voting ended after the page was read"
        );
        assert_eq!(ballots_shown(&mut c, &round.id), 1, "{backend}");
    }
}

/// A tracker already taken (about 49 bits, so it happens, rarely) stores nothing, so the
/// cast draws another; a code's participation is recorded once.
#[test]
fn a_taken_tracker_or_a_second_participation_stores_nothing() {
    use burgerbegroting::db::models::BallotRow;
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 1);
        let id = s.round.round.id.clone();
        let receipt = vote(&mut c, &id, &s.codes[0], &[&s.plans[0], &s.plans[1]]).expect("vote");
        let again = BallotRow {
            id: "another-ballot".into(),
            round_id: id.to_string(),
            tracker: receipt.tracker.clone(),
            channel: "online".into(),
            assisted: false,
            entered_by: None,
        };
        assert!(
            !q::insert_ballot_unless_taken(&mut c, &again, &[s.plans[2].clone()]).expect("insert"),
            "{backend}: the tracker is taken"
        );
        let fresh = BallotRow {
            tracker: "22222-22222".into(),
            ..again
        };
        assert!(
            q::insert_ballot_unless_taken(&mut c, &fresh, &[s.plans[2].clone()]).expect("insert"),
            "{backend}"
        );
        let stored = q::ballots_of(&mut c, &id).expect("ballots");
        let choices: Vec<usize> = stored.iter().map(|(_, ch)| ch.len()).collect();
        assert_eq!(
            choices,
            vec![1, 2],
            "{backend}: by tracker, choices stored once"
        );
        assert!(!q::record_participation(&mut c, s.codes[0].handle(), &id).expect("again"));
    }
}

/// On PostgreSQL a ballot is one statement (`repo::ballot_statement`): each part writes
/// only when the part before it did, and it says which did. A taken tracker leaves the
/// participation written and nothing else (the cast then draws another tracker); a code
/// that took part already writes nothing at all; SQLite writes statement by statement.
#[test]
fn the_one_statement_ballot_writes_each_part_only_after_the_one_before() {
    use burgerbegroting::db::models::BallotRow;
    use burgerbegroting::db::repo::ballot_statement::{self, BallotWritten};
    use burgerbegroting::domain::audit::NewEvent;
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 3);
        let id = s.round.round.id.clone();
        let receipt = vote(&mut c, &id, &s.codes[0], &[&s.plans[0]]).expect("vote");
        let events_before = audit_repo::count(&mut c).expect("events");
        let ballot = |n: &str, tracker: &str| BallotRow {
            id: format!("ballot-{n}"),
            round_id: id.to_string(),
            tracker: tracker.into(),
            channel: "online".into(),
            assisted: false,
            entered_by: None,
        };
        let event = |c: &mut DbConn, tracker: &str| {
            let seq = AuditTail::default().next_seq(c).expect("seq");
            audit_repo::event_row(
                seq,
                burgerbegroting::db::repo::now(),
                &Principal::resident().actor,
                &NewEvent {
                    action: "ballot.cast",
                    entity_type: "round",
                    entity_id: id.to_string(),
                    before: serde_json::Value::Null,
                    after: serde_json::json!({ "tracker": tracker }),
                },
            )
        };
        let choices = [s.plans[1].clone(), s.plans[2].clone()];
        let write = |c: &mut DbConn, code: usize, n: &str, tracker: &str| {
            let ev = event(c, tracker);
            ballot_statement::write_ballot(
                c,
                s.codes[code].handle(),
                &ballot(n, tracker),
                &choices,
                &ev,
            )
            .expect("statement")
        };
        if !ballot_statement::used_on(&c) {
            assert_eq!(write(&mut c, 1, "a", "33333-33333"), None, "{backend}");
            continue;
        }
        let written = |participated, stored, counted| {
            Some(BallotWritten {
                participated,
                stored,
                counted,
            })
        };
        // The tracker of the first ballot: only the participation.
        assert_eq!(
            write(&mut c, 1, "a", &receipt.tracker),
            written(true, false, false),
            "{backend}"
        );
        assert!(!q::record_participation(&mut c, s.codes[1].handle(), &id).expect("again"));
        assert_eq!(audit_repo::count(&mut c).expect("events"), events_before);
        assert_eq!(ballots_shown(&mut c, &id), 1, "{backend}");
        // The code took part already: nothing.
        assert_eq!(
            write(&mut c, 0, "b", "44444-44444"),
            written(false, false, false),
            "{backend}"
        );
        // A fresh code and tracker: everything, in the order of the log.
        assert_eq!(
            write(&mut c, 2, "c", "55555-55555"),
            written(true, true, true),
            "{backend}"
        );
        assert_eq!(
            audit_repo::count(&mut c).expect("events"),
            events_before + 1
        );
        assert_eq!(ballots_shown(&mut c, &id), 2, "{backend}");
        let stored = q::ballots_of(&mut c, &id).expect("ballots");
        let fresh: Vec<usize> = stored
            .iter()
            .filter(|(b, _)| b.tracker == "55555-55555")
            .map(|(_, ch)| ch.len())
            .collect();
        assert_eq!(fresh, vec![2], "{backend}: both choices, once");
    }
}

#[test]
fn ballots_are_checked_against_the_frozen_rules() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = voting_round(&mut c, BallotRule::Knapsack, CountRule::Greedy, 2);
        let id = s.round.round.id.clone();
        // 6.000 + 5.000 > 10.000: refused, and the code can still vote.
        let err =
            vote(&mut c, &id, &s.codes[0], &[&s.plans[0], &s.plans[1]]).expect_err("over budget");
        assert!(err.to_string().contains("10.000,00"), "{err}");
        // The rejected plan is not on the ballot.
        assert!(matches!(
            vote(&mut c, &id, &s.codes[0], &[&s.plans[3]]),
            Err(CastError::Ballot(_))
        ));
        vote(&mut c, &id, &s.codes[0], &[&s.plans[0], &s.plans[2]]).expect("fits");
        // The rules and the ballot are frozen: no more plans, no more reviews.
        let coord = coordinator_of(&s.round.area.id);
        assert!(svc::submit_initiative(
            &mut c,
            &coord,
            &id,
            &InitiativeInput {
                title: "Laat".into(),
                summary: "te laat".into(),
                amount_cents: 100,
                taakveld: "5.7".into(),
            },
        )
        .is_err());
        assert!(crate::helpers::nominate(&mut c, &coord, &s.plans[3]).is_err());
        let fp = s.round.round.fingerprint.clone().expect("fingerprint");
        let rules = s.round.round.frozen_rules.clone().expect("rules");
        assert_eq!(
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(rules.as_bytes())),
            fp
        );
        assert!(rules.contains("\"ballot_rule\":\"knapsack\""), "{rules}");
        let opened = audit_repo::for_entity(&mut c, &id)
            .expect("audit")
            .into_iter()
            .find(|e| e.action == "round.voting_opened")
            .expect("opened event");
        assert!(opened.payload.contains(&fp));
    }
}

#[test]
fn coordinators_manage_only_their_own_areas() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let a = ledger_svc::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("a");
        let b = ledger_svc::create_area(&mut c, &admin(), "Oosterwolde", "dorp").expect("b");
        let input = |slug: &str| RoundInput {
            area_slug: slug.into(),
            year: 2027,
            quarter: 1,
            title: "Ronde".into(),
            budget_cents: 100_000,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(2),
            },
            count_rule: CountRule::EqualShares,
            calendar: None,
        };
        let coord_a = coordinator_of(&a.area_id);
        assert!(matches!(
            svc::create_round(&mut c, &coord_a, &input(&b.slug)),
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            svc::create_round(&mut c, &initiator(), &input(&a.slug)),
            Err(ServiceError::Forbidden(_))
        ));
        // An absurd maximum is refused, not silently turned into "no maximum".
        let mut huge = input(&a.slug);
        huge.ballot_rule = BallotRule::Approval {
            max_choices: Some(3_000_000_000),
        };
        assert!(matches!(
            svc::create_round(&mut c, &coord_a, &huge),
            Err(ServiceError::Invalid {
                field: "max_choices",
                ..
            })
        ));
        let r = svc::create_round(&mut c, &coord_a, &input(&a.slug)).expect("own area");
        // The same quarter twice is refused with a message for the quarter field.
        assert!(matches!(
            svc::create_round(&mut c, &admin(), &input(&a.slug)),
            Err(ServiceError::Invalid {
                field: "quarter",
                ..
            })
        ));
        let coord_b = coordinator_of(&b.area_id);
        assert!(matches!(
            svc::open_voting(&mut c, &coord_b, &r.round.id),
            Err(ServiceError::Forbidden(_))
        ));
        let plan = svc::submit_initiative(
            &mut c,
            &initiator(),
            &r.round.id,
            &InitiativeInput {
                title: "Plan".into(),
                summary: "Een plan".into(),
                amount_cents: 50_000,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan");
        assert!(matches!(
            crate::helpers::nominate(&mut c, &coord_b, &plan.id),
            Err(ServiceError::Forbidden(_))
        ));
        // Voting cannot open while a plan waits for its review.
        assert!(svc::open_voting(&mut c, &coord_a, &r.round.id).is_err());
        // A rejection needs a public reason.
        assert!(matches!(
            crate::helpers::reject(&mut c, &coord_a, &plan.id, "  "),
            Err(ServiceError::Invalid {
                field: "reason",
                ..
            })
        ));
        // A wrong taakveld code and a plan above the round budget are refused.
        let mut bad = InitiativeInput {
            title: "Plan".into(),
            summary: "x".into(),
            amount_cents: 50_000,
            taakveld: "99.9".into(),
        };
        assert!(matches!(
            svc::submit_initiative(&mut c, &initiator(), &r.round.id, &bad),
            Err(ServiceError::Invalid {
                field: "taakveld",
                ..
            })
        ));
        bad.taakveld = "5.7".into();
        bad.amount_cents = 100_001;
        assert!(matches!(
            svc::submit_initiative(&mut c, &initiator(), &r.round.id, &bad),
            Err(ServiceError::Invalid {
                field: "amount",
                ..
            })
        ));
    }
}

#[test]
fn closing_counts_the_published_ballots_and_anyone_can_recount() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 5);
        let id = s.round.round.id.clone();
        // Votes: Speeltuin 4, Bankjes 3, Bloembollen 2.
        let ballots: [&[usize]; 5] = [&[0, 1], &[0, 1, 2], &[0], &[0, 2], &[1]];
        let mut trackers = Vec::new();
        for (code, picks) in s.codes.iter().zip(ballots) {
            let choice: Vec<String> = picks.iter().map(|&p| s.plans[p].to_string()).collect();
            trackers.push(
                svc::cast(&mut c, &Principal::resident(), &id, online(code), &choice)
                    .expect("ballot")
                    .tracker,
            );
        }
        // Nothing is published while voting goes on.
        assert_eq!(
            svc::published_pb(&mut c, &Principal::resident(), &id).expect("pb"),
            None
        );
        assert!(svc::published_ballots(&mut c, &Principal::resident(), &id)
            .expect("list")
            .is_none());
        let coord = coordinator_of(&s.round.area.id);
        svc::count_round(&mut c, &coord, &id).expect("count");
        assert!(
            svc::count_round(&mut c, &coord, &id).is_err(),
            "counts once"
        );
        crate::helpers::without_objection_window(&mut c, &id);
        let closed = svc::close_round(&mut c, &coord, &id).expect("close");
        assert!(
            svc::close_round(&mut c, &coord, &id).is_err(),
            "closes once"
        );
        let result = serde_json::to_value(closed.result().expect("result")).expect("json");
        // Greedy: Speeltuin (6.000) first, Bankjes (5.000) no longer fits, Bloembollen does.
        assert_eq!(
            result["selected"],
            serde_json::json!([s.plans[0], s.plans[2]]),
            "{}",
            db.backend
        );
        assert_eq!(result["spent_cents"], 900_000);
        assert_eq!(result["left_cents"], 100_000);
        let bankjes = result["plans"]
            .as_array()
            .expect("plans")
            .iter()
            .find(|p| p["initiative"] == serde_json::json!(s.plans[1]))
            .expect("bankjes");
        assert_eq!(bankjes["votes"], 3);
        assert_eq!(bankjes["funded"], false);
        assert!(!bankjes["explanation"].as_str().unwrap_or("").is_empty());

        // The published list: every receipt, in tracker order, with its choices.
        let list = svc::published_ballots(&mut c, &Principal::resident(), &id)
            .expect("list")
            .expect("closed");
        let mut sorted = trackers.clone();
        sorted.sort();
        assert_eq!(
            list.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>(),
            sorted
        );
        let second = list
            .iter()
            .find(|(t, _)| *t == trackers[1])
            .expect("receipt listed");
        assert_eq!(second.1, vec![1, 2, 3]);

        // The .pb file recounts to the same result with the engine on its own.
        let pb = svc::published_pb(&mut c, &Principal::resident(), &id)
            .expect("pb")
            .expect("closed");
        let election = Election::parse(&pb).expect("valid .pb");
        assert_eq!(election.ballots.len(), 5);
        assert_eq!(election.projects.len(), 3, "only nominated plans");
        let recount =
            tally::tally(&election, &svc::tally_options(CountRule::Greedy)).expect("recount");
        let mut numbers = recount.selected.clone();
        numbers.sort();
        assert_eq!(numbers, vec!["1".to_string(), "3".to_string()]);
        for t in &trackers {
            assert!(pb.contains(t.as_str()), "receipt {t} in the .pb file");
        }
        // The winning amounts moved from the pool to each funded plan's own account.
        let pool = ledger_svc::pools(&mut c, &crate::helpers::reader())
            .expect("pools")
            .into_iter()
            .find(|p| p.slug == s.round.area.slug)
            .expect("pool");
        assert_eq!(pool.balance_cents, 1_000_000 - 900_000, "{}", db.backend);
        let commitments = result["commitments"].as_array().expect("commitments");
        assert_eq!(commitments.len(), 2);
        let balances =
            ledger_svc::all_balances(&mut c, &crate::helpers::reader()).expect("balances");
        for (k, plan) in [(0usize, 600_000i64), (2, 300_000)] {
            let cm = commitments
                .iter()
                .find(|x| x["initiative"] == serde_json::json!(s.plans[k]))
                .expect("commitment of a winner");
            assert_eq!(cm["amount_cents"], plan);
            let account = balances
                .iter()
                .find(|a| Some(a.account_id.as_str()) == cm["account"].as_str())
                .expect("plan account");
            let balance = &account.balance_cents;
            assert_eq!(account.kind.as_str(), "initiative");
            assert_eq!(account.initiative_id.as_deref(), Some(s.plans[k].as_str()));
            assert_eq!(*balance, plan);
            let t = ledger_svc::transfer(
                &mut c,
                &crate::helpers::reader(),
                &cm["transfer"].as_str().unwrap_or("").into(),
            )
            .expect("transfer");
            assert_eq!(t.kind.as_str(), "commitment");
            assert_eq!(t.from_account, pool.account_id);
            assert!(t.decision_ref.unwrap_or_default().starts_with("Uitslag"));
        }
        // The whole ledger still sums to zero.
        assert_eq!(balances.iter().map(|a| a.balance_cents).sum::<i64>(), 0);
        let events = audit_repo::for_entity(&mut c, &id).expect("audit");
        let closed_event = events
            .iter()
            .find(|e| e.action == "round.closed")
            .expect("closed event");
        let digest = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(pb.as_bytes()));
        assert!(closed_event.payload.contains(&digest));
    }
}

#[test]
fn equal_shares_rounds_count_with_equal_shares() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = voting_round(
            &mut c,
            BallotRule::Approval { max_choices: None },
            CountRule::EqualShares,
            10,
        );
        let id = s.round.round.id.clone();
        // Six voters want only Speeltuin (6.000), four want Bankjes (5.000) and Bloembollen
        // (3.000). Each voter's share is 1.000: the six pay for Speeltuin, the four's 4.000
        // pays for Bloembollen but not also for Bankjes.
        for (i, code) in s.codes.iter().enumerate() {
            let choice = if i < 6 {
                ids(&[&s.plans[0]])
            } else {
                ids(&[&s.plans[1], &s.plans[2]])
            };
            svc::cast(&mut c, &Principal::resident(), &id, online(code), &choice).expect("ballot");
        }
        let coord = coordinator_of(&s.round.area.id);
        let closed = svc::count_round(&mut c, &coord, &id).expect("count");
        let result = serde_json::to_value(closed.result().expect("result")).expect("json");
        assert_eq!(result["rule"], "mes-cost");
        let pb = svc::published_pb(&mut c, &Principal::resident(), &id)
            .expect("pb")
            .expect("closed");
        let recount = tally::tally(
            &Election::parse(&pb).expect("pb"),
            &svc::tally_options(CountRule::EqualShares),
        )
        .expect("recount");
        let expected: Vec<PlanId> = recount
            .selected
            .iter()
            .map(|n| s.plans[n.parse::<usize>().expect("number") - 1].clone())
            .collect();
        assert_eq!(result["selected"], serde_json::json!(expected));
        assert!(expected.contains(&s.plans[0]) && expected.contains(&s.plans[2]));
    }
}

#[test]
fn ballots_carry_no_identity_and_codes_stay_out_of_the_database() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 2);
        let id = s.round.round.id.clone();
        let online_receipt = vote(&mut c, &id, &s.codes[0], &[&s.plans[0]]).expect("online");
        let coord = coordinator_of(&s.round.area.id);
        let typed = s.codes[1].formatted();
        svc::cast(
            &mut c,
            &coord,
            &id,
            Channel::Paper {
                code: &typed,
                assisted: true,
            },
            &ids(&[&s.plans[1]]),
        )
        .expect("paper");
        let events = audit_repo::for_entity(&mut c, &id).expect("audit");
        let cast: Vec<_> = events
            .iter()
            .filter(|e| e.action == "ballot.cast")
            .collect();
        assert_eq!(cast.len(), 2);
        // The online ballot's event names no one; the paper one names the staff member,
        // and says it was assisted, but neither holds the code or its handle.
        assert_eq!(cast[0].actor, "resident");
        assert!(cast[0].payload.contains(&online_receipt.tracker));
        assert_eq!(cast[1].actor, coord.key());
        assert!(cast[1].payload.contains("\"assisted\":true"));
        for e in &cast {
            for code in &s.codes {
                assert!(!e.payload.contains(code.handle()), "{}", e.payload);
            }
        }
        // No table holds a plain code (the paper one was typed in full).
        let values = crate::voting_codes::every_value(&mut c);
        crate::voting_codes::assert_no_secret_in(&values, &s.codes);
        // The ballots table has no column that could point back to a code.
        let ballot_cells: Vec<&(String, String, String)> =
            values.iter().filter(|(t, _, _)| t == "ballots").collect();
        assert!(!ballot_cells.is_empty());
        for (_, _, v) in ballot_cells {
            for code in &s.codes {
                assert_ne!(v, code.handle());
            }
        }
    }
}

#[test]
fn reserved_money_cannot_be_corrected_away_and_closing_pays_the_winners() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 1);
        let id = s.round.round.id.clone();
        vote(&mut c, &id, &s.codes[0], &[&s.plans[0]]).expect("ballot");
        // The round's 10.000 is reserved in the pool since voting opened: a correction
        // cannot take 8.000 of it back out (before reservations existed it could, and
        // closing was then refused).
        let loo = ledger_svc::pools(&mut c, &crate::helpers::reader())
            .expect("pools")
            .into_iter()
            .find(|p| p.slug == s.round.area.slug)
            .expect("pool");
        let coord = coordinator_of(&s.round.area.id);
        let contribution = ledger_svc::list_transfers(&mut c, &crate::helpers::reader())
            .expect("t")
            .into_iter()
            .find(|t| t.to_account == loo.account_id)
            .expect("contribution");
        let transfers_before = ledger_svc::list_transfers(&mut c, &crate::helpers::reader())
            .expect("t")
            .len();
        let err = ledger_svc::propose_correction(
            &mut c,
            &crate::helpers::clerk(),
            &contribution.id,
            &ledger_svc::CorrectionInput {
                id: uuid::Uuid::new_v4(),
                amount_cents: 800_000,
                memo: "Te veel bijgedragen".into(),
            },
        )
        .expect_err("the money is reserved");
        assert!(matches!(err, ServiceError::Ledger(_)), "{err:?}");
        assert_eq!(
            ledger_svc::list_transfers(&mut c, &crate::helpers::reader())
                .expect("t")
                .len(),
            transfers_before,
            "nothing moved"
        );
        svc::count_round(&mut c, &coord, &id).expect("count");
        crate::helpers::without_objection_window(&mut c, &id);
        let closed = svc::close_round(&mut c, &coord, &id).expect("close");
        assert_eq!(closed.result().expect("result").spent_cents, 600_000);
        assert_eq!(closed.result().expect("result").commitments.len(), 1);
    }
}

/// Runs one raw SQL statement, as someone with direct database access would.
fn raw(c: &mut DbConn, sql: &str) -> diesel::QueryResult<usize> {
    use diesel::RunQueryDsl;
    diesel::sql_query(sql).execute(c)
}

/// Removes the frozen-rules trigger, as someone with full database access could, to show
/// that the service itself does not trust the live columns.
fn drop_rules_trigger(c: &mut DbConn) {
    let sql = match c {
        DbConn::Sqlite(_) => "DROP TRIGGER rounds_rules_frozen",
        DbConn::Postgres(_) => "DROP TRIGGER rounds_rules_frozen ON rounds",
    };
    raw(c, sql).expect("drop trigger");
}

#[test]
fn the_database_refuses_changes_to_a_rounds_rules_once_voting_opened() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = voting_round(
            &mut c,
            BallotRule::Approval {
                max_choices: Some(2),
            },
            CountRule::Greedy,
            1,
        );
        let id = s.round.round.id.clone();
        for set in [
            "budget_cents = 1",
            "count_rule = 'mes'",
            "ballot_rule = 'knapsack', max_choices = NULL",
            "max_choices = 3",
            "frozen_rules = '{}'",
            "fingerprint = 'ab'",
            "year = 2028",
        ] {
            let err = raw(
                &mut c,
                &format!("UPDATE rounds SET {set} WHERE id = '{id}'"),
            )
            .expect_err(set);
            assert!(err.to_string().contains("frozen"), "{set}: {err}");
        }
        // A round never goes back a phase, whoever writes to the table.
        for back in ["open", "review"] {
            let err = raw(
                &mut c,
                &format!("UPDATE rounds SET status = '{back}' WHERE id = '{id}'"),
            )
            .expect_err(back);
            assert!(err.to_string().contains("never goes back"), "{back}: {err}");
        }
        // Closing still works (status, result and time are not rules), and the rules of
        // a closed round are frozen too.
        vote(&mut c, &id, &s.codes[0], &[&s.plans[2]]).expect("vote");
        svc::count_round(&mut c, &coordinator_of(&s.round.area.id), &id).expect("count");
        crate::helpers::without_objection_window(&mut c, &id);
        let closed =
            svc::close_round(&mut c, &coordinator_of(&s.round.area.id), &id).expect("close");
        assert_eq!(closed.round.budget_cents, 1_000_000);
        assert!(raw(
            &mut c,
            &format!("UPDATE rounds SET budget_cents = 5 WHERE id = '{id}'")
        )
        .is_err());
        let err = raw(
            &mut c,
            &format!("UPDATE rounds SET status = 'counted' WHERE id = '{id}'"),
        )
        .expect_err("closed to counted");
        assert!(err.to_string().contains("never goes back"), "{err}");
        // An open round may still change: the trigger only guards frozen rounds.
        let open = svc::create_round(
            &mut c,
            &coordinator_of(&s.round.area.id),
            &RoundInput {
                area_slug: s.round.area.slug.clone(),
                year: 2027,
                quarter: 3,
                title: "Zomer".into(),
                budget_cents: 100_000,
                ballot_rule: BallotRule::Knapsack,
                count_rule: CountRule::Greedy,
                calendar: None,
            },
        )
        .expect("round");
        let sql = format!(
            "UPDATE rounds SET budget_cents = 200000 WHERE id = '{}'",
            open.round.id
        );
        assert_eq!(raw(&mut c, &sql).expect("open round"), 1);
    }
}

#[test]
fn ballots_and_the_count_read_the_frozen_rules_not_the_live_columns() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = voting_round(&mut c, BallotRule::Knapsack, CountRule::Greedy, 2);
        let id = s.round.round.id.clone();
        drop_rules_trigger(&mut c);
        // The live columns say: approval, no maximum, € 20.000.
        raw(
            &mut c,
            &format!(
                "UPDATE rounds SET budget_cents = 2000000, ballot_rule = 'approval', \
                 count_rule = 'mes' WHERE id = '{id}'"
            ),
        )
        .expect("bend live columns");
        // The frozen knapsack of € 10.000 still decides.
        let err = vote(&mut c, &id, &s.codes[0], &[&s.plans[0], &s.plans[1]])
            .expect_err("over the frozen budget");
        assert!(err.to_string().contains("10.000,00"), "{err}");
        vote(&mut c, &id, &s.codes[0], &[&s.plans[0]]).expect("vote");
        vote(&mut c, &id, &s.codes[1], &[&s.plans[1]]).expect("vote");
        svc::count_round(&mut c, &coordinator_of(&s.round.area.id), &id).expect("count");
        crate::helpers::without_objection_window(&mut c, &id);
        let closed =
            svc::close_round(&mut c, &coordinator_of(&s.round.area.id), &id).expect("close");
        let result = serde_json::to_value(closed.result().expect("result")).expect("json");
        assert_eq!(result["budget_cents"], 1_000_000);
        assert_eq!(result["rule"], "greedy");
        let pb = svc::published_pb(&mut c, &Principal::resident(), &id)
            .expect("pb")
            .expect("closed");
        assert!(pb.contains("\nbudget;10000\n"), "{pb}");
        assert!(pb.contains("\nmax_sum_cost;10000\n"), "{pb}");
    }
}

#[test]
fn a_count_whose_frozen_rules_do_not_match_their_fingerprint_is_refused_and_audited() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = voting_round(&mut c, BallotRule::Knapsack, CountRule::Greedy, 2);
        let id = s.round.round.id.clone();
        vote(&mut c, &id, &s.codes[0], &[&s.plans[2]]).expect("vote");
        drop_rules_trigger(&mut c);
        let rules = s.round.round.frozen_rules.clone().expect("rules");
        let bent = rules.replace("\"budget_cents\":1000000", "\"budget_cents\":9000000");
        assert_ne!(bent, rules);
        raw(
            &mut c,
            &format!("UPDATE rounds SET frozen_rules = '{bent}' WHERE id = '{id}'"),
        )
        .expect("bend frozen rules");
        let coord = coordinator_of(&s.round.area.id);
        match svc::count_round(&mut c, &coord, &id) {
            Err(ServiceError::Invalid { message, .. }) => {
                assert!(message.contains("vingerafdruk"), "{message}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        let v = svc::round(&mut c, &Principal::resident(), &id).expect("round");
        assert_eq!(v.round.status, RoundStatus::Voting);
        assert!(v.round.result.is_none());
        let refused = audit_repo::for_entity(&mut c, &id)
            .expect("audit")
            .into_iter()
            .find(|e| e.action == "round.count_refused")
            .expect("refusal event");
        assert!(
            refused.payload.contains("fingerprint_mismatch"),
            "{}",
            refused.payload
        );
        // Casting is refused as well: no ballot is taken under rules that do not match.
        let err = vote(&mut c, &id, &s.codes[1], &[&s.plans[2]]).expect_err("bent rules");
        assert!(err.to_string().contains("vingerafdruk"), "{err}");
        assert_eq!(ballots_shown(&mut c, &id), 1);
    }
}

/// The number of ballots pages show is kept in a counter row in the ballot's transaction
/// (no page counts a round's ballots): under parallel casts with different codes it equals
/// the ballots stored, and a round without a counter row gets one with the right number.
#[test]
fn the_kept_ballot_count_equals_the_ballots_stored() {
    const THREADS: usize = 12;
    for db in TestDb::all() {
        let pool = db.pool();
        let s = {
            let mut c = pool.get().expect("conn");
            voting_round(
                &mut c,
                BallotRule::Approval { max_choices: None },
                CountRule::Greedy,
                THREADS as i32 + 1,
            )
        };
        for r in cast_at_once(&pool, &s, THREADS, |i| i) {
            r.expect("cast");
        }
        let mut c = pool.get().expect("conn");
        let id = s.round.round.id.clone();
        let stored = q::count_ballots(&mut c, &id).expect("count");
        assert_eq!(stored, THREADS as i64, "{}", db.backend);
        assert_eq!(ballots_shown(&mut c, &id), stored);

        // Without its row (a round from before the counter), the next ballot starts it
        // from the ballots stored.
        raw(
            &mut c,
            &format!("DELETE FROM round_ballot_counts WHERE round_id = '{id}'"),
        )
        .expect("delete counter");
        assert_eq!(ballots_shown(&mut c, &id), stored);
        svc::cast(
            &mut c,
            &Principal::resident(),
            &id,
            online(&s.codes[THREADS]),
            &[s.plans[0].to_string()],
        )
        .expect("cast");
        assert_eq!(ballots_shown(&mut c, &id), stored + 1, "{}", db.backend);
        assert_eq!(q::count_ballots(&mut c, &id).expect("count"), stored + 1);
    }
}

/// A write of the group commit tests: a ballot, a write that holds the lock until told
/// to go on (so that what comes next queues behind it and forms one group), or a write
/// that fails hard.
enum GroupTestWrite {
    Ballot(Box<svc::OnlineCast>),
    Hold {
        entered: std::sync::mpsc::Sender<()>,
        go: std::sync::mpsc::Receiver<()>,
    },
    Panic,
    /// Stores its ballot, then fails (as a database error after a change would).
    FailAfterStoring(Box<svc::OnlineCast>),
}

impl GroupedWrite for GroupTestWrite {
    type Done = Option<Receipt>;
    type Error = CastError;

    fn write(
        self,
        c: &mut DbConn,
        version: i64,
        tail: &mut AuditTail,
    ) -> Result<Option<Receipt>, CastError> {
        match self {
            GroupTestWrite::Ballot(b) => b.store(c, version, tail).map(Some),
            GroupTestWrite::Hold { entered, go } => {
                entered.send(()).expect("entered");
                go.recv().expect("go on");
                Ok(None)
            }
            GroupTestWrite::Panic => panic!("a grouped write that fails hard (expected)"),
            GroupTestWrite::FailAfterStoring(b) => {
                b.store(c, version, tail)?;
                Err(CastError::Failed(ServiceError::internal(
                    "test",
                    "a grouped write that fails after its change (expected)",
                )))
            }
        }
    }

    fn refused_unchanged(error: &CastError) -> bool {
        error.refused_unchanged()
    }
}

type TestQueue = Arc<GroupCommit<GroupTestWrite>>;

/// A write that holds the queue's lead (and the write lock) until the returned sender
/// says go; returns once it is inside its transaction.
fn hold_the_lead(
    pool: &DbPool,
    queue: &TestQueue,
) -> (
    std::sync::mpsc::Sender<()>,
    std::thread::JoinHandle<Result<Option<Receipt>, CastError>>,
) {
    let (entered_tx, entered_rx) = std::sync::mpsc::channel();
    let (go_tx, go_rx) = std::sync::mpsc::channel();
    let (pool, queue) = (pool.clone(), queue.clone());
    let holder = std::thread::spawn(move || {
        let mut c = pool.get().expect("conn");
        queue.write(
            &mut c,
            GroupTestWrite::Hold {
                entered: entered_tx,
                go: go_rx,
            },
        )
    });
    entered_rx.recv().expect("the holder leads");
    (go_tx, holder)
}

/// Queues `write` from a thread of its own and waits until it waits in the queue (so
/// that the queue's order is the order of the calls).
fn queue_up(
    pool: &DbPool,
    queue: &TestQueue,
    write: GroupTestWrite,
) -> std::thread::JoinHandle<Result<Option<Receipt>, CastError>> {
    let before = queue.waiting();
    let (pool2, queue2) = (pool.clone(), queue.clone());
    let handle = std::thread::spawn(move || {
        let mut c = pool2.get().expect("conn");
        queue2.write(&mut c, write)
    });
    let waited = std::time::Instant::now();
    while queue.waiting() <= before {
        assert!(
            waited.elapsed() < std::time::Duration::from_secs(30),
            "the write never queued"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    handle
}

/// Writes a ballot of each code through `queue`, one after the other (each a group of
/// one), and checks that each is stored.
fn write_each_alone<'a>(
    pool: &DbPool,
    queue: &TestQueue,
    s: &Setup,
    version: i64,
    codes: impl IntoIterator<Item = &'a VotingCode>,
    plans: &[&PlanId],
    backend: impl std::fmt::Display,
) {
    for code in codes {
        let mut w = pool.get().expect("conn");
        let done = queue
            .write(&mut w, online_ballot(s, version, code, plans))
            .expect("written");
        assert!(done.is_some(), "{backend}");
    }
}

/// A resident's online ballot with `code` for `plans`, as a page read it at `version`.
fn online_ballot(s: &Setup, version: i64, code: &VotingCode, plans: &[&PlanId]) -> GroupTestWrite {
    let round = &s.round.round;
    let seen = svc::Seen {
        round,
        version,
        code_area: &round.area_id,
        code_year: round.year,
    };
    GroupTestWrite::Ballot(Box::new(svc::online_cast(code.handle(), seen, ids(plans))))
}

#[test]
fn ballots_waiting_together_are_written_in_one_group_and_a_refused_one_leaves_the_others() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 4);
        let id = s.round.round.id.clone();
        let (generation, version) = write_counters(&mut c);
        let queue = TestQueue::default();
        let (go, holder) = hold_the_lead(&pool, &queue);
        let plan = [&s.plans[0]];
        let writers: Vec<_> = [0, 1, 0, 2, 3]
            .iter()
            .map(|&i| {
                queue_up(
                    &pool,
                    &queue,
                    online_ballot(&s, version, &s.codes[i], &plan),
                )
            })
            .collect();
        assert_eq!(queue.waiting(), 5, "{backend}");
        go.send(()).expect("go");
        assert!(matches!(holder.join().expect("holder"), Ok(None)));
        let outcomes: Vec<_> = writers
            .into_iter()
            .map(|w| w.join().expect("writer"))
            .collect();
        let trackers: Vec<String> = outcomes
            .iter()
            .filter_map(|o| o.as_ref().ok().and_then(|r| r.as_ref()))
            .map(|r| r.tracker.clone())
            .collect();
        assert_eq!(trackers.len(), 4, "{backend}: four codes, four ballots");
        assert!(
            matches!(outcomes[2], Err(CastError::AlreadyVoted)),
            "{backend}: the code's second ballot in the same group is refused"
        );
        let stored = q::ballots_of(&mut c, &id).expect("ballots");
        let mut stored_trackers: Vec<String> =
            stored.iter().map(|(b, _)| b.tracker.clone()).collect();
        let mut expected = trackers.clone();
        stored_trackers.sort();
        expected.sort();
        assert_eq!(
            stored_trackers, expected,
            "{backend}: each receipt stored once"
        );
        // The holder's transaction and one group: the lock was taken twice, and neither
        // raised the round data version.
        assert_eq!(
            write_counters(&mut c),
            (generation + 2, version),
            "{backend}: five ballots in one group"
        );
        let cast_events = audit_repo::for_entity(&mut c, &id.to_string())
            .expect("events")
            .iter()
            .filter(|e| e.action == "ballot.cast")
            .count();
        assert_eq!(cast_events, 4, "{backend}: one audit event per ballot kept");
        // A ballot of the same code and round later, alone, is refused too.
        assert!(matches!(
            vote(&mut c, &id, &s.codes[1], &plan),
            Err(CastError::AlreadyVoted)
        ));
    }
}

#[test]
fn a_write_failing_after_its_change_in_a_group_stores_none_of_the_group() {
    // Grouped writes have no savepoint each: only a refusal given before any change
    // leaves the others (the test above); any other error fails the whole group.
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 3);
        let id = s.round.round.id.clone();
        let (_, version) = write_counters(&mut c);
        let queue = TestQueue::default();
        let plan = [&s.plans[0]];
        let (go, holder) = hold_the_lead(&pool, &queue);
        let first = queue_up(
            &pool,
            &queue,
            online_ballot(&s, version, &s.codes[0], &plan),
        );
        let failing = match online_ballot(&s, version, &s.codes[1], &plan) {
            GroupTestWrite::Ballot(b) => GroupTestWrite::FailAfterStoring(b),
            _ => unreachable!("online_ballot makes a ballot"),
        };
        let failing = queue_up(&pool, &queue, failing);
        let last = queue_up(
            &pool,
            &queue,
            online_ballot(&s, version, &s.codes[2], &plan),
        );
        go.send(()).expect("go");
        assert!(matches!(holder.join().expect("holder"), Ok(None)));
        match failing.join().expect("answered") {
            Err(CastError::Failed(e)) => assert!(
                format!("{e:?}").contains("fails after its change"),
                "{backend}: the failing write gets its own error, not {e:?}"
            ),
            other => panic!("{backend}: expected the write's failure, got {other:?}"),
        }
        for other in [first, last] {
            assert!(
                matches!(other.join().expect("answered"), Err(CastError::Failed(_))),
                "{backend}: the rest of the group is told it was not stored"
            );
        }
        assert!(
            q::ballots_of(&mut c, &id).expect("ballots").is_empty(),
            "{backend}: nothing of the group was stored, the failing write's ballot neither"
        );
        let cast_events = audit_repo::for_entity(&mut c, &id.to_string())
            .expect("events")
            .iter()
            .filter(|e| e.action == "ballot.cast")
            .count();
        assert_eq!(cast_events, 0, "{backend}: no audit event of the group");
        // The same codes vote afterwards.
        write_each_alone(&pool, &queue, &s, version, s.codes.iter(), &plan, backend);
        assert_eq!(q::ballots_of(&mut c, &id).expect("ballots").len(), 3);
    }
}

#[test]
fn a_write_failing_hard_in_a_group_stores_none_of_it_answers_the_rest_and_the_queue_goes_on() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let s = approval_round(&mut c, 3);
        let id = s.round.round.id.clone();
        let (_, version) = write_counters(&mut c);
        let queue = TestQueue::default();
        let plan = [&s.plans[1]];
        let (go, holder) = hold_the_lead(&pool, &queue);
        // The first waiting write leads the next group, so it is the thread that panics.
        let leader = queue_up(
            &pool,
            &queue,
            online_ballot(&s, version, &s.codes[0], &plan),
        );
        let failing = queue_up(&pool, &queue, GroupTestWrite::Panic);
        let after = queue_up(
            &pool,
            &queue,
            online_ballot(&s, version, &s.codes[1], &plan),
        );
        go.send(()).expect("go");
        assert!(matches!(holder.join().expect("holder"), Ok(None)));
        assert!(
            leader.join().is_err(),
            "{backend}: the group's leader met the panic"
        );
        for other in [failing, after] {
            assert!(
                matches!(other.join().expect("answered"), Err(CastError::Failed(_))),
                "{backend}: the rest of the group is told it was not stored"
            );
        }
        assert!(
            q::ballots_of(&mut c, &id).expect("ballots").is_empty(),
            "{backend}: nothing of the group was stored"
        );
        // The queue has no leader stuck: the next writes go through, the same codes too.
        write_each_alone(&pool, &queue, &s, version, &s.codes[..2], &plan, backend);
        assert_eq!(q::ballots_of(&mut c, &id).expect("ballots").len(), 2);
    }
}
