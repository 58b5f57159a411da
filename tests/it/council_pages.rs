//! The council's dashboard and the public audit page over real HTTP, on every backend:
//! council and steering group see the figures, the report and the events; every other
//! role gets 403; anyone can look up a receipt and download its inclusion proof.

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::money::format_eur;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::RoundStatus;
use burgerbegroting::service::audit_log::{self as log, SignOutcome};
use burgerbegroting::service::Principal;
use burgerbegroting::service::{demo, ledger as ledger_svc, rounds};
use burgerbegroting::views::audit::not_found_message;

use crate::audit_log::{add_event, rewrite_event, test_key};
use crate::helpers::*;

const COUNCIL: &str = "raadslid@test.example";
const STEERING: &str = "stuurgroep@test.example";

/// The demo municipality behind a running app that signs with the test key; the demo's
/// own logins have random passwords, so the test adds its own (a council member and the
/// steering group here; other tests add theirs).
pub(crate) async fn demo_app(db: TestDb) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("key dir");
    let key_path = dir.path().join("signing.key");
    test_key().write_new(&key_path).expect("key file");
    let mut settings = db.settings();
    settings.signing_key_file = Some(key_path);
    {
        let mut c = db.pool().get().expect("conn");
        demo::seed(&mut c).expect("seed").expect("fresh database");
    }
    let app = TestApp::spawn_with(db, settings).await;
    app.add_user(COUNCIL, Role::Council);
    app.add_user(STEERING, Role::SteeringGroup);
    (app, dir)
}

fn counted_receipts(c: &mut DbConn) -> Vec<String> {
    let counted = rounds::list(c, &Principal::resident())
        .expect("rounds")
        .into_iter()
        .find(|r| r.round.status == RoundStatus::Closed)
        .expect("the demo has a counted round");
    rounds::published_ballots(c, &Principal::resident(), &counted.round.id)
        .expect("query")
        .expect("closed")
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// A coordinator of 't Loo with the second factor set up; returns the e-mail address.
fn coordinator(app: &TestApp) -> String {
    let email = "regie@test.example";
    let mut c = app.conn();
    add_coordinator(&mut c, &app.sealer(), email, "", "t-loo");
    email.to_string()
}

#[actix_web::test]
async fn the_council_and_the_steering_group_see_the_dashboard_and_no_one_else() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, _key) = demo_app(db).await;
        let loo_left = {
            let mut c = app.conn();
            ledger_svc::pools(&mut c, &burgerbegroting::service::Principal::cli())
                .expect("pools")
                .into_iter()
                .find(|p| p.slug == "t-loo")
                .expect("'t Loo")
                .balance_cents
        };
        for who in [COUNCIL, STEERING] {
            let c = app.login(who).await;
            let (status, html) = app.get(&c, "/raad").await;
            assert_eq!(status, 200, "{backend} {who}");
            assert!(html.contains("Overzicht voor de raad"), "{backend}");
            assert!(html.contains(&format_eur(loo_left)), "{backend}: 't Loo");
            assert!(
                html.contains("24 van de 40 stemcodes gebruikt (60,0%)"),
                "{backend}: turnout"
            );
            assert!(
                html.contains("href=\"/raad\" aria-current=\"page\""),
                "{backend}: menu"
            );
        }
        let council = app.login(COUNCIL).await;

        // The report: the same file as in the bundle, with its own CSP for its style.
        let r = council
            .get(app.url("/raad/rapport?van=&tot="))
            .send()
            .await
            .expect("rapport");
        assert_eq!(r.status(), 200, "{backend}");
        let csp = r
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert!(csp.contains("style-src 'sha256-"), "{backend}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{backend}: {csp}");
        let html = r.text().await.expect("body");
        assert_contains_all(
            &html,
            &["Verantwoording burgerbegroting", &format_eur(loo_left)],
            backend,
        );
        let r = council
            .get(app.url("/raad/rapport?download=1"))
            .send()
            .await
            .expect("download");
        assert_eq!(
            r.headers()
                .get("content-disposition")
                .and_then(|v| v.to_str().ok()),
            Some("attachment; filename=\"rapport.html\""),
            "{backend}"
        );
        // A wrong date: the Dutch message on the form, the text kept.
        let (status, html) = app.get(&council, "/raad?van=gisteren&tot=").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains(
                "Fout: &quot;gisteren&quot; is geen datum. Schrijf de datum zo: 2026-03-31."
            ),
            "{backend}: {html}"
        );
        assert!(html.contains("value=\"gisteren\""), "{backend}");

        // A fresh bundle for the period as one zip, which the offline verifier accepts and
        // which holds the report on the bundle's own checkpoint.
        let r = council
            .get(app.url("/raad/bundel?van=&tot="))
            .send()
            .await
            .expect("bundle");
        assert_eq!(r.status(), 200, "{backend}");
        assert_eq!(
            r.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("application/zip"),
            "{backend}"
        );
        let bytes = r.bytes().await.expect("zip");
        let unpacked = tempfile::tempdir().expect("dir");
        zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec()))
            .expect("a zip")
            .extract(unpacked.path())
            .expect("unzip");
        let dir = unpacked.path().join("controlebundel-begin-nu");
        let verdict = burgerbegroting::audit::verify::verify_bundle(&dir, None, None);
        assert!(verdict.ok, "{backend}: {:?}", verdict.failure);
        let checkpoint = std::fs::read_to_string(dir.join("checkpoint.txt")).expect("checkpoint");
        let report = std::fs::read_to_string(dir.join("rapport.html")).expect("rapport.html");
        assert!(
            report.contains(&checkpoint),
            "{backend}: the bundle's checkpoint"
        );
        assert!(report.contains(&format_eur(loo_left)), "{backend}");
        let (status, html) = app.get(&council, "/raad").await;
        assert_eq!(status, 200);
        assert!(
            html.contains("href=\"/raad/bundel?van=&amp;tot=\""),
            "{backend}"
        );

        // The events: all of them paged, newest first; filtered by kind, area and date.
        let (status, html) = app.get(&council, "/raad/gebeurtenissen").await;
        assert_eq!(status, 200, "{backend}");
        assert!(html.contains("Volgende pagina (ouder)"), "{backend}: paged");
        let (_, html) = app
            .get(&council, "/raad/gebeurtenissen?soort=ballot.cast")
            .await;
        assert!(
            // 24 in 't Loo's summer round, 5 in Oosterwolde's counted spring round.
            html.contains("29 gebeurtenissen gevonden."),
            "{backend}: {html}"
        );
        assert!(html.contains("Inwoner (zonder naam)"), "{backend}");
        let (_, html) = app
            .get(
                &council,
                "/raad/gebeurtenissen?soort=round.closed&gebied=t-loo",
            )
            .await;
        assert!(html.contains("1 gebeurtenis gevonden."), "{backend}");
        let (_, html) = app
            .get(
                &council,
                "/raad/gebeurtenissen?soort=round.closed&gebied=wezep",
            )
            .await;
        assert!(html.contains("0 gebeurtenissen gevonden."), "{backend}");
        let (_, html) = app
            .get(
                &council,
                "/raad/gebeurtenissen?soort=transfer.posted&gebied=wezep",
            )
            .await;
        assert!(!html.contains("0 gebeurtenissen gevonden."), "{backend}");
        let (_, html) = app
            .get(
                &council,
                "/raad/gebeurtenissen?soort=ballot.cast&van=2001-01-01&tot=2001-12-31",
            )
            .await;
        assert!(html.contains("0 gebeurtenissen gevonden."), "{backend}");
        let (status, _) = app
            .get(&council, "/raad/gebeurtenissen?gebied=atlantis")
            .await;
        assert_eq!(status, 422, "{backend}");

        // Every other role: 403 with the Dutch page; nobody signed in: the login page.
        let mut others = Vec::new();
        for (email, role) in [
            ("financien@test.example", Role::FinanceClerk),
            ("fiat@test.example", Role::FinanceApprover),
            ("beheer@test.example", Role::Admin),
            ("inwoner@test.example", Role::Initiator),
        ] {
            app.add_user(email, role);
            others.push(email.to_string());
        }
        others.push(coordinator(&app));
        for email in &others {
            let c = app.login(email).await;
            for path in ["/raad", "/raad/rapport", "/raad/gebeurtenissen"] {
                let (status, html) = app.get(&c, path).await;
                assert_eq!(status, 403, "{backend} {email} {path}");
                assert!(html.contains("alleen voor de gemeenteraad en de stuurgroep"));
            }
        }
        let r = app
            .client()
            .get(app.url("/raad"))
            .send()
            .await
            .expect("anonymous");
        assert_eq!(r.status(), 303, "{backend}");
    }
}

#[actix_web::test]
async fn anyone_finds_a_real_receipt_in_the_log_and_a_made_up_one_is_refused() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, _key) = demo_app(db).await;
        let anon = app.client();
        let receipt = counted_receipts(&mut app.conn())[0].clone();
        // The server signs when it starts and then every 30 seconds; sign now in case it
        // has not yet.
        match log::sign_pending(&mut app.conn(), &test_key()).expect("sign") {
            SignOutcome::Signed(_) | SignOutcome::Unchanged => {}
            other => panic!("{backend}: {other:?}"),
        }
        let cp = log::latest_checkpoint(&mut app.conn(), &Principal::resident())
            .expect("query")
            .expect("a checkpoint");
        let (status, html) = app.get(&anon, "/audit").await;
        assert_eq!(status, 200, "{backend}");
        assert!(html.contains(&cp.text), "{backend}: the checkpoint");
        assert!(
            html.contains(&test_key().verifier_text()),
            "{backend}: the key"
        );
        assert!(
            html.contains(&log::key_fingerprint(&test_key())),
            "{backend}: the fingerprint"
        );
        assert!(!html.contains("role=\"alert\""), "{backend}: not stopped");

        // Typed as a resident might: lower case, no dash.
        let typed = receipt.replace('-', "").to_lowercase();
        let (status, html) = app
            .get(&anon, &format!("/audit?controlecode={typed}"))
            .await;
        assert_eq!(status, 200, "{backend}");
        assert!(
            html.contains(&format!(
                "Uw stem met controlecode {receipt} staat in het logboek."
            )),
            "{backend}: {html}"
        );
        let r = anon
            .get(app.url(&format!("/audit/bewijs?controlecode={receipt}")))
            .send()
            .await
            .expect("proof");
        assert_eq!(r.status(), 200, "{backend}");
        assert!(r
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .starts_with("text/plain"));
        let proof = r.text().await.expect("proof text");
        let parsed =
            burgerbegroting::audit::note::parse_inclusion_proof(&proof).expect("tlog-proof");
        assert_eq!(parsed.checkpoint, cp.text, "{backend}");
        let r = anon
            .get(app.url("/audit/controlepunt.txt"))
            .send()
            .await
            .expect("checkpoint");
        assert_eq!(r.text().await.expect("text"), cp.text, "{backend}");

        // Made up, and a real one with one character changed: the same Dutch message on the
        // form, with what was typed kept.
        let last = receipt.chars().last().unwrap_or('A');
        let swapped = format!(
            "{}{}",
            &receipt[..receipt.len() - 1],
            if last == 'A' { 'B' } else { 'A' }
        );
        for wrong in ["ZZZZZ-ZZZZZ", swapped.as_str()] {
            let (status, html) = app
                .get(&anon, &format!("/audit?controlecode={wrong}"))
                .await;
            assert_eq!(status, 404, "{backend} {wrong}");
            assert!(
                html.contains(&format!("Fout: {}", not_found_message(wrong))),
                "{backend}: {html}"
            );
            assert!(html.contains(&format!("value=\"{wrong}\"")), "{backend}");
            let r = anon
                .get(app.url(&format!("/audit/bewijs?controlecode={wrong}")))
                .send()
                .await
                .expect("no proof");
            assert_eq!(r.status(), 404, "{backend}");
        }
        let (status, html) = app.get(&anon, "/audit?controlecode=").await;
        assert_eq!(status, 422, "{backend}");
        assert!(html.contains("Vul uw controlecode in."), "{backend}");

        // Someone rewrites history: the server stops signing and the page says so loudly.
        rewrite_event(&mut app.conn(), backend, 3);
        add_event(&mut app.conn(), 1);
        match log::sign_pending(&mut app.conn(), &test_key()).expect("sign") {
            SignOutcome::Stopped(_) => {}
            other => panic!("{backend}: {other:?}"),
        }
        let (status, html) = app.get(&anon, "/audit").await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &["class=\"alarm\" role=\"alert\"", "LET OP"],
            backend,
        );
    }
}

#[actix_web::test]
async fn the_home_page_links_the_audit_page_which_works_without_a_key() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get(&app.client(), "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/audit\""));
    // Without a signing key the page still works and says the log is not signed; a real
    // receipt is recognised but not yet in a signed checkpoint.
    demo::seed(&mut app.conn()).expect("seed").expect("fresh");
    let receipt = counted_receipts(&mut app.conn())[0].clone();
    let (status, html) = app
        .get(&app.client(), &format!("/audit?controlecode={receipt}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Er is geen sleutel ingesteld"));
    assert!(html.contains("Er is nog geen controlepunt ondertekend."));
    assert!(
        html.contains("nog niet in een ondertekend controlepunt"),
        "{html}"
    );
}
