//! The JSON API over real HTTP, on both backends.

use burgerbegroting::domain::role::Role;
use serde_json::{json, Value};

use crate::helpers::*;

#[actix_web::test]
async fn api_transfer_flow_on_every_backend() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        app.add_user("clerk@test.example", Role::FinanceClerk);
        app.add_user("approver@test.example", Role::FinanceApprover);
        let small = {
            let mut c = app.conn();
            seed_small(&mut c)
        };
        let (clerk, token) = api_login(&app, "clerk@test.example").await;
        let unauth = app
            .client()
            .get(app.url("/api/v1/ledger"))
            .send()
            .await
            .expect("get");
        assert_eq!(unauth.status(), 401);

        let ledger: Value = get_json(&app, &clerk, "/api/v1/ledger?year=2025").await;
        assert_eq!(ledger["amount_cents"], json!(9_000_050), "{backend}");

        let id = uuid::Uuid::new_v4();
        let body = json!({"id": id, "kind": "budget_to_pool", "from_account": small.lines[0].account_id,
            "to_account": small.pools[0].account_id, "amount_cents": 1_200_000, "memo": "Groen", "decision_ref": "RB-1"});
        let no_token = clerk
            .post(app.url("/api/v1/transfers"))
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(no_token.status(), 403);
        let created = csrf_post(&clerk, app.url("/api/v1/transfers"), &token)
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(created.status(), 201, "{backend}");
        let replay = csrf_post(&clerk, app.url("/api/v1/transfers"), &token)
            .json(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(replay.status(), 200);
        let mut other = body.clone();
        other["amount_cents"] = json!(1);
        let conflict = csrf_post(&clerk, app.url("/api/v1/transfers"), &token)
            .json(&other)
            .send()
            .await
            .expect("post");
        assert_eq!(conflict.status(), 409);
        assert_eq!(
            conflict
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );

        let own = csrf_post(
            &clerk,
            app.url(&format!("/api/v1/transfers/{id}/approve")),
            &token,
        )
        .send()
        .await
        .expect("post");
        assert_eq!(own.status(), 403, "a clerk cannot approve");

        let (approver, atoken) = api_login(&app, "approver@test.example").await;
        let ok = csrf_post(
            &approver,
            app.url(&format!("/api/v1/transfers/{id}/approve")),
            &atoken,
        )
        .send()
        .await
        .expect("post");
        assert_eq!(ok.status(), 200);
        let t: Value = ok.json().await.expect("json");
        assert_eq!(t["status"], json!("posted"));

        let overdraft = json!({"id": uuid::Uuid::new_v4(), "kind": "budget_to_pool", "from_account": small.lines[0].account_id,
            "to_account": small.pools[1].account_id, "amount_cents": 4_000_000, "memo": "te veel", "decision_ref": "RB-1"});
        let r = csrf_post(&clerk, app.url("/api/v1/transfers"), &token)
            .json(&overdraft)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422);
        let p: Value = r.json().await.expect("json");
        assert_eq!(p["title"], json!("insufficient_funds"));

        let area: Value = get_json(&app, &clerk, "/api/v1/areas/t-loo").await;
        assert_eq!(area["pool"]["balance_cents"], json!(1_200_000), "{backend}");

        // The balances are a read model now, not database rows: the JSON is byte for byte
        // what the handler built by hand before (these four keys, sorted).
        let raw = clerk
            .get(app.url("/api/v1/balances"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("text");
        let items: Vec<Value> = serde_json::from_str(&raw).expect("json");
        assert!(items.len() > 2, "{backend}: {raw}");
        let by_hand: Vec<Value> = items
            .iter()
            .map(|a| {
                json!({"account_id": a["account_id"], "kind": a["kind"], "name": a["name"],
                    "balance_cents": a["balance_cents"]})
            })
            .collect();
        assert_eq!(
            raw,
            serde_json::to_string(&by_hand).expect("json"),
            "{backend}"
        );
        assert!(items.iter().any(|a| a["balance_cents"] == json!(1_200_000)));
    }
}

#[actix_web::test]
async fn api_import_refuses_bad_files_with_line_numbers() {
    let app = TestApp::spawn().await;
    app.add_user("clerk@test.example", Role::FinanceClerk);
    let (c, token) = api_login(&app, "clerk@test.example").await;
    let bad = "year,code,name,taakveld,funder,amount\n2025,X,Iets,5.7,,abc\n2025,Y,Iets,0.1,,10\n2025,Y,Dubbel,0.1,,10\n";
    let r = csrf_post(&c, app.url("/api/v1/ledger/imports"), &token)
        .body(bad)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let p: Value = r.json().await.expect("json");
    let lines: Vec<i64> = p["problems"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["line"].as_i64()).collect())
        .unwrap_or_default();
    assert!(lines.contains(&2) && lines.contains(&4), "{p}");
    let good = "year,code,name,taakveld,funder,amount\n2025,X,Iets,5.7,,12.50\n";
    let r = csrf_post(&c, app.url("/api/v1/ledger/imports"), &token)
        .body(good)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let again = csrf_post(&c, app.url("/api/v1/ledger/imports"), &token)
        .body(good)
        .send()
        .await
        .expect("post");
    let v: Value = again.json().await.expect("json");
    assert_eq!(v["lines_added"], json!(0));
    assert_eq!(v["lines_unchanged"], json!(1));
}

/// Rounds are public in the API: plans, rules and the fingerprint while voting, the
/// result and the ballot list once closed (404 before), on every backend.
#[actix_web::test]
async fn rounds_are_public_and_ballots_appear_only_after_closing() {
    for db in TestDb::all() {
        let app = TestApp::spawn_on(db).await;
        let (round_id, plan_id) = {
            let mut c = app.conn();
            let small = seed_small(&mut c);
            // The round's budget is reserved when voting opens.
            let (round, plan) = voted_summer_round(&mut c, &small, 200_000);
            (round.round.id, plan.id)
        };
        let anon = app.client();
        let list: Value = get_json(&app, &anon, "/api/v1/rounds").await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        assert_eq!(list[0]["status"], json!("voting"));
        assert_eq!(list[0]["ballots"], json!(1));
        assert_eq!(list[0]["fingerprint"].as_str().map(str::len), Some(64));
        assert_eq!(list[0]["result"], Value::Null);
        let early = anon
            .get(app.url(&format!("/api/v1/rounds/{round_id}/ballots")))
            .send()
            .await
            .expect("get");
        assert_eq!(early.status().as_u16(), 404);
        {
            let mut c = app.conn();
            burgerbegroting::service::rounds::count_round(&mut c, &admin(), &round_id)
                .expect("count");
            crate::helpers::without_objection_window(&mut c, &round_id);
            burgerbegroting::service::rounds::close_round(&mut c, &admin(), &round_id)
                .expect("close");
        }
        let one: Value = get_json(&app, &anon, &format!("/api/v1/rounds/{round_id}")).await;
        assert_eq!(one["status"], json!("closed"));
        assert_eq!(one["result"]["selected"], json!([plan_id]));
        assert_eq!(one["result"]["spent_cents"], json!(150_000));
        let ballots: Value =
            get_json(&app, &anon, &format!("/api/v1/rounds/{round_id}/ballots")).await;
        assert_eq!(ballots[0]["plans"], json!([1]));
        assert_eq!(ballots[0]["tracker"].as_str().map(str::len), Some(11));
        let missing = anon
            .get(app.url("/api/v1/rounds/no-such-round"))
            .send()
            .await
            .expect("get");
        assert_eq!(missing.status().as_u16(), 404);
    }
}
