//! A realistic demo municipality: Oldebroek's villages, its 2025 budget from CBS open data
//! (Bron: CBS), staff accounts, some transfers done and one waiting for approval.

use uuid::Uuid;

use super::auth::add_user;
use super::ledger::{
    create_area, create_funder, decide_transfer, import_ledger, pools, propose_transfer,
    TransferInput,
};
use super::{Principal, ServiceError};
use crate::db::repo::users;
use crate::db::DbConn;
use crate::domain::audit::Actor;
use crate::domain::demo_ledger::demo_ledger_file;
use crate::domain::ledger::TransferKind;
use crate::domain::ledger_import::ImportOptions;
use crate::domain::role::Role;

/// A staff login made by the demo, printed once for the person starting it.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub role: Role,
    pub password: String,
}

fn demo_password() -> String {
    // 20 characters from an unambiguous alphabet, generated per demo database.
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Fill an empty database. Returns None when it already holds data (the demo is then
/// served as it is).
pub fn seed(conn: &mut DbConn) -> Result<Option<Vec<DemoLogin>>, ServiceError> {
    if !users::list(conn)?.is_empty() {
        return Ok(None);
    }
    let cli = Principal::cli();
    let mut logins = Vec::new();
    let mut principals = Vec::new();
    for (email, name, role) in [
        ("beheer@oldebroek.example", "Beheerder", Role::Admin),
        (
            "financien@oldebroek.example",
            "Fatima de Vries",
            Role::FinanceClerk,
        ),
        (
            "fiatteur@oldebroek.example",
            "Jan Bosch",
            Role::FinanceApprover,
        ),
    ] {
        let password = demo_password();
        let user = add_user(conn, &cli, email, name, role, &password)?;
        principals.push(Principal {
            actor: Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
            roles: vec![role],
            coordinator_areas: Vec::new(),
        });
        logins.push(DemoLogin {
            email: email.to_string(),
            role,
            password,
        });
    }
    let (admin, clerk, approver) = (&principals[0], &principals[1], &principals[2]);

    create_funder(conn, admin, "Gemeente Oldebroek", "municipality")?;
    let corporation = create_funder(
        conn,
        admin,
        "Woningcorporatie Noord-Veluwe (demo)",
        "housing_corporation",
    )?;
    for (name, kind) in [
        ("'t Loo", "dorp"),
        ("Oosterwolde", "dorp"),
        ("Wezep", "dorp"),
        ("Hattemerbroek", "dorp"),
        ("Oldebroek", "dorp"),
        ("Noordeinde", "dorp"),
    ] {
        create_area(conn, admin, name, kind)?;
    }
    import_ledger(
        conn,
        clerk,
        "oldebroek-begroting-cbs.csv",
        demo_ledger_file(),
        &ImportOptions::default(),
    )?;

    let lines = super::ledger::list_budget_lines(conn, Some(2025))?;
    let find_line = |tv: &str| {
        lines
            .iter()
            .find(|l| l.taakveld == tv)
            .map(|l| l.account_id.clone())
            .ok_or(ServiceError::NotFound("Begrotingspost"))
    };
    let groen = find_line("5.7")?;
    let wegen = find_line("2.1")?;
    let pools = pools(conn)?;
    let pool = |slug: &str| {
        pools
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| p.account_id.clone())
            .ok_or(ServiceError::NotFound("Pot"))
    };
    let done = [
        (
            groen.clone(),
            pool("t-loo")?,
            1_200_000,
            "Groenonderhoud 't Loo 2025 (burgerbegroting)",
        ),
        (
            groen,
            pool("oosterwolde")?,
            2_000_000,
            "Groenonderhoud Oosterwolde 2025 (burgerbegroting)",
        ),
    ];
    for (from, to, cents, memo) in done {
        let t = propose_transfer(
            conn,
            clerk,
            &TransferInput {
                id: Uuid::new_v4(),
                kind: TransferKind::BudgetToPool,
                from_account: from,
                to_account: to,
                amount_cents: cents,
                memo: memo.into(),
                decision_ref: Some("Raadsbesluit 2024-112 burgerbegroting".into()),
            },
        )?;
        decide_transfer(conn, approver, &t.id, true, "Volgens raadsbesluit")?;
    }
    propose_transfer(
        conn,
        clerk,
        &TransferInput {
            id: Uuid::new_v4(),
            kind: TransferKind::FunderContribution,
            from_account: corporation.account_id,
            to_account: pool("wezep")?,
            amount_cents: 500_000,
            memo: "Bijdrage leefbaarheid Wezep 2025".into(),
            decision_ref: None,
        },
    )?;
    propose_transfer(
        conn,
        clerk,
        &TransferInput {
            id: Uuid::new_v4(),
            kind: TransferKind::BudgetToPool,
            from_account: wegen,
            to_account: pool("hattemerbroek")?,
            amount_cents: 750_000,
            memo: "Verkeersveiligheid rond de school, Smederij Q1".into(),
            decision_ref: Some("Raadsbesluit 2024-112 burgerbegroting".into()),
        },
    )?;
    Ok(Some(logins))
}
