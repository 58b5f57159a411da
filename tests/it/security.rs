//! Findings of the outside security test (issue 12) that are not about signing in:
//! spreadsheet formulas in downloads, pre-session tokens, client addresses, caching.

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::auth;
use burgerbegroting::service::ledger as svc;
use burgerbegroting::service::Principal;

use crate::helpers::*;

/// The cell of `column` in the CSV row whose text contains `marker`.
fn cell(csv: &str, marker: &str, column: usize) -> String {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .find(|r| r.iter().any(|c| c.contains(marker)))
        .and_then(|r| r.get(column).map(str::to_string))
        .unwrap_or_else(|| panic!("no row with {marker} in {csv}"))
}

#[actix_web::test]
async fn csv_downloads_neutralise_spreadsheet_formulas() {
    let app = TestApp::spawn().await;
    app.add_user("admin@test.example", Role::Admin);
    app.add_user("approver@test.example", Role::FinanceApprover);
    let hyperlink = "=HYPERLINK(\"http://evil.example\";\"klik\")";
    {
        let mut c = app.conn();
        let small = seed_small(&mut c);
        auth::add_user(
            &mut c,
            &Principal::cli(),
            "naam@test.example",
            hyperlink,
            Role::FinanceClerk,
            PASSWORD,
        )
        .expect("user");
        svc::propose_transfer(
            &mut c,
            &clerk(),
            &svc::TransferInput {
                id: uuid::Uuid::new_v4(),
                kind: burgerbegroting::domain::ledger::TransferKind::BudgetToPool,
                from_account: small.lines[0].account_id.clone(),
                to_account: small.pools[0].account_id.clone(),
                amount_cents: 125_000,
                memo: "=1+1".into(),
                decision_ref: Some("@raad".into()),
            },
        )
        .expect("transfer");
    }
    let admin = app.login("admin@test.example").await;
    let (status, users) = app.get(&admin, "/beheer/gebruikers.csv").await;
    assert_eq!(status, 200);
    assert_eq!(
        cell(&users, "naam@test.example", 1),
        format!("'{hyperlink}")
    );
    let approver = app.login("approver@test.example").await;
    let (status, transfers) = app.get(&approver, "/financien/overboekingen.csv").await;
    assert_eq!(status, 200);
    assert_eq!(cell(&transfers, "1+1", 8), "'=1+1");
    assert_eq!(cell(&transfers, "1+1", 9), "'@raad");
    assert_eq!(
        cell(&transfers, "1+1", 7),
        "1.250,00",
        "amounts stay numbers"
    );
}
