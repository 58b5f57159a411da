//! The council's report on the seeded demo municipality, on every backend: its figures
//! are the ledger's balances, the sums close, and rapport.html stands alone.

use std::collections::HashMap;

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::money::format_eur;
use burgerbegroting::domain::round::RoundStatus;
use burgerbegroting::service::report::{self, ReportModel};
use burgerbegroting::service::Principal;
use burgerbegroting::service::{demo, ledger as ledger_svc, rounds};
use burgerbegroting::views::report::rapport_html;

use crate::helpers::*;

const CHECKPOINT: &str = "burgerbegroting.example/oldebroek\n42\nqGdY1v3pJbO6tI0yq0U9tS3QGm3xJ0fQkq1f0qzv8hE=\n\n\u{2014} burgerbegroting.example/oldebroek Az3grlgAAAAAbWVzc2FnZQ+signature+text==\n";
const FINGERPRINT: &str = "SHA256:4f2a9c0d8b7e6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877";

fn seeded(c: &mut DbConn) {
    demo::seed(c).expect("seed").expect("empty database");
}

fn balances(c: &mut DbConn) -> HashMap<String, i64> {
    ledger_svc::all_balances(c, &burgerbegroting::service::Principal::cli())
        .expect("balances")
        .into_iter()
        .map(|a| (a.account_id.into(), a.balance_cents))
        .collect()
}

#[test]
fn the_report_figures_are_the_ledger_balances() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        seeded(&mut c);
        let council = staff("raad", &[burgerbegroting::domain::role::Role::Council]);
        let model = report::build(&mut c, &council, None, None).expect("report");
        let bal = balances(&mut c);
        let pools =
            ledger_svc::pools(&mut c, &burgerbegroting::service::Principal::cli()).expect("pools");
        assert_eq!(model.areas.len(), pools.len(), "{backend}: every area");
        for a in &model.areas {
            let p = pools
                .iter()
                .find(|p| p.area_id == a.area_id)
                .expect("pool of area");
            let f = &a.figures;
            assert_eq!(a.pool_account, p.account_id, "{backend}: {}", a.name);
            assert_eq!(
                f.left_cents, p.balance_cents,
                "{backend}: left in {}",
                a.name
            );
            assert_eq!(
                f.left_cents,
                bal[p.account_id.as_str()],
                "{backend}: {}",
                a.name
            );
            assert_eq!(f.opening_cents, 0, "{backend}: no period, no opening");
            assert_eq!(
                f.opening_cents + f.in_budget_cents + f.in_funders_cents - f.committed_cents
                    + f.returned_cents
                    - f.other_out_cents,
                f.left_cents,
                "{backend}: the sum closes for {}",
                a.name
            );
            let sources: i64 = a.budget_sources.iter().map(|s| s.amount_cents).sum();
            assert_eq!(sources, f.in_budget_cents, "{backend}: {}", a.name);
            let funders: i64 = a.funder_sources.iter().map(|s| s.amount_cents).sum();
            assert_eq!(funders, f.in_funders_cents, "{backend}: {}", a.name);
        }
        let by_slug = |s: &str| {
            model
                .areas
                .iter()
                .find(|a| a.slug == s)
                .expect("area")
                .clone()
        };
        // The demo: 24.000 from the 5.7 line into 't Loo, of which the summer round
        // committed what its result says (and part came back from a finished plan); the
        // contribution to Wezep and the transfer to
        // Hattemerbroek still wait for approval, so nothing came in there yet.
        let loo = by_slug("t-loo");
        assert_eq!(loo.figures.in_budget_cents, 2_400_000, "{backend}");
        assert_eq!(loo.budget_sources.len(), 1, "{backend}");
        assert_eq!(loo.budget_sources[0].taakveld, "5.7", "{backend}");
        assert!(
            loo.budget_sources[0].taakveld_name.contains("groen"),
            "{backend}: {}",
            loo.budget_sources[0].taakveld_name
        );
        let summer = rounds::list(&mut c, &Principal::resident())
            .expect("rounds")
            .into_iter()
            .find(|r| r.round.status == RoundStatus::Closed)
            .expect("the counted round");
        let spent = summer.result().expect("result").spent_cents;
        assert!(spent > 0, "{backend}");
        assert_eq!(loo.figures.committed_cents, spent, "{backend}");
        // The demo carries two funded plans out: payments, and one finished plan that gave
        // what it did not use back to the pool (service/demo_money.rs).
        assert!(loo.figures.paid_cents > 0, "{backend}: payments");
        assert!(loo.figures.returned_cents > 0, "{backend}: a finished plan");
        assert_eq!(
            loo.figures.unpaid_cents + loo.figures.paid_cents + loo.figures.returned_cents,
            spent,
            "{backend}: what was committed is paid, returned or still open"
        );
        let wezep = by_slug("wezep");
        assert_eq!(wezep.figures.in_funders_cents, 500_000, "{backend}");
        assert_eq!(wezep.funder_sources.len(), 1, "{backend}");
        assert_eq!(by_slug("hattemerbroek").figures.in_cents(), 0, "{backend}");
        // Totals are the sums over the areas.
        let total_left: i64 = pools.iter().map(|p| p.balance_cents).sum();
        assert_eq!(model.totals.left_cents, total_left, "{backend}");
        // The counted round: 24 ballots of 40 letters.
        assert_eq!(model.rounds.len(), 1, "{backend}");
        let r = &model.rounds[0];
        assert_eq!((r.ballots, r.codes_issued), (24, 40), "{backend}");
        assert_eq!(r.turnout_per_mille, Some(600), "{backend}");
        assert_eq!(r.spent_cents, spent, "{backend}");
        assert_eq!(r.plans.len(), 4, "{backend}: the nominated plans");
        assert!(
            r.plans.iter().all(|p| !p.explanation.is_empty()),
            "{backend}: every plan explained"
        );
        let votes: i64 = r.plans.iter().map(|p| p.votes).sum();
        assert!(votes >= 24, "{backend}: {votes}");
    }
}

#[test]
fn a_period_before_today_is_empty_and_hands_over_to_the_next() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    seeded(&mut c);
    let council = staff("raad", &[burgerbegroting::domain::role::Role::Council]);
    let today = burgerbegroting::domain::nl_time::to_local(burgerbegroting::db::repo::now()).date();
    let yesterday = today.pred_opt().expect("yesterday");
    let before = report::build(&mut c, &council, None, Some(yesterday)).expect("before");
    assert!(before.rounds.is_empty());
    assert!(before.areas.iter().all(|a| a.figures == Default::default()));
    let now = report::build(&mut c, &council, Some(today), Some(today)).expect("today");
    let all = report::build(&mut c, &council, None, None).expect("all");
    for (a, b) in now.areas.iter().zip(&all.areas) {
        assert_eq!(a.figures, b.figures, "{}", a.name);
    }
    assert_eq!(now.rounds.len(), 1);
    // A later period starts with what the earlier one left.
    let tomorrow = today.succ_opt().expect("tomorrow");
    let later = report::build(&mut c, &council, Some(tomorrow), None).expect("later");
    for (a, b) in later.areas.iter().zip(&all.areas) {
        assert_eq!(a.figures.opening_cents, b.figures.left_cents, "{}", a.name);
        assert_eq!(a.figures.left_cents, b.figures.left_cents, "{}", a.name);
        assert_eq!(a.figures.in_cents(), 0, "{}", a.name);
    }
    assert!(later.rounds.is_empty());
}

fn html_of(model: &ReportModel) -> String {
    rapport_html(model, CHECKPOINT, FINGERPRINT)
}

#[test]
fn rapport_html_stands_alone_and_carries_the_checkpoint() {
    let db = TestDb::sqlite();
    let pool = db.pool();
    let mut c = pool.get().expect("conn");
    seeded(&mut c);
    let council = staff("raad", &[burgerbegroting::domain::role::Role::Council]);
    let model = report::build(&mut c, &council, None, None).expect("report");
    let html = html_of(&model);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"nl\">"));
    // Nothing from elsewhere: no src at all, no link element, no href to another site,
    // no url() or @import in the style sheet.
    let lower = html.to_lowercase();
    for bad in [
        " src=",
        "<link",
        "href=\"http",
        "href='http",
        "href=\"//",
        "url(",
        "@import",
        "<script",
    ] {
        assert!(!lower.contains(bad), "found {bad:?} in rapport.html");
    }
    assert!(!lower.contains("http://") && !lower.contains("https://"));
    // The checkpoint byte for byte, the fingerprint and how to check them.
    assert!(html.contains(CHECKPOINT), "checkpoint text in the report");
    assert!(html.contains(FINGERPRINT));
    assert!(html.contains("burgerbegroting audit verify"));
    assert!(html.contains("Bron: CBS"));
    // Print-ready: A4, page numbers, rows not cut, repeated headers.
    for css in [
        "@page",
        "size: A4",
        "counter(page)",
        "break-inside: avoid",
        "table-header-group",
    ] {
        assert!(html.contains(css), "{css}");
    }
    // Every area with its closing figure formatted the Dutch way; the round with its
    // turnout and rules; charts as inline SVG with a name.
    for a in &model.areas {
        assert!(html.contains(&a.name.replace('\'', "&#39;")) || html.contains(&a.name));
        assert!(html.contains(&format_eur(a.figures.left_cents)));
    }
    assert!(html.contains("24 van de 40 stemcodes gebruikt (60,0%)"));
    assert!(html.contains("Methode van gelijke delen"));
    assert!(html.contains("Iedere inwoner koos de plannen die hij of zij steunt, hoogstens 3."));
    assert!(html.contains("<svg role=\"img\""));
    assert!(html.contains("<title id=\"grafiek-gebieden-titel\">"));
    // Without a checkpoint yet, the report says so instead of showing an empty box.
    let none = rapport_html(&model, "", "");
    assert!(none.contains("Er is nog geen ondertekend controlepunt."));
}

/// Moves a posted transfer to another moment, as if it had been posted then: the ledger
/// row and its `transfer.posted` event (with a recomputed leaf hash), before anything is
/// signed. The append-only triggers are dropped for this (a test database only).
fn backdate(c: &mut DbConn, backend: &str, transfer_id: &str, utc: chrono::NaiveDateTime) {
    use burgerbegroting::db::schema::{audit_events as a, transfers as t};
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    c.batch_execute(if backend == "sqlite" {
        "DROP TRIGGER IF EXISTS transfers_no_update; DROP TRIGGER IF EXISTS audit_events_no_update;"
    } else {
        "DROP TRIGGER IF EXISTS transfers_append_only ON transfers; \
         DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;"
    })
    .expect("drop triggers");
    diesel::update(t::table.find(transfer_id))
        .set(t::created_at.eq(utc))
        .execute(c)
        .expect("transfer time");
    let (seq, payload): (i64, String) = a::table
        .filter(a::action.eq("transfer.posted"))
        .filter(a::entity_id.eq(transfer_id))
        .select((a::seq, a::payload))
        .first(c)
        .expect("its event");
    let mut ev: serde_json::Value = serde_json::from_str(&payload).expect("json");
    ev["at"] = utc.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string().into();
    let leaf = ev.to_string();
    diesel::update(a::table.find(seq))
        .set((
            a::occurred_at.eq(utc),
            a::leaf_hash.eq(hex::encode(burgerbegroting::audit::merkle::leaf_hash(
                leaf.as_bytes(),
            ))),
            a::payload.eq(leaf),
        ))
        .execute(c)
        .expect("event time");
}

/// The Dutch calendar decides the period everywhere: a contribution posted at 23:30 UTC on
/// 31 March (01:30 on 1 April in summer time) belongs to April in the bundle's CSV files, in
/// rapport.html and in both verifiers, and so do the winter and summer evenings around the
/// other ends of the periods.
#[test]
fn a_period_of_dutch_days_cuts_the_csvs_and_the_rapport_alike() {
    use burgerbegroting::audit::verify::verify_bundle;
    use burgerbegroting::audit_export::{export_bundle, ExportOptions};
    use chrono::NaiveDate;
    let utc =
        |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test moment");
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test day");
    // (UTC moment, euros, the Dutch day it is on). Powers of two: every sum names its parts.
    let moments = [
        ("2026-01-31 22:30", 1, "31 January, 23:30 (winter)"),
        ("2026-01-31 23:30", 2, "1 February, 00:30 (winter)"),
        ("2026-03-31 21:30", 4, "31 March, 23:30 (summer)"),
        ("2026-03-31 23:30", 8, "1 April, 01:30 (summer)"),
        ("2026-06-30 21:30", 16, "30 June, 23:30 (summer)"),
        ("2026-06-30 22:30", 32, "1 July, 00:30 (summer)"),
    ];
    let periods = [
        // (from, to, euros before, euros in, transfers in the period)
        ("2026-02-01", "2026-03-31", 1, 2 + 4, 2),
        ("2026-04-01", "2026-06-30", 1 + 2 + 4, 8 + 16, 2),
    ];
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let small = seed_small(&mut c);
        let area = &small.pools[0];
        let mut ids = Vec::new();
        for (at, euros, _) in moments {
            let t = ledger_svc::propose_transfer(
                &mut c,
                &clerk(),
                &ledger_svc::TransferInput {
                    id: uuid::Uuid::new_v4(),
                    kind: None,
                    from_account: small.corporation.account_id.clone(),
                    to_account: area.account_id.clone(),
                    amount_cents: euros * 100,
                    memo: format!("Bijdrage {euros}"),
                    decision_ref: None,
                },
            )
            .expect("contribution");
            backdate(&mut c, backend, &t.id, utc(at));
            ids.push(t.id);
        }
        let council = staff("raad", &[burgerbegroting::domain::role::Role::Council]);
        let key = crate::audit_log::test_key();
        let tmp = tempfile::tempdir().expect("tmp");
        for (from, to, before, inside, count) in periods {
            let (from, to) = (day(from), day(to));
            let model = report::build(&mut c, &council, Some(from), Some(to)).expect("report");
            let f = &model
                .areas
                .iter()
                .find(|a| a.pool_account == area.account_id)
                .expect("the area")
                .figures;
            assert_eq!(
                (f.opening_cents, f.in_funders_cents, f.left_cents),
                (before * 100, inside * 100, (before + inside) * 100),
                "{backend}: rapport {from}..{to}"
            );
            let dir = tmp.path().join(format!("{from}"));
            export_bundle(
                &mut c,
                &key,
                &dir,
                &ExportOptions {
                    from: Some(from),
                    to: Some(to),
                    ..ExportOptions::default()
                },
            )
            .expect("export");
            let v = verify_bundle(&dir, None, None);
            assert!(v.ok, "{backend}: {:?}", v.failure);
            assert_eq!(v.transfers, count, "{backend}: {from}..{to}");
            assert_eq!(
                crate::audit_export::python(&dir, &[]),
                (true, None),
                "{backend}: the Python verifier on {from}..{to}"
            );
            // transfers.csv: exactly the transfers of the Dutch days of the period.
            let csv = std::fs::read_to_string(dir.join("ledger/transfers.csv")).expect("csv");
            let listed: Vec<&str> = csv
                .split("\r\n")
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(|l| l.split(';').nth(2).expect("transfer_id"))
                .collect();
            let expected: Vec<&str> = moments
                .iter()
                .zip(&ids)
                .filter(|((_, euros, _), _)| inside & euros != 0)
                .map(|(_, id)| id.as_str())
                .collect();
            assert_eq!(listed, expected, "{backend}: {from}..{to}");
            // balances.csv: the pool's opening, in and closing are the rapport's.
            let balances =
                std::fs::read_to_string(dir.join("ledger/balances.csv")).expect("balances");
            let row: Vec<&str> = balances
                .split("\r\n")
                .find(|l| l.starts_with(&format!("{};", area.account_id)))
                .expect("the pool's row")
                .split(';')
                .collect();
            let eur = |cents: i64| burgerbegroting::audit::bundle::eur(cents);
            assert_eq!(
                row[3..],
                [
                    eur(f.opening_cents),
                    eur(f.in_cents()),
                    eur(0),
                    eur(f.left_cents)
                ],
                "{backend}: balances.csv and rapport for {from}..{to}"
            );
            // The report in the bundle is that model's.
            let html = std::fs::read_to_string(dir.join("rapport.html")).expect("rapport");
            assert!(
                html.contains(&format_eur(f.left_cents)),
                "{backend}: {}",
                format_eur(f.left_cents)
            );
        }
    }
}
