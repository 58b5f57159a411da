//! The start page per role: what is open now for everyone (with "Stem nu" while voting is
//! open), "Mijn plannen" with each plan's status for an initiator, what waits for a
//! coordinator, and the transfers waiting for an approver.

use burgerbegroting::domain::audit::Actor;
use burgerbegroting::domain::role::Role;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, InitiativeInput};
use burgerbegroting::service::Principal;

use crate::helpers::*;

#[actix_web::test]
async fn each_role_sees_what_to_do_next() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let initiator = app.add_user("bewoner@example.nl", Role::Initiator);
        let admin_mail = app.add_user("beheer@example.nl", Role::Admin);
        let approver_mail = app.add_user("approver@example.nl", Role::FinanceApprover);
        let (round_id, voting_id) = {
            let mut c = app.conn();
            let small = seed_small(&mut c);
            let area =
                ledger_svc::create_area(&mut c, &admin(), "Noordeinde", "dorp").expect("area");
            fund_pool(&mut c, &area.slug, 10_000_000);
            let mk = |c: &mut burgerbegroting::db::DbConn, q: i32, title: &str| {
                rounds::create_round(
                    c,
                    &admin(),
                    &round_input(area.slug.clone(), 2026, q, title, 1_000_000),
                )
                .expect("round")
            };
            let open = mk(&mut c, 1, "Voorjaar Noordeinde");
            let voting = mk(&mut c, 2, "Zomer Noordeinde");
            let user = burgerbegroting::db::repo::users::find_by_email(&mut c, &initiator)
                .expect("query")
                .expect("user");
            let me = Principal {
                actor: Actor::User {
                    id: user.id.clone(),
                    email: initiator.clone(),
                },
                roles: vec![Role::Initiator],
                coordinator_areas: Vec::new(),
            };
            let plan = |c: &mut burgerbegroting::db::DbConn, r: &rounds::RoundView, t: &str| {
                rounds::submit_initiative(
                    c,
                    &me,
                    &r.round.id,
                    &InitiativeInput {
                        title: t.into(),
                        summary: "Een bankje bij de kerk.".into(),
                        amount_cents: 250_000,
                        taakveld: "5.7".into(),
                    },
                )
                .expect("plan")
            };
            plan(&mut c, &open, "Bankje bij de kerk");
            let p = plan(&mut c, &voting, "Speeltuin");
            crate::helpers::nominate(&mut c, &admin(), &p.id).expect("nominate");
            rounds::open_voting(&mut c, &admin(), &voting.round.id).expect("open voting");
            // A transfer waiting for a second finance user.
            ledger_svc::propose_transfer(&mut c, &clerk(), &to_pool(&small, 0, 0, 100_000))
                .expect("transfer");
            (open.round.id.to_string(), voting.round.id.to_string())
        };

        // A resident (not signed in): what is open now, with "Stem nu" for the voting round.
        let (s, home) = app.get(&app.client(), "/").await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            home.contains("Nu open in uw dorp of wijk"),
            "{backend}: {home}"
        );
        assert!(
            home.contains(&format!(
                "href=\"/rondes/{round_id}\">Voorjaar Noordeinde</a> – u kunt nu een plan indienen"
            )),
            "{home}"
        );
        assert!(
            home.contains(&format!(
                "href=\"/rondes/{voting_id}\">Zomer Noordeinde</a> – stemmen kan sinds "
            )),
            "{home}"
        );
        assert!(
            home.contains("href=\"/stemmen?gebied=noordeinde\">Stem nu"),
            "{home}"
        );
        assert!(!home.contains("Mijn plannen") && !home.contains("Wacht op uw goedkeuring"));

        // The initiator: "Mijn plannen" with each plan's status, and where to hand one in.
        let c = app.login(&initiator).await;
        let (_, home) = app.get(&c, "/").await;
        assert!(
            home.contains("<h2 id=\"todo-plans\">Mijn plannen</h2>"),
            "{home}"
        );
        assert!(home.contains("Bankje bij de kerk</a> – Noordeinde, Voorjaar Noordeinde: <strong>ingediend, wacht op beoordeling</strong>"), "{home}");
        assert!(home.contains("Speeltuin</a> – Noordeinde, Zomer Noordeinde: <strong>op de stemlijst, er wordt gestemd</strong>"), "{home}");
        assert!(
            home.contains(&format!(
                "href=\"/rondes/{round_id}#plan-indienen\">Dien een plan in voor Noordeinde"
            )),
            "{home}"
        );

        // The administrator coordinates every area: what waits in each round.
        let c = app.login(&admin_mail).await;
        let (_, home) = app.get(&c, "/").await;
        assert!(home.contains("Wat op u wacht"), "{home}");
        assert!(home.contains("1 plan te beoordelen"), "{home}");
        assert!(home.contains("papieren stembiljetten invoeren"), "{home}");

        // The approver lands on the transfers waiting for approval.
        let c = app.login(&approver_mail).await;
        let (_, home) = app.get(&c, "/").await;
        assert!(home.contains("Wacht op uw goedkeuring"), "{home}");
        assert!(
            home.contains("1 overboeking wacht op uw goedkeuring."),
            "{home}"
        );
        assert!(home.contains("href=\"/financien/goedkeuren\""), "{home}");
    }
}
