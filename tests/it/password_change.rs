//! Changing one's own password on the account page (/account/wachtwoord): the current
//! password, the new one twice; the rules of registration; every problem at once; no
//! password sent back; wrong current passwords throttled like the login; an audit event;
//! the account's other sessions end and this one stays; the page in English too.

use burgerbegroting::db::schema::{audit_events, sessions};
use burgerbegroting::domain::password;
use burgerbegroting::domain::role::Role;
use diesel::prelude::*;

use crate::helpers::*;

const PAGE: &str = "/account/wachtwoord";
const NEW: &str = "fiets molen kaas regenboog";

/// Posts the password form as `c` (the CSRF token from the page); (status, location or body).
async fn change(
    app: &TestApp,
    c: &reqwest::Client,
    current: &str,
    new: &str,
    repeat: &str,
) -> (u16, String) {
    post_page_form(
        app,
        c,
        PAGE,
        PAGE,
        &[
            ("current", current),
            ("new_password", new),
            ("repeat", repeat),
        ],
    )
    .await
}

/// The stored hash of the account with `email`.
fn stored_hash(app: &TestApp, email: &str) -> String {
    burgerbegroting::db::repo::users::find_by_email(&mut app.conn(), email)
        .expect("query")
        .expect("user")
        .password_hash
}

/// The payloads of the audit events `user.password_changed`.
fn change_events(app: &TestApp) -> Vec<String> {
    audit_events::table
        .filter(audit_events::action.eq("user.password_changed"))
        .select(audit_events::payload)
        .load(&mut app.conn())
        .expect("events")
}

fn live_sessions(app: &TestApp) -> i64 {
    sessions::table
        .filter(sessions::revoked.eq(false))
        .count()
        .get_result(&mut app.conn())
        .expect("count")
}

/// The error texts shown next to the fields, in the order of the page.
fn field_errors(html: &str) -> Vec<String> {
    html.match_indices("class=\"field-error\" id=\"")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .collect()
}

/// Signs `email` in with `password` through the login form (an account without a
/// second step); the status of the answer (303 when signed in).
async fn sign_in(app: &TestApp, email: &str, password: &str) -> u16 {
    let c = app.client();
    let (_, html) = app.get(&c, "/inloggen").await;
    let token = csrf_token(&html);
    let (status, _) = post_form(
        app,
        &c,
        "/inloggen",
        &[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
            ("terug", ""),
        ],
    )
    .await;
    status
}

/// A running application with an initiator (no second step), signed in.
async fn signed_in(db: TestDb) -> (TestApp, String, reqwest::Client) {
    let app = TestApp::spawn_on(db).await;
    let email = app.add_user("inwoner@example.nl", Role::Initiator);
    let c = app.login(&email).await;
    (app, email, c)
}

#[actix_web::test]
async fn a_new_password_works_the_old_one_not_and_other_sessions_are_signed_out() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, email, phone) = signed_in(db).await;
        let laptop = app.login(&email).await;
        assert_eq!(live_sessions(&app), 2, "{backend}");

        let (status, account) = app.get(&phone, "/account").await;
        assert_eq!(status, 200, "{backend}");
        assert!(
            account.contains("href=\"/account/wachtwoord\""),
            "{backend}: the account page links to the form"
        );
        let (status, form) = app.get(&phone, PAGE).await;
        assert_eq!(status, 200, "{backend}");
        for field in ["current", "new_password", "repeat"] {
            assert!(
                form.contains(&format!(
                    "type=\"password\" id=\"{field}\" name=\"{field}\""
                )),
                "{backend}: {field} in {form}"
            );
        }

        let (status, to) = change(&app, &phone, PASSWORD, NEW, NEW).await;
        assert_eq!(
            (status, to.as_str()),
            (303, "/account?wachtwoord=gewijzigd"),
            "{backend}"
        );
        let (status, account) = app.get(&phone, &to).await;
        assert_eq!(status, 200, "{backend}: this session stays");
        assert!(
            account
                .contains("Uw wachtwoord is gewijzigd. Op uw andere apparaten bent u uitgelogd."),
            "{backend}: {account}"
        );
        let (status, _) = app.get(&laptop, "/account").await;
        assert_eq!(status, 303, "{backend}: the other session ended");
        assert_eq!(live_sessions(&app), 1, "{backend}");

        let hash = stored_hash(&app, &email);
        assert!(hash.starts_with("$argon2id$"), "{backend}: {hash}");
        assert!(password::verify(NEW, &hash), "{backend}");
        assert!(!password::verify(PASSWORD, &hash), "{backend}");
        assert_eq!(sign_in(&app, &email, PASSWORD).await, 422, "{backend}");
        assert_eq!(sign_in(&app, &email, NEW).await, 303, "{backend}");
    }
}

#[actix_web::test]
async fn the_change_writes_one_audit_event_without_the_password() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, email, c) = signed_in(db).await;
        let _other = app.login(&email).await;
        // A refused change writes nothing.
        let (status, _) = change(&app, &c, "niet mijn wachtwoord", NEW, NEW).await;
        assert_eq!(status, 422, "{backend}");
        assert!(change_events(&app).is_empty(), "{backend}");

        let (status, _) = change(&app, &c, PASSWORD, NEW, NEW).await;
        assert_eq!(status, 303, "{backend}");
        let events = change_events(&app);
        assert_eq!(events.len(), 1, "{backend}: {events:?}");
        assert!(
            events[0].contains("\"sessions_ended\":1"),
            "{backend}: {}",
            events[0]
        );
        assert!(
            !events[0].contains(NEW) && !events[0].contains("argon2"),
            "{backend}: no password or hash in the log: {}",
            events[0]
        );
        let (actor, entity): (String, String) = audit_events::table
            .filter(audit_events::action.eq("user.password_changed"))
            .select((audit_events::actor, audit_events::entity_id))
            .first(&mut app.conn())
            .expect("event");
        let user = burgerbegroting::db::repo::users::find_by_email(&mut app.conn(), &email)
            .expect("query")
            .expect("user");
        assert_eq!(entity, user.id.to_string(), "{backend}");
        assert!(actor.contains(user.id.as_str()), "{backend}: {actor}");
    }
}

#[actix_web::test]
async fn a_wrong_current_password_is_refused_and_throttled_like_the_login() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, email, c) = signed_in(db).await;
        let before = stored_hash(&app, &email);

        let (status, html) = change(&app, &c, "niet mijn wachtwoord", NEW, NEW).await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("Dit is niet uw huidige wachtwoord."),
            "{backend}: {html}"
        );
        assert_eq!(field_errors(&html), ["current-error"], "{backend}");
        // No password is sent back, neither the wrong one nor the new one.
        assert!(
            !html.contains("niet mijn wachtwoord") && !html.contains(NEW),
            "{backend}: a password in the page"
        );

        // Five wrong passwords in a row block the form for 15 minutes, also for the right one.
        for _ in 0..3 {
            let (status, _) = change(&app, &c, "niet mijn wachtwoord", NEW, NEW).await;
            assert_eq!(status, 422, "{backend}");
        }
        let (status, html) = change(&app, &c, "niet mijn wachtwoord", NEW, NEW).await;
        assert_eq!(status, 429, "{backend}");
        assert!(
            html.contains("Er is te vaak een verkeerd wachtwoord ingevuld."),
            "{backend}: {html}"
        );
        let (status, _) = change(&app, &c, PASSWORD, NEW, NEW).await;
        assert_eq!(
            status, 429,
            "{backend}: blocked, also with the right password"
        );
        assert_eq!(stored_hash(&app, &email), before, "{backend}: unchanged");
        // Counted apart from the login: the owner can still sign in.
        assert_eq!(sign_in(&app, &email, PASSWORD).await, 303, "{backend}");
    }
}

#[actix_web::test]
async fn every_problem_shows_at_once_mismatch_weak_and_empty() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, email, c) = signed_in(db).await;
        let before = stored_hash(&app, &email);

        // The two new passwords differ.
        let (status, html) = change(&app, &c, PASSWORD, NEW, "fiets molen kaas regenbogen").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("De twee nieuwe wachtwoorden zijn niet gelijk."),
            "{backend}: {html}"
        );
        assert_eq!(field_errors(&html), ["repeat-error"], "{backend}");

        // Too short, and too common: the rules of registration.
        let (status, html) = change(&app, &c, PASSWORD, "kort", "kort").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("Kies een wachtwoord van minstens 12 tekens."),
            "{backend}: {html}"
        );
        let (status, html) = change(&app, &c, PASSWORD, "password1234", "password1234").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("Dit wachtwoord wordt veel gebruikt"),
            "{backend}: {html}"
        );
        // The same as the current one.
        let (status, html) = change(&app, &c, PASSWORD, PASSWORD, PASSWORD).await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("Kies een nieuw wachtwoord dat anders is dan uw huidige wachtwoord."),
            "{backend}: {html}"
        );

        // An empty form: all three fields at once, in the summary and next to each field.
        let (status, html) = change(&app, &c, "", "", "").await;
        assert_eq!(status, 422, "{backend}");
        assert_eq!(
            field_errors(&html),
            ["current-error", "new_password-error", "repeat-error"],
            "{backend}"
        );
        for text in [
            "Vul uw huidige wachtwoord in.",
            "Kies een wachtwoord van minstens 12 tekens.",
            "Vul het nieuwe wachtwoord nog een keer in.",
        ] {
            assert_eq!(html.matches(text).count(), 2, "{backend}: {text}");
        }

        // A wrong current password together with a weak new one: both at once.
        let (status, html) = change(&app, &c, "niet mijn wachtwoord", "kort", "kort").await;
        assert_eq!(status, 422, "{backend}");
        assert_eq!(
            field_errors(&html),
            ["current-error", "new_password-error"],
            "{backend}"
        );
        assert_eq!(stored_hash(&app, &email), before, "{backend}: unchanged");
        assert!(change_events(&app).is_empty(), "{backend}");
    }
}

#[actix_web::test]
async fn the_form_needs_its_csrf_token_and_a_session() {
    for db in TestDb::all() {
        let backend = db.backend;
        let (app, email, c) = signed_in(db).await;
        let before = stored_hash(&app, &email);
        let fields = [
            ("current", PASSWORD),
            ("new_password", NEW),
            ("repeat", NEW),
        ];
        let (status, _) = post_form(&app, &c, PAGE, &fields).await;
        assert_eq!(status, 403, "{backend}: no token");
        let (status, _) = app.get(&app.client(), PAGE).await;
        assert_eq!(status, 303, "{backend}: signed in only");
        assert_eq!(stored_hash(&app, &email), before, "{backend}");
    }
}

#[actix_web::test]
async fn the_password_page_and_its_messages_are_in_english_when_chosen() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let email = app.add_user("staff@example.nl", Role::Admin);
        let c = app.client();
        crate::i18n::choose_english(&app, &c, "/inloggen").await;
        app.login_with(&c, &email).await;
        let page = crate::i18n::assert_english(&app, &c, PAGE).await;
        assert!(page.contains("Current password"), "{backend}: {page}");

        let (status, html) = change(&app, &c, "not my password", NEW, "another new password").await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("This is not your current password."),
            "{backend}: {html}"
        );
        assert!(
            html.contains("The two new passwords are not the same."),
            "{backend}: {html}"
        );
        let (status, to) = change(&app, &c, PASSWORD, NEW, NEW).await;
        assert_eq!(status, 303, "{backend}");
        let account = crate::i18n::assert_english(&app, &c, &to).await;
        assert!(
            account.contains("Your password has been changed."),
            "{backend}: {account}"
        );
    }
}
