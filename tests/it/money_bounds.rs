//! Amounts are bounded (€ 10 billion) at every entrance and never wrap: a transfer of
//! i64::MAX cents is refused with a Dutch message, on the page (422, input kept) and in
//! the API (422).

use burgerbegroting::domain::role::Role;
use serde_json::{json, Value};

use crate::helpers::*;

#[actix_web::test]
async fn a_transfer_of_i64_max_cents_is_refused_never_wrapped() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        app.add_user("clerk@test.example", Role::FinanceClerk);
        let small = {
            let mut c = app.conn();
            seed_small(&mut c)
        };
        let funder = small.corporation.account_id.clone();
        let pool = small.pools[0].account_id.clone();

        // The page: 9223372036854775807 cents typed the Dutch way.
        let clerk = app.login("clerk@test.example").await;
        let (_, form_html) = app.get(&clerk, "/financien/overboekingen/nieuw").await;
        let form = [
            ("csrf_token", csrf_token(&form_html)),
            ("request_id", hidden(&form_html, "request_id")),
            ("from_account", funder.to_string()),
            ("to_account", pool.to_string()),
            ("amount", "92.233.720.368.547.758,07".to_string()),
            ("memo", "Veel te veel".to_string()),
            ("decision_ref", String::new()),
        ];
        let (status, html) = post_form(&app, &clerk, "/financien/overboekingen", &form).await;
        assert_eq!(status, 422);
        assert!(html.contains("Dit bedrag is te groot"), "{html}");
        assert!(html.contains("value=\"92.233.720.368.547.758,07\""));

        // The API, with the same amount in cents.
        let (api, token) = api_login(&app, "clerk@test.example").await;
        let r = csrf_post(&api, app.url("/api/v1/transfers"), &token)
            .json(&json!({"id": uuid::Uuid::new_v4(), "from_account": funder,
                "to_account": pool, "amount_cents": i64::MAX, "memo": "Veel te veel"}))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422);
        let body = r.text().await.expect("body");
        assert!(body.contains("Dit bedrag is te groot"), "{body}");

        // Nothing moved: the funder and the pool are where they were.
        let mut c = app.conn();
        let balances =
            burgerbegroting::service::ledger::all_balances(&mut c, &reader()).expect("balances");
        for a in balances {
            if a.account_id == funder || a.account_id == pool {
                assert_eq!(a.balance_cents, 0, "{}", a.name);
            }
        }
    }
}

#[actix_web::test]
async fn the_api_takes_the_kind_from_the_source_only() {
    let app = TestApp::spawn().await;
    app.add_user("clerk@test.example", Role::FinanceClerk);
    let small = {
        let mut c = app.conn();
        seed_small(&mut c)
    };
    let (api, token) = api_login(&app, "clerk@test.example").await;
    let body = |kind: Option<&str>| {
        let mut b = json!({"id": uuid::Uuid::new_v4(), "from_account": small.corporation.account_id,
            "to_account": small.pools[0].account_id, "amount_cents": 100, "memo": "Bijdrage"});
        if let Some(k) = kind {
            b["kind"] = json!(k);
        }
        b
    };
    for wrong in ["correction", "budget_to_pool", "commitment"] {
        let r = csrf_post(&api, app.url("/api/v1/transfers"), &token)
            .json(&body(Some(wrong)))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422, "{wrong}");
    }
    for ok in [None, Some("funder_contribution")] {
        let r = csrf_post(&api, app.url("/api/v1/transfers"), &token)
            .json(&body(ok))
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 201, "{ok:?}");
        let v: Value = r.json().await.expect("json");
        assert_eq!(v["kind"], json!("funder_contribution"));
    }
}

/// The other entrances: a round budget, a plan's amount, an area's maximum per plan and a
/// ledger import line above € 10 billion are refused with the Dutch message, and nothing
/// is stored.
#[test]
fn every_other_entrance_refuses_amounts_above_the_bound() {
    use burgerbegroting::domain::ledger_import::ImportOptions;
    use burgerbegroting::domain::money::MAX_AMOUNT_CENTS;
    use burgerbegroting::domain::round::{BallotRule, CountRule};
    use burgerbegroting::service::rounds::{self as rounds, InitiativeInput, RoundInput};
    use burgerbegroting::service::{ledger as svc, users, ServiceError};

    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let slug = small.pools[0].slug.clone();
        let too_big = |r: Result<(), ServiceError>| match r {
            Err(ServiceError::Invalid { message, .. }) => {
                assert!(message.contains("Dit bedrag is te groot"), "{message}")
            }
            other => panic!("expected the bound, got {other:?}"),
        };
        let round_input = |budget_cents| RoundInput {
            area_slug: slug.clone(),
            year: 2027,
            quarter: 1,
            title: "Ronde".into(),
            budget_cents,
            ballot_rule: BallotRule::Knapsack,
            count_rule: CountRule::Greedy,
            calendar: None,
        };
        too_big(rounds::create_round(&mut c, &admin(), &round_input(i64::MAX)).map(drop));
        too_big(
            rounds::create_round(&mut c, &admin(), &round_input(MAX_AMOUNT_CENTS + 1)).map(drop),
        );
        let round = rounds::create_round(&mut c, &admin(), &round_input(MAX_AMOUNT_CENTS))
            .expect("the bound itself is allowed");
        too_big(
            rounds::submit_initiative(
                &mut c,
                &admin(),
                &round.round.id,
                &InitiativeInput {
                    title: "Te duur".into(),
                    summary: "Veel te duur".into(),
                    amount_cents: i64::MAX,
                    taakveld: "5.7".into(),
                },
            )
            .map(drop),
        );
        too_big(users::update_area_settings(&mut c, &admin(), &slug, "", Some(i64::MAX)).map(drop));

        let file =
            "year,code,name,taakveld,funder,amount\n2025,XX-01,Te veel,5.7,,92233720368547758.07\n";
        match svc::import_ledger(
            &mut c,
            &clerk(),
            "groot.csv",
            file.as_bytes(),
            &ImportOptions::default(),
        ) {
            Err(ServiceError::Import(problems)) => assert!(
                problems
                    .iter()
                    .any(|p| p.message.contains("Dit bedrag is te groot")),
                "{problems:?}"
            ),
            other => panic!("expected import problems, got {other:?}"),
        }
        let lines = svc::list_budget_lines(&mut c, &reader(), None).expect("lines");
        assert!(lines.iter().all(|l| l.code != "XX-01"));
    }
}
