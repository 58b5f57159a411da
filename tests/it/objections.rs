//! Objections to the steering group, on every backend: the window after a rejection and
//! after the count, voting that does not open (by hand or by the calendar) while an
//! objection to a rejection waits, committing that waits for the window and the
//! decisions, the three remedies (nominate, recount, annul) and a plain rejection, no one
//! deciding their own decision, one final decision even with two requests at once, and
//! the steering group deciding on its page over real HTTP.

use std::sync::{Arc, Barrier};

use burgerbegroting::db::repo::audit as audit_repo;
use burgerbegroting::db::repo::objections::ObjectionRecord;
use burgerbegroting::db::DbConn;
use burgerbegroting::domain::objection::ObjectionKind;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{
    BallotRule, Calendar, CountRule, Plan, PlanId, PlanStatus, RoundId, RoundStatus,
};
use burgerbegroting::service::objections::{self as obj, ResultObjector};
use burgerbegroting::service::rounds::{self as svc, Channel, RoundInput};
use burgerbegroting::service::{ledger as ledger_svc, pool_holds, voting_codes};
use burgerbegroting::service::{Principal, ServiceError};

use crate::helpers::{
    admin, count_days_ago, fund_pool, ledger_invariants, pairs, post_page_form, review_fields,
    staff, TestApp, TestDb,
};

pub(crate) fn initiator() -> Principal {
    staff("initiatiefnemer", &[Role::Initiator])
}
fn steering(id: &str) -> Principal {
    staff(id, &[Role::SteeringGroup])
}
/// The administrator who rejects and counts in these tests, also in the steering group.
fn admin_in_steering_group() -> Principal {
    Principal {
        roles: vec![Role::Admin, Role::SteeringGroup],
        ..admin()
    }
}

pub(crate) struct Village {
    pub slug: String,
    pub round: RoundId,
    /// Nominated: on the ballot.
    pub kept: PlanId,
    /// Rejected by `admin()`.
    pub rejected: PlanId,
}

fn plan(c: &mut DbConn, round: &RoundId, title: &str, cents: i64) -> PlanId {
    crate::helpers::plan_by(c, &initiator(), round, title, cents)
}

/// An area with a funded pool and a round in review: one plan nominated, one rejected.
pub(crate) fn village(c: &mut DbConn, name: &str, calendar: Option<Calendar>) -> Village {
    let area = ledger_svc::create_area(c, &admin(), name, "dorp").expect("area");
    fund_pool(c, &area.slug, 2_000_000);
    let round = svc::create_round(
        c,
        &admin(),
        &RoundInput {
            area_slug: area.slug.clone(),
            year: 2027,
            quarter: 1,
            title: "Smederij".into(),
            budget_cents: 1_000_000,
            ballot_rule: BallotRule::Approval { max_choices: None },
            count_rule: CountRule::Greedy,
            calendar,
        },
    )
    .expect("round")
    .round
    .id;
    let kept = plan(c, &round, "Bankjes", 300_000);
    let rejected = plan(c, &round, "Feesttent", 200_000);
    svc::close_submissions(c, &admin(), &round).expect("review");
    crate::helpers::nominate(c, &admin(), &kept).expect("nominate");
    crate::helpers::reject(c, &admin(), &rejected, "Geen plan voor het hele dorp.")
        .expect("reject");
    Village {
        slug: area.slug,
        round,
        kept,
        rejected,
    }
}

/// Voting open, one ballot for `choice`, counted by `admin()`.
pub(crate) fn counted(c: &mut DbConn, v: &Village, choice: &PlanId) {
    svc::open_voting(c, &admin(), &v.round).expect("open");
    let code = voting_codes::generate_batch(c, &admin(), &v.slug, 2027, 1)
        .expect("codes")
        .codes
        .remove(0);
    svc::cast(
        c,
        &admin(),
        &v.round,
        Channel::Paper {
            code: &code.formatted(),
            assisted: false,
        },
        &[choice.to_string()],
    )
    .expect("ballot");
    svc::count_round(c, &admin(), &v.round).expect("count");
}

/// A resident's voter session in the village (the cookie's token).
pub(crate) fn voter_token(c: &mut DbConn, slug: &str) -> String {
    let code = voting_codes::generate_batch(c, &admin(), slug, 2027, 1)
        .expect("codes")
        .codes
        .remove(0);
    voting_codes::open_voter_session(
        c,
        &code.formatted(),
        Some(slug),
        "127.0.0.1",
        burgerbegroting::db::repo::now(),
    )
    .map_err(|e| e.to_string())
    .expect("session")
    .token
}

fn status(c: &mut DbConn, round: &RoundId) -> RoundStatus {
    svc::round(c, &Principal::resident(), round)
        .expect("round")
        .round
        .status
}

/// The plan `id` of the village's round, as residents see it.
fn plan_of(c: &mut DbConn, v: &Village, id: &PlanId) -> Plan {
    svc::round(c, &Principal::resident(), &v.round)
        .expect("round")
        .initiatives
        .into_iter()
        .find(|p| &p.id == id)
        .expect("plan")
}

/// A new village whose round is counted, one ballot for the kept plan.
fn counted_village(c: &mut DbConn, name: &str) -> Village {
    let v = village(c, name, None);
    counted(c, &v, &v.kept);
    v
}

/// Steering group member `member` decides the objection; it must be accepted.
fn steering_decides(
    c: &mut DbConn,
    member: &str,
    objection: &str,
    verdict: &str,
    why: &str,
) -> obj::ObjectionView {
    obj::decide(c, &steering(member), objection, verdict, why).expect("decide")
}

/// `who` objects to the count of the village's round from their account.
fn account_objection(c: &mut DbConn, who: &Principal, v: &Village, why: &str) -> ObjectionRecord {
    obj::object_to_result(c, who, &v.round, ResultObjector::Account, why).expect("objection")
}

fn invalid_message(e: ServiceError) -> String {
    match e {
        ServiceError::Invalid { message, .. } => message.to_string(),
        other => panic!("expected a refusal on the form, got {other:?}"),
    }
}

#[test]
fn an_upheld_objection_to_a_rejection_nominates_the_plan_and_voting_waits_for_it() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = village(&mut c, "'t Loo", None);
        // Only the initiator objects, with a reason.
        let err = obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "  ")
            .expect_err("no reason");
        assert!(invalid_message(err).contains("waarom"));
        let other = staff("andere-indiener", &[Role::Initiator]);
        let err = obj::object_to_rejection(&mut c, &other, &v.rejected, "Oneerlijk")
            .expect_err("not theirs");
        assert!(invalid_message(err).contains("Alleen wie het plan heeft ingediend"));
        let err = obj::object_to_rejection(&mut c, &initiator(), &v.kept, "Waarom niet?")
            .expect_err("not rejected");
        assert!(invalid_message(err).contains("afgewezen plan"));
        let o = obj::object_to_rejection(
            &mut c,
            &initiator(),
            &v.rejected,
            "De feesttent is voor het hele dorp: iedereen komt op het dorpsfeest.",
        )
        .expect("objection");
        assert_eq!(o.kind, ObjectionKind::Rejection);
        let again = obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Nog een keer");
        assert!(again.is_err(), "one objection per plan ({})", db.backend);
        // Voting does not open while it waits: refused in plain Dutch, nothing changed.
        let msg = invalid_message(
            svc::open_voting(&mut c, &admin(), &v.round).expect_err("objection waits"),
        );
        assert!(
            msg.contains("bezwaar") && msg.contains("stuurgroep"),
            "{msg}"
        );
        assert_eq!(status(&mut c, &v.round), RoundStatus::Review);
        // The person who rejected the plan does not decide its objection.
        let both = admin_in_steering_group();
        let own = obj::decide(&mut c, &both, &o.id, "nominate", "Eigen besluit");
        assert!(matches!(own, Err(ServiceError::Forbidden(_))), "{own:?}");
        // Someone else in the steering group upholds it: the plan is nominated.
        let decided = steering_decides(
            &mut c,
            "stuurgroep-1",
            &o.id,
            "nominate",
            "Het dorpsfeest is voor iedereen.",
        );
        assert!(decided.record.decision.is_some());
        let plan = plan_of(&mut c, &v, &v.rejected);
        assert_eq!(plan.status, PlanStatus::Nominated, "{}", db.backend);
        // Final: a second decision is refused.
        let second = obj::decide(
            &mut c,
            &steering("stuurgroep-2"),
            &o.id,
            "rejected",
            "Toch niet",
        );
        assert!(invalid_message(second.expect_err("final")).contains("al beslist"));
        // Public on the round and the plan page (service), with an audit event.
        let public =
            obj::round_objections(&mut c, &Principal::resident(), &v.round).expect("public");
        assert_eq!(public.objections.len(), 1);
        let events = audit_repo::for_entity(&mut c, &o.id).expect("audit");
        assert!(events.iter().any(|e| e.action == "objection.decided"));
        // Now voting opens, with the plan on the ballot.
        let opened = svc::open_voting(&mut c, &admin(), &v.round).expect("open");
        assert_eq!(opened.nominated().len(), 2);
    }
}

#[test]
fn the_calendar_leaves_a_round_in_review_while_an_objection_waits() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let today = svc::today_nl(burgerbegroting::db::repo::now());
        let day = |d: i64| today + chrono::Duration::days(d);
        // Plans until today, voting from tomorrow: the calendar is run as if it were
        // tomorrow.
        let cal = Calendar::new(day(-20), day(0), day(0), day(1), day(10)).expect("calendar");
        let tomorrow = burgerbegroting::db::repo::now() + chrono::Duration::days(1);
        let v = village(&mut c, "Wezep", Some(cal));
        let o = obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk")
            .expect("objection");
        let moves = svc::move_due_rounds(&mut c, tomorrow).expect("mover");
        let mine: Vec<_> = moves.iter().filter(|m| m.round == v.round).collect();
        assert_eq!(mine.len(), 1, "{moves:?}");
        assert_eq!(mine[0].to, RoundStatus::Voting);
        let why = mine[0].refused.clone().expect("refused, with the reason");
        assert!(why.contains("bezwaar"), "{why}");
        assert_eq!(
            status(&mut c, &v.round),
            RoundStatus::Review,
            "{}",
            db.backend
        );
        // Rejected by the steering group: the next run opens voting.
        steering_decides(&mut c, "sg", &o.id, "rejected", "De afwijzing klopt.");
        let plan = plan_of(&mut c, &v, &v.rejected);
        assert_eq!(plan.status, PlanStatus::Rejected);
        svc::move_due_rounds(&mut c, tomorrow).expect("mover");
        assert_eq!(status(&mut c, &v.round), RoundStatus::Voting);
        // Once voting opened, a rejection can no longer be objected to.
        assert!(obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Nog eens").is_err());
    }
}

#[test]
fn an_area_without_a_window_takes_no_objections() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = village(&mut c, "Oosterwolde", None);
        assert_eq!(obj::window(&mut c, &admin(), &v.slug).expect("window"), 7);
        let err = obj::set_window(&mut c, &admin(), &v.slug, 61).expect_err("too long");
        assert!(invalid_message(err).contains("0 tot en met 60"));
        let coordinator_elsewhere = staff("elders", &[Role::AreaCoordinator]);
        assert!(matches!(
            obj::set_window(&mut c, &coordinator_elsewhere, &v.slug, 3),
            Err(ServiceError::Forbidden(_))
        ));
        obj::set_window(&mut c, &admin(), &v.slug, 0).expect("window");
        let err = obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk")
            .expect_err("no window");
        assert!(invalid_message(err).contains("0 dagen"), "{}", db.backend);
    }
}

#[test]
fn a_result_objection_holds_the_money_until_decided_and_the_window_has_passed() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = counted_village(&mut c, "Hattemerbroek");
        // Within the window the money waits, even without objections.
        let msg =
            invalid_message(svc::close_round(&mut c, &admin(), &v.round).expect_err("window"));
        assert!(msg.contains("tot en met"), "{msg}");
        // Without a code of the area (and no plan in the round) no objection.
        let stranger = staff("buitenstaander", &[Role::Initiator]);
        let err =
            obj::object_to_result(&mut c, &stranger, &v.round, ResultObjector::Account, "Fout")
                .expect_err("no code, no plan");
        assert!(invalid_message(err).contains("stemcode"));
        // A resident with a code objects; the same code only once.
        let token = voter_token(&mut c, &v.slug);
        let resident = Principal::resident();
        let by = ResultObjector::Voter { token: &token };
        let o = obj::object_to_result(&mut c, &resident, &v.round, by, "Er is verkeerd geteld.")
            .expect("objection");
        assert!(obj::object_to_result(&mut c, &resident, &v.round, by, "Nog eens").is_err());
        // An initiator of the round may object too.
        obj::object_to_result(
            &mut c,
            &initiator(),
            &v.round,
            ResultObjector::Account,
            "Ik twijfel",
        )
        .expect("initiator objects");
        // The window passes; the objections still wait, and so does the money.
        count_days_ago(&mut c, &v.round, 8);
        let late_token = voter_token(&mut c, &v.slug);
        let late = obj::object_to_result(
            &mut c,
            &resident,
            &v.round,
            ResultObjector::Voter { token: &late_token },
            "Te laat",
        );
        assert!(invalid_message(late.expect_err("late")).contains("termijn"));
        let msg = invalid_message(svc::close_round(&mut c, &admin(), &v.round).expect_err("waits"));
        assert!(msg.contains("stuurgroep"), "{msg}");
        // The resident's objection names no one in the audit log.
        let filed = audit_repo::for_entity(&mut c, &o.id).expect("audit");
        assert!(filed
            .iter()
            .all(|e| e.actor == "resident" || e.action != "objection.filed"));
        // Both rejected; the money is committed.
        let sg = steering("sg-result");
        let waiting = obj::queue(&mut c, &sg).expect("queue").waiting;
        assert_eq!(waiting.len(), 2, "{}", db.backend);
        for w in waiting {
            obj::decide(&mut c, &sg, &w.record.id, "rejected", "De telling klopt.")
                .expect("decide");
        }
        let closed = svc::close_round(&mut c, &admin(), &v.round).expect("commit");
        assert_eq!(closed.round.status, RoundStatus::Closed);
        assert_eq!(closed.result().expect("result").commitments.len(), 1);
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn a_recount_keeps_the_round_counted_under_its_frozen_rules() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = counted_village(&mut c, "Doornspijk");
        let before = svc::round(&mut c, &Principal::resident(), &v.round)
            .expect("round")
            .round;
        let o = account_objection(&mut c, &initiator(), &v, "Tel opnieuw");
        // The one who counted does not decide.
        let counter = admin_in_steering_group();
        assert!(matches!(
            obj::decide(&mut c, &counter, &o.id, "recount", "Eigen telling"),
            Err(ServiceError::Forbidden(_))
        ));
        // A remedy that does not fit the kind, and no reason: refused, both reported.
        let err = obj::decide(&mut c, &steering("sg"), &o.id, "nominate", "Past niet");
        assert!(invalid_message(err.expect_err("wrong verdict")).contains("past niet"));
        obj::decide(&mut c, &steering("sg"), &o.id, "recount", "Zeker weten.").expect("recount");
        let after = svc::round(&mut c, &Principal::resident(), &v.round)
            .expect("round")
            .round;
        assert_eq!(after.status, RoundStatus::Counted, "{}", db.backend);
        assert_eq!(
            after.result.as_ref().map(|r| r.selected.clone()),
            before.result.as_ref().map(|r| r.selected.clone()),
            "the same ballots under the same rules give the same result"
        );
        assert_eq!(after.fingerprint, before.fingerprint);
        let events = audit_repo::for_entity(&mut c, v.round.as_str()).expect("audit");
        assert!(events.iter().any(|e| e.action == "round.recounted"));
        // The recount starts a new window: the money still waits.
        assert!(svc::close_round(&mut c, &admin(), &v.round).is_err());
        count_days_ago(&mut c, &v.round, 8);
        svc::close_round(&mut c, &admin(), &v.round).expect("commit");
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn an_annulled_round_commits_nothing_and_releases_its_reservation() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = counted_village(&mut c, "Noordeinde");
        let m = pool_holds::pool_money(&mut c, &admin(), &v.slug).expect("pool");
        assert_eq!(m.reserved_cents, 1_000_000);
        let balance = m.balance_cents;
        let token = voter_token(&mut c, &v.slug);
        let o = obj::object_to_result(
            &mut c,
            &Principal::resident(),
            &v.round,
            ResultObjector::Voter { token: &token },
            "De stembus stond open.",
        )
        .expect("objection");
        steering_decides(
            &mut c,
            "sg",
            &o.id,
            "annul",
            "De stemming was niet eerlijk.",
        );
        assert_eq!(
            status(&mut c, &v.round),
            RoundStatus::Annulled,
            "{}",
            db.backend
        );
        let m = pool_holds::pool_money(&mut c, &admin(), &v.slug).expect("pool");
        assert_eq!(
            (m.balance_cents, m.reserved_cents, m.available_cents),
            (balance, 0, balance)
        );
        // Nothing can be committed any more.
        assert!(svc::close_round(&mut c, &admin(), &v.round).is_err());
        let r = svc::round(&mut c, &Principal::resident(), &v.round).expect("round");
        assert!(r
            .result()
            .expect("the count stays public")
            .commitments
            .is_empty());
        assert!(!r.actions.may_close);
        ledger_invariants(&mut c, db.backend);
    }
}

#[test]
fn two_decisions_at_once_give_one() {
    for db in TestDb::all() {
        let pool = db.pool();
        let id = {
            let mut c = pool.get().expect("conn");
            let v = village(&mut c, "Oldebroek", None);
            obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk")
                .expect("objection")
                .id
        };
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = ["nominate", "rejected"]
            .into_iter()
            .enumerate()
            .map(|(i, verdict)| {
                let pool = pool.clone();
                let barrier = barrier.clone();
                let id = id.clone();
                std::thread::spawn(move || {
                    let mut c = pool.get().expect("conn");
                    barrier.wait();
                    obj::decide(
                        &mut c,
                        &steering(&format!("sg-{i}")),
                        &id,
                        verdict,
                        "Besluit",
                    )
                })
            })
            .collect();
        let results: Vec<_> = handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "{}: {results:?}", db.backend);
        let mut c = pool.get().expect("conn");
        let events = audit_repo::for_entity(&mut c, &id).expect("audit");
        let decided = events
            .iter()
            .filter(|e| e.action == "objection.decided")
            .count();
        assert_eq!(decided, 1);
    }
}

#[actix_web::test]
async fn the_steering_group_decides_on_its_page() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let (round, objection) = {
            let mut c = app.conn();
            let v = village(&mut c, "'t Loo", None);
            let o =
                obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk besluit")
                    .expect("objection");
            (v.round, o.id)
        };
        let email = app.add_user("stuurgroep@test.example", Role::SteeringGroup);
        let client = app.login(&email).await;
        let (code, html) = app.get(&client, "/stuurgroep/bezwaren").await;
        assert_eq!(code, 200);
        assert!(html.contains("Oneerlijk besluit"));
        let (page, path) = (
            "/stuurgroep/bezwaren",
            format!("/stuurgroep/bezwaren/{objection}"),
        );
        // Nothing chosen, no reason: both errors at once, 422.
        let fields = [("verdict", ""), ("reason", "")];
        let (status, body) = post_page_form(&app, &client, page, &path, &fields).await;
        assert_eq!(status, 422);
        assert!(body.contains("Kies een beslissing") && body.contains("reden van de beslissing"));
        // Chosen without a reason: the choice is kept.
        let fields = [("verdict", "nominate"), ("reason", " ")];
        let (status, body) = post_page_form(&app, &client, page, &path, &fields).await;
        assert_eq!(status, 422);
        assert!(body.contains("value=\"nominate\" checked"), "choice kept");
        let fields = [
            ("verdict", "nominate"),
            ("reason", "Het feest is voor het hele dorp."),
        ];
        // The decision is final: the form first asks, and that decides nothing.
        let (status, body) = post_page_form(&app, &client, page, &path, &fields).await;
        assert_eq!(status, 200);
        assert!(body.contains("komt op het stembiljet"), "{body}");
        assert_eq!(
            obj::queue(&mut app.conn(), &steering("sg"))
                .expect("queue")
                .waiting
                .len(),
            1
        );
        let fields = [
            ("verdict", "nominate"),
            ("reason", "Het feest is voor het hele dorp."),
            ("bevestigd", "ja"),
        ];
        let (status, _) = post_page_form(&app, &client, page, &path, &fields).await;
        assert_eq!(status, 303);
        // Public on the round page.
        let anonymous = app.client();
        let (code, page) = app.get(&anonymous, &format!("/rondes/{round}")).await;
        assert_eq!(code, 200);
        assert!(
            page.contains("Het feest is voor het hele dorp."),
            "decision public"
        );
        // A resident cannot open the steering group's page.
        let (code, _) = app.get(&anonymous, "/stuurgroep/bezwaren").await;
        assert_ne!(code, 200);
    }
}

/// "The decision is final": once the initiator objected, the review of the plan no longer
/// changes (the steering group decides), and after the decision nobody, the coordinator
/// included, changes the review or the decision. Both verdicts, on every backend.
#[test]
fn the_decision_is_final_and_the_review_stays_as_decided() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        for (name, verdict, status) in [
            ("Wezup", "nominate", PlanStatus::Nominated),
            ("Hardenberg", "rejected", PlanStatus::Rejected),
        ] {
            let v = village(&mut c, name, None);
            let area = svc::round(&mut c, &Principal::resident(), &v.round)
                .expect("round")
                .area
                .id;
            let coordinator = crate::helpers::coordinator_of(area.as_str());
            let o = obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk")
                .expect("objection");
            // While it waits, the steering group decides, not a new review.
            for who in [&coordinator, &admin()] {
                let msg = invalid_message(
                    crate::helpers::nominate(&mut c, who, &v.rejected).expect_err("waits"),
                );
                assert!(msg.contains("bij de stuurgroep"), "{backend}: {msg}");
            }
            let page = burgerbegroting::service::plan_review::review_page(
                &mut c,
                &coordinator,
                &v.rejected,
            )
            .expect("review page");
            assert!(!page.may_review && page.fixed_by_objection.is_some());
            obj::decide(&mut c, &steering("sg-1"), &o.id, verdict, "Zo is het.").expect("decide");
            // Decided: the review stays as the steering group left it, for everyone.
            let reviews_before = audit_repo::for_entity(&mut c, v.rejected.as_str())
                .expect("audit")
                .len();
            for who in [&coordinator, &admin()] {
                for attempt in [
                    crate::helpers::nominate(&mut c, who, &v.rejected),
                    crate::helpers::reject(&mut c, who, &v.rejected, "Toch niet."),
                ] {
                    let msg = invalid_message(attempt.expect_err("final"));
                    assert!(msg.contains("definitief"), "{backend}: {msg}");
                }
            }
            let plan = plan_of(&mut c, &v, &v.rejected);
            assert_eq!(plan.status, status, "{backend}: {verdict}");
            assert_eq!(
                audit_repo::for_entity(&mut c, v.rejected.as_str())
                    .expect("audit")
                    .len(),
                reviews_before,
                "{backend}: nothing changed"
            );
            // And the decision itself: not again, not by another member either.
            let other = if verdict == "nominate" {
                "rejected"
            } else {
                "nominate"
            };
            let again = obj::decide(&mut c, &steering("sg-2"), &o.id, other, "Anders.");
            assert!(invalid_message(again.expect_err("final")).contains("definitief"));
            let decided = obj::round_objections(&mut c, &Principal::resident(), &v.round)
                .expect("public")
                .objections
                .remove(0)
                .record
                .decision
                .expect("decided");
            assert_eq!(decided.verdict.as_str(), verdict, "{backend}");
        }
    }
}

/// No one decides an objection about their own decision: not who counted the round (a
/// result), not who made the objection; someone else in the steering group does.
#[test]
fn no_one_decides_about_their_own_count_or_their_own_objection() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let v = counted_village(&mut c, "Elburg");
        // The initiator objects and is also in the steering group.
        let objector = staff("initiatiefnemer", &[Role::Initiator, Role::SteeringGroup]);
        let o = account_objection(&mut c, &objector, &v, "De telling klopt niet.");
        let counter = admin_in_steering_group();
        for who in [&counter, &objector] {
            let view = obj::queue(&mut c, who).expect("queue").waiting.remove(0);
            assert!(
                view.own_decision && view.verdicts.is_empty(),
                "{}",
                db.backend
            );
            let own = obj::decide(&mut c, who, &o.id, "rejected", "Eigen zaak.");
            assert!(matches!(own, Err(ServiceError::Forbidden(_))), "{own:?}");
        }
        obj::decide(&mut c, &steering("sg-ander"), &o.id, "rejected", "Klopt.")
            .expect("someone else decides");
    }
}

/// Over real HTTP: a coordinator who is also in the steering group rejects a plan; the
/// objection to it is not theirs to decide (403, and the page says so), the review is fixed
/// while it waits and after another member decided (422 on the review page, with why), the
/// decision cannot be made twice, and the API shows it as the round page does.
#[actix_web::test]
async fn the_review_and_the_decision_stay_final_over_http() {
    use burgerbegroting::domain::ids::UserId;
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let mut spec = crate::openapi_conformance::Spec::load(&app).await;
        let both = app.add_user("regisseur-stuurgroep@test.example", Role::SteeringGroup);
        let other = app.add_user("stuurgroep@test.example", Role::SteeringGroup);
        let (v, plan) = {
            let mut c = app.conn();
            let v = village(&mut c, "'t Loo", None);
            let id = burgerbegroting::db::repo::users::find_by_email(&mut c, &both)
                .expect("query")
                .expect("user")
                .id;
            burgerbegroting::service::users::grant_role(
                &mut c,
                &admin(),
                &UserId(id.to_string()),
                Role::AreaCoordinator,
                Some(&v.slug),
            )
            .expect("coordinator too");
            let plan = plan_of(&mut c, &v, &v.kept);
            (v, plan)
        };
        let coord = app.login(&both).await;
        let sg = app.login(&other).await;
        let round_page = format!("/rondes/{}", v.round);
        let review = format!("{round_page}/plannen/{}/beoordeling", plan.id);
        // The coordinator rejects the plan that was on the ballot; its initiator objects.
        let form = review_fields("afwijzen", "Niet voor het hele dorp.", plan.amount_cents);
        let (s, _) = post_page_form(&app, &coord, &review, &review, &pairs(&form)).await;
        assert_eq!(s, 303, "{backend}");
        let o = {
            let mut c = app.conn();
            obj::object_to_rejection(&mut c, &initiator(), &v.kept, "Wel voor iedereen.")
                .expect("objection")
        };
        // Not theirs to decide: the page says so and the decision is refused.
        let (_, html) = app.get(&coord, "/stuurgroep/bezwaren").await;
        assert!(html.contains("uw eigen beslissing"), "{backend}");
        let decide = format!("/stuurgroep/bezwaren/{}", o.id);
        let upheld = [
            ("verdict", "nominate"),
            ("reason", "Het plan is voor iedereen."),
        ];
        let (s, _) = post_page_form(&app, &coord, "/stuurgroep/bezwaren", &decide, &upheld).await;
        assert_eq!(s, 403, "{backend}: their own rejection");
        // While the objection waits, the review is fixed.
        let (_, html) = app.get(&coord, &review).await;
        assert!(html.contains("bij de stuurgroep"), "{backend}");
        let form = review_fields("nomineren", "", plan.amount_cents);
        let (s, html) = post_page_form(&app, &coord, &review, &review, &pairs(&form)).await;
        assert_eq!(s, 422, "{backend}");
        assert!(html.contains("bij de stuurgroep"), "{backend}");
        // Another member upholds it (confirmed); from then on nothing changes it.
        let confirmed = [upheld[0], upheld[1], ("bevestigd", "ja")];
        let (s, _) = post_page_form(&app, &sg, "/stuurgroep/bezwaren", &decide, &confirmed).await;
        assert_eq!(s, 303, "{backend}");
        let form = review_fields("afwijzen", "Toch niet.", plan.amount_cents);
        let (s, html) = post_page_form(&app, &coord, &review, &review, &pairs(&form)).await;
        assert_eq!(s, 422, "{backend}");
        assert!(html.contains("definitief"), "{backend}");
        let rejected = [("verdict", "rejected"), ("reason", "Toch niet.")];
        let (s, html) = post_page_form(&app, &sg, "/stuurgroep/bezwaren", &decide, &rejected).await;
        assert_eq!(s, 422, "{backend}");
        assert!(html.contains("al beslist"), "{backend}");
        let status = svc::round(&mut app.conn(), &Principal::resident(), &v.round)
            .expect("round")
            .initiatives
            .into_iter()
            .find(|p| p.id == v.kept)
            .expect("plan")
            .status;
        assert_eq!(status, PlanStatus::Nominated, "{backend}");
        // The API lists the objection with its final decision, as the document says.
        let api = app.url(&format!("/api/v1/rounds/{}/objections", v.round));
        let (s, body) = spec.send(app.client().get(&api)).await;
        assert_eq!(s, 200, "{backend}");
        let listed = body["objections"].as_array().expect("list");
        assert_eq!(listed.len(), 1, "{backend}");
        assert_eq!(listed[0]["plan"]["id"], plan.id.as_str());
        assert_eq!(listed[0]["decision"]["verdict"], "nominate");
        assert_eq!(listed[0]["decision"]["upheld"], true);
        assert!(
            listed[0].get("filed_by").is_none()
                && listed[0]["decision"].get("decided_by").is_none(),
            "{backend}: nobody is named"
        );
        let (s, _) = spec
            .send(
                app.client()
                    .get(app.url("/api/v1/rounds/onbekend/objections")),
            )
            .await;
        assert_eq!(s, 404, "{backend}");
        assert!(spec.failures.is_empty(), "{backend}: {:?}", spec.failures);
    }
}

/// The steering group's start page says how many objections wait for their decision and
/// links each to its form; an objection about a member's own decision is not theirs, and
/// other roles see nothing of it.
#[actix_web::test]
async fn the_steering_groups_start_page_lists_the_objections_waiting_for_them() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let sg = app.add_user("stuurgroep@test.example", Role::SteeringGroup);
        let sg = app.login(&sg).await;
        let (_, home) = app.get(&sg, "/").await;
        assert!(
            home.contains("Er wachten nu geen bezwaren op uw besluit."),
            "{backend}: {home}"
        );
        let ids: Vec<String> = {
            let mut c = app.conn();
            ["'t Loo", "Noordeinde"]
                .into_iter()
                .map(|name| {
                    let v = village(&mut c, name, None);
                    obj::object_to_rejection(&mut c, &initiator(), &v.rejected, "Oneerlijk besluit")
                        .expect("objection")
                        .id
                })
                .collect()
        };
        let (_, home) = app.get(&sg, "/").await;
        assert!(
            home.contains("2 bezwaren wachten op uw besluit."),
            "{backend}: {home}"
        );
        for id in &ids {
            assert!(
                home.contains(&format!("href=\"/stuurgroep/bezwaren#objection-{id}\"")),
                "{backend}: a link to {id}"
            );
        }
        assert!(home.contains("Feesttent"), "{backend}: the plan is named");

        // One decided: one left, in the singular.
        obj::decide(
            &mut app.conn(),
            &steering("sg"),
            &ids[0],
            "rejected",
            "Het blijft zo.",
        )
        .expect("decided");
        let (_, home) = app.get(&sg, "/").await;
        assert!(
            home.contains("1 bezwaar wacht op uw besluit."),
            "{backend}: {home}"
        );
        assert!(
            !home.contains(&format!("#objection-{}", ids[0])),
            "{backend}"
        );

        // In English, with the plural of the catalogue.
        crate::i18n::choose_english(&app, &sg, "/").await;
        let (_, home) = app.get(&sg, "/").await;
        assert!(
            home.contains("1 objection is waiting for your decision."),
            "{backend}: {home}"
        );

        // The member who rejected the plan does not decide on it: nothing waits for them.
        let own = burgerbegroting::service::start::start_page(
            &mut app.conn(),
            &admin_in_steering_group(),
            None,
        )
        .expect("start page")
        .objections
        .map(|waiting| waiting.len());
        assert_eq!(own, Some(0), "{backend}: their own rejection");

        // Another role sees no objections section.
        let initiator_mail = app.add_user("indiener@test.example", Role::Initiator);
        let other = app.login(&initiator_mail).await;
        let (_, home) = app.get(&other, "/").await;
        assert!(!home.contains("todo-objections"), "{backend}");
    }
}
