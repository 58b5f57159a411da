//! The council's pages and the public audit page in English (issue 10): the report in the
//! reader's language, with the count's explanation per plan in English; the handlers' own
//! messages in English; and the same report made outside a request stays Dutch.

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::report;
use burgerbegroting::views::report::rapport_html;

use crate::council_pages::demo_app;
use crate::helpers::*;
use crate::i18n::{assert_english, choose_english};

const COUNCIL: &str = "raad-en@test.example";

#[actix_web::test]
async fn the_council_reads_the_report_and_its_explanations_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        // The key directory lives as long as the app.
        let (app, _dir) = demo_app(db).await;
        app.add_user(COUNCIL, Role::Council);
        let council = app.client();
        assert_eq!(
            choose_english(&app, &council, "/inloggen").await,
            "/inloggen"
        );
        app.login_with(&council, COUNCIL).await;

        let html = assert_english(&app, &council, "/raad/rapport").await;
        assert!(html.contains("Citizens' budget account"), "{backend}");
        assert!(html.contains("voting codes used"), "{backend}: turnout");
        // The demo's rounds counted with equal shares explain every plan, in English.
        assert!(html.contains("Every voter had € "), "{backend}: {html}");
        assert!(!html.contains("Gekozen"), "{backend}");
        let dashboard = assert_english(&app, &council, "/raad").await;
        assert!(dashboard.contains("Every voter had € "), "{backend}");

        // The handlers' own messages.
        let (status, html) = app.get(&council, "/raad?van=gisteren&tot=").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains(
                "&quot;gisteren&quot; is not a date. Write the date like this: 2026-03-31."
            ),
            "{backend}: {html}"
        );
        let (status, html) = app
            .get(
                &council,
                "/raad/gebeurtenissen?van=2026-04-01&tot=2026-03-31",
            )
            .await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("The first day is after the last day."),
            "{backend}"
        );
        let (status, html) = app.get(&council, "/audit?controlecode=AAAAA-BBBBB").await;
        assert_eq!(status, 404, "{backend}");
        assert!(
            html.contains("The receipt code AAAAA-BBBBB is not in the log."),
            "{backend}"
        );
        let (status, html) = app.get(&council, "/audit?controlecode=+").await;
        assert_eq!(status, 422, "{backend}");
        assert!(html.contains("Enter your receipt code."), "{backend}");
        assert!(html.contains("The log is being signed"), "{backend}");

        // Made outside a request (the export bundle, the command line): Dutch.
        let model = report::build(
            &mut app.conn(),
            &staff("raad", &[Role::Council]),
            None,
            None,
        )
        .expect("report");
        let dutch = rapport_html(&model, "", "");
        assert!(dutch.contains("<html lang=\"nl\">"), "{backend}");
        assert!(dutch.contains("Iedere stemmer had € "), "{backend}");
    }
}

#[actix_web::test]
async fn a_bundle_without_a_signing_key_is_refused_in_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        app.add_user(COUNCIL, Role::Council);
        let council = app.client();
        choose_english(&app, &council, "/inloggen").await;
        app.login_with(&council, COUNCIL).await;
        let (status, html) = app.get(&council, "/raad/bundel?van=&tot=").await;
        assert_eq!(status, 409, "{backend}");
        assert!(
            html.contains(
                "No signing key has been set up. Without a key no audit bundle can be made."
            ),
            "{backend}: {html}"
        );
    }
}
