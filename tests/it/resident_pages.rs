//! Pages for residents and staff as they use them: "Stem nu" from every page about a round
//! open for voting, the phase timeline on every round page, the author's name beside each
//! plan, the landing page after login per role, and the staff's transfers list (newest
//! first, paged and filtered in the database). Real HTTP, both backends.

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::audit::Actor;
use burgerbegroting::domain::ledger::TransferKind;
use burgerbegroting::domain::nl_time::date_nl;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, Calendar, CountRule};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self, InitiativeInput, RoundInput};
use burgerbegroting::service::{auth, Principal};

use crate::helpers::*;

const AUTHOR: &str = "Annie de Vries";

/// A person with an account and a name, as the services see them.
fn person(c: &mut DbConn, email: &str, name: &str, role: Role) -> Principal {
    let u = auth::add_user(c, &Principal::cli(), email, name, role, PASSWORD).expect("user");
    Principal {
        actor: Actor::User {
            id: u.id,
            email: email.to_string(),
        },
        roles: vec![role],
        coordinator_areas: Vec::new(),
    }
}

fn round_input(slug: &str, quarter: i32, title: &str, calendar: Option<Calendar>) -> RoundInput {
    RoundInput {
        area_slug: slug.to_string(),
        year: 2026,
        quarter,
        title: title.into(),
        budget_cents: 1_000_000,
        ballot_rule: BallotRule::Approval { max_choices: None },
        count_rule: CountRule::Greedy,
        calendar,
    }
}

/// The part of the page from `needle` to the end of its list item.
fn item_with<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in page"));
    let start = html[..at].rfind("<li").unwrap_or(0);
    let end = html[at..].find("</li>").map_or(html.len(), |e| at + e);
    &html[start..end]
}

#[actix_web::test]
async fn a_round_open_for_voting_says_stem_nu_and_every_round_page_has_its_phases() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (planning, voting, plan_id) = {
            let mut c = app.conn();
            let area =
                ledger_svc::create_area(&mut c, &admin(), "Noordeinde", "dorp").expect("area");
            fund_pool(&mut c, &area.slug, 10_000_000);
            let me = person(&mut c, "annie@example.nl", AUTHOR, Role::Initiator);
            // A calendar around today, so the round is open for plans now whatever day the
            // test runs (and the calendar never moves it during the test).
            let today = chrono::Utc::now().date_naive();
            let days = |n: i64| today + chrono::Duration::days(n);
            let cal =
                Calendar::new(days(-10), days(20), days(30), days(31), days(45)).expect("calendar");
            let planning = rounds::create_round(
                &mut c,
                &admin(),
                &round_input(&area.slug, 1, "Voorjaar Noordeinde", Some(cal)),
            )
            .expect("round");
            let voting = rounds::create_round(
                &mut c,
                &admin(),
                &round_input(&area.slug, 2, "Zomer Noordeinde", None),
            )
            .expect("round");
            let plan = rounds::submit_initiative(
                &mut c,
                &me,
                &voting.round.id,
                &InitiativeInput {
                    title: "Speeltuin bij de school".into(),
                    summary: "Een klimrek en twee schommels.".into(),
                    amount_cents: 450_000,
                    taakveld: "5.7".into(),
                },
            )
            .expect("plan");
            crate::helpers::nominate(&mut c, &admin(), &plan.id).expect("nominate");
            rounds::open_voting(&mut c, &admin(), &voting.round.id).expect("open voting");
            (planning, voting, plan.id)
        };
        let anon = app.client();

        // A round open for plans: the timeline with the calendar's dates, "Nu" at plans.
        let (status, html) = app
            .get(&anon, &format!("/rondes/{}", planning.round.id))
            .await;
        assert_eq!(status, 200, "{backend}");
        let cal = planning.round.calendar.expect("calendar");
        assert!(html.contains("Zo verloopt deze ronde"), "{backend}");
        let now = item_with(&html, "aria-current=\"step\"");
        assert!(now.contains("Plannen indienen"), "{backend}: {now}");
        assert!(now.contains(">Nu<"), "{backend}: the state in words: {now}");
        assert!(
            now.contains(&format!(
                "{} tot en met {}",
                date_nl(cal.plans_from),
                date_nl(cal.plans_until)
            )),
            "{backend}: {now}"
        );
        let later = item_with(&html, "Stemmen</strong>");
        assert!(later.contains(">Straks<"), "{backend}: {later}");
        assert!(
            later.contains(&format!(
                "{} tot en met {}",
                date_nl(cal.voting_from),
                date_nl(cal.voting_until)
            )),
            "{backend}"
        );
        assert!(!html.contains("Stem nu"), "{backend}: not voting yet");

        // The round open for voting: "Stem nu" on its page, the list of rounds, the plan
        // page and the start page; the timeline marks voting; the author is named.
        let stem_nu = "href=\"/stemmen?gebied=noordeinde\"";
        let round_page = format!("/rondes/{}", voting.round.id);
        let (_, html) = app.get(&anon, &round_page).await;
        assert!(html.contains(stem_nu), "{backend}: round page");
        assert!(html.contains(">Stem nu<"), "{backend}");
        let now = item_with(&html, "aria-current=\"step\"");
        assert!(now.contains("Stemmen</strong>"), "{backend}: {now}");
        assert_eq!(html.matches(">Klaar<").count(), 2, "{backend}");
        assert!(
            html.contains(&format!("Ingediend door</dt><dd>{AUTHOR}</dd>")),
            "{backend}: the author's name beside the plan"
        );
        assert!(
            !html.contains("annie@example.nl"),
            "{backend}: no e-mail address"
        );
        for path in [
            "/rondes".to_string(),
            format!("/plannen/{plan_id}"),
            "/".to_string(),
        ] {
            let (status, html) = app.get(&anon, &path).await;
            assert_eq!(status, 200, "{backend}: {path}");
            assert!(html.contains(stem_nu), "{backend}: Stem nu on {path}");
        }
        let (_, html) = app.get(&anon, &format!("/plannen/{plan_id}")).await;
        assert!(
            html.contains(AUTHOR),
            "{backend}: the author on the plan page"
        );
        // The link opens the page where a resident types the code of their letter.
        let (status, _) = app.get(&anon, "/stemmen?gebied=noordeinde").await;
        assert_eq!(status, 200, "{backend}");
    }
}

/// Signs in with the login form (and the authenticator code for staff) and returns where
/// the server sends the person.
async fn landing(app: &TestApp, email: &str, terug: &str) -> String {
    let c = app.client();
    let (_, page) = app.get(&c, "/inloggen").await;
    let r = c
        .post(app.url("/inloggen"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("email", email),
            ("password", PASSWORD),
            ("terug", terug),
        ])
        .send()
        .await
        .expect("login");
    let r = if r.status() == 200 {
        let html = r.text().await.expect("body");
        let code = app.code_for(email);
        c.post(app.url("/inloggen/code"))
            .form(&[
                ("csrf_token", csrf_token(&html).as_str()),
                ("ticket", hidden(&html, "ticket").as_str()),
                ("code", code.as_str()),
                ("terug", terug),
            ])
            .send()
            .await
            .expect("code")
    } else {
        r
    };
    assert_eq!(r.status(), 303, "{email}");
    let to = location(&r);
    // The landing page opens for this person.
    let (status, _) = app.get(&c, &to).await;
    assert_eq!(status, 200, "{email} on {to}");
    to
}

#[actix_web::test]
async fn after_login_each_role_lands_on_what_waits_for_it() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        {
            let mut c = app.conn();
            ledger_svc::create_area(&mut c, &admin(), "Wezep", "dorp").expect("area");
            add_coordinator(
                &mut c,
                &app.sealer(),
                "regie@example.nl",
                "Ria Regie",
                "wezep",
            );
        }
        for (role, email, expected) in [
            (
                Role::FinanceApprover,
                "fiat@example.nl",
                "/financien/goedkeuren",
            ),
            (Role::Council, "raad@example.nl", "/raad"),
            (
                Role::FinanceClerk,
                "fin@example.nl",
                "/financien/overboekingen",
            ),
            (Role::Admin, "beheer@example.nl", "/beheer/gebruikers"),
            (Role::Initiator, "bewoner@example.nl", "/"),
        ] {
            app.add_user(email, role);
            assert_eq!(
                landing(&app, email, "").await,
                expected,
                "{backend}: {role:?}"
            );
        }
        let to = landing(&app, "regie@example.nl", "").await;
        assert_eq!(to, "/#todo-coord", "{backend}: the coordinator's tasks");
        // Signed in for a particular page: back there, whatever the role.
        assert_eq!(
            landing(&app, "fiat@example.nl", "/rondes").await,
            "/rondes",
            "{backend}"
        );
        assert_eq!(
            landing(&app, "raad@example.nl", "/dorpen").await,
            "/dorpen",
            "{backend}"
        );
    }
}

/// The table rows of the transfers list, as their numbers (first column), in page order.
fn row_numbers(html: &str) -> Vec<i64> {
    html.split("<a href=\"/financien/overboekingen/")
        .skip(1)
        .filter_map(|part| {
            let text = part.split_once("\">")?.1;
            text.split_once("</a>")?.0.parse().ok()
        })
        .collect()
}

#[actix_web::test]
async fn the_transfers_list_is_newest_first_paged_and_filtered_in_the_database() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let clerk_mail = app.add_user("fin@example.nl", Role::FinanceClerk);
        let (pool_account, pending_seq) = {
            let mut c = app.conn();
            let small = seed_small(&mut c);
            // 60 contributions to 't Loo: with the 3 allocations of the import, 63 in all.
            for _ in 0..60 {
                fund_pool(&mut c, "t-loo", 1_000);
            }
            // One waiting for approval, one rejected, made by a person with a name.
            let fenna = person(
                &mut c,
                "fenna@example.nl",
                "Fenna Financiën",
                Role::FinanceClerk,
            );
            let propose = |c: &mut DbConn, memo: &str| {
                ledger_svc::propose_transfer(
                    c,
                    &fenna,
                    &ledger_svc::TransferInput {
                        id: uuid::Uuid::new_v4(),
                        kind: Some(TransferKind::BudgetToPool),
                        from_account: small.lines[0].account_id.clone(),
                        to_account: small.pools[0].account_id.clone(),
                        amount_cents: 50_000,
                        memo: memo.into(),
                        decision_ref: Some("Raadsbesluit 2025-14".into()),
                    },
                )
                .expect("proposal")
            };
            let pending = propose(&mut c, "Voor de speeltuin");
            let rejected = propose(&mut c, "Dubbel ingevoerd");
            ledger_svc::decide_transfer(&mut c, &approver(), &rejected.id, false, "Dubbel")
                .expect("reject");
            let loo = small
                .pools
                .iter()
                .find(|p| p.slug == "t-loo")
                .expect("pool")
                .account_id
                .clone();
            (loo, (pending.seq, pending.id))
        };
        let c = app.login(&clerk_mail).await;
        let list = "/financien/overboekingen";

        // 65 transfers: page 1 holds the 50 newest, newest first; page 2 the other 15.
        let (status, html) = app.get(&c, list).await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &["65 overboekingen gevonden.", "Pagina 1 van 2"],
            backend,
        );
        let first = row_numbers(&html);
        assert_eq!(first.len(), 50, "{backend}");
        assert_eq!(first[0], 65, "{backend}: newest first");
        assert!(first.windows(2).all(|w| w[0] > w[1]), "{backend}");
        assert!(
            html.contains("pagina=2\" rel=\"next\""),
            "{backend}: {html}"
        );
        let (_, html) = app.get(&c, &format!("{list}?pagina=2")).await;
        let second = row_numbers(&html);
        assert_eq!(second.len(), 15, "{backend}");
        assert_eq!(second.last(), Some(&1), "{backend}");
        // A page past the end shows the last page.
        let (status, html) = app.get(&c, &format!("{list}?pagina=99")).await;
        assert_eq!(status, 200, "{backend}");
        assert_eq!(row_numbers(&html), second, "{backend}");

        // Filters: kind and account together, the filter kept in the form and the links.
        let q =
            format!("{list}?rekening={pool_account}&soort=funder_contribution&status=&van=&tot=");
        let (_, html) = app.get(&c, &q).await;
        assert_contains_all(
            &html,
            &[
                "60 overboekingen gevonden.",
                "<option value=\"funder_contribution\" selected>",
                &format!("<option value=\"{pool_account}\" selected>"),
            ],
            backend,
        );
        assert!(
            html.contains(&format!("rekening={pool_account}&amp;soort=funder_contribution&amp;status=&amp;van=&amp;tot=&amp;pagina=2")),
            "{backend}: the page links keep the filter"
        );
        let (_, html) = app.get(&c, &format!("{list}?status=pending")).await;
        assert!(html.contains("1 overboeking gevonden."), "{backend}");
        assert_eq!(row_numbers(&html), vec![pending_seq.0], "{backend}");
        let (_, html) = app.get(&c, &format!("{list}?status=rejected")).await;
        assert!(html.contains("1 overboeking gevonden."), "{backend}");
        let (_, html) = app.get(&c, &format!("{list}?status=posted")).await;
        assert!(html.contains("63 overboekingen gevonden."), "{backend}");
        // Dutch days: today holds everything, tomorrow nothing.
        let today =
            burgerbegroting::domain::nl_time::to_local(chrono::Utc::now().naive_utc()).date();
        let tomorrow = today.succ_opt().expect("tomorrow");
        let (_, html) = app
            .get(&c, &format!("{list}?van={today}&tot={today}"))
            .await;
        assert!(html.contains("65 overboekingen gevonden."), "{backend}");
        assert!(
            html.contains(&format!("value=\"{today}\"")),
            "{backend}: kept"
        );
        let (_, html) = app.get(&c, &format!("{list}?van={tomorrow}")).await;
        assert!(html.contains("0 overboekingen gevonden."), "{backend}");
        // Bad filter values: a clear message on the page, what was typed kept.
        let (status, html) = app
            .get(&c, &format!("{list}?status=weg&van=gisteren&soort=payment"))
            .await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Kies een status uit de lijst.",
                "value=\"gisteren\"",
                "<option value=\"payment\" selected>",
            ],
            backend,
        );

        // One transfer: a number, not a UUID; the person's name, not their e-mail address.
        let (_, html) = app
            .get(&c, &format!("/financien/overboekingen/{}", pending_seq.1))
            .await;
        assert!(!html.contains("Kenmerk"), "{backend}");
        assert!(
            !html.contains(&format!(">{}<", pending_seq.1)),
            "{backend}: no UUID shown"
        );
        assert!(html.contains("Fenna Financiën"), "{backend}");
        assert!(!html.contains("fenna@example.nl"), "{backend}");
    }
}

#[actix_web::test]
async fn the_header_folds_into_a_menu_that_works_without_javascript() {
    let app = TestApp::spawn().await;
    let email = app.add_user("fin@example.nl", Role::FinanceClerk);
    let c = app.login(&email).await;
    let (_, html) = app.get(&c, "/financien/overboekingen").await;
    // The phone's menu is a <details> with the same links and the sign-out button.
    let start = html.find("<details class=\"menu\">").expect("phone menu");
    let menu = &html[start..start + html[start..].find("</details>").expect("end")];
    assert!(menu.contains("<summary>Menu</summary>"), "{menu}");
    assert!(menu.contains("href=\"/financien/overboekingen\""), "{menu}");
    assert!(menu.contains("action=\"/uitloggen\""), "{menu}");
    // The stylesheet shows it on screens of 480 px and less only.
    let css = app
        .client()
        .get(app.url("/static/app.css"))
        .send()
        .await
        .expect("css");
    let css = css.text().await.expect("body");
    assert!(
        css.contains("@media (max-width: 30rem)"),
        "30rem = 480 px at 16 px"
    );
    assert!(css.contains("header.site > nav.wide, header.site > .who { display: none; }"));
}

/// The village page names every plan of the year's rounds, not only the funded ones, each
/// with where it stands in the words residents read ("Op het stembiljet gezet", never
/// "Genomineerd") and linked to its page; the funded plan also under the money.
#[actix_web::test]
async fn the_village_page_lists_every_plan_of_the_year() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let (slug, ids) = {
            let mut c = app.conn();
            let area =
                ledger_svc::create_area(&mut c, &admin(), "Staphorst", "dorp").expect("area");
            fund_pool(&mut c, &area.slug, 2_000_000);
            // Spring: counted and closed; one plan chosen, one not, one rejected.
            let spring = rounds::create_round(
                &mut c,
                &admin(),
                &round_input(&area.slug, 1, "Voorjaar", None),
            )
            .expect("round")
            .round
            .id;
            let chosen = plan_by(&mut c, &admin(), &spring, "Speeltuin", 800_000);
            let not_chosen = plan_by(&mut c, &admin(), &spring, "Muziektent", 700_000);
            let rejected = plan_by(&mut c, &admin(), &spring, "Nieuwe stoep", 100_000);
            nominate(&mut c, &admin(), &chosen).expect("nominate");
            nominate(&mut c, &admin(), &not_chosen).expect("nominate");
            reject(&mut c, &admin(), &rejected, "Onderhoud van de gemeente.").expect("reject");
            rounds::open_voting(&mut c, &admin(), &spring).expect("open");
            for _ in 0..2 {
                vote_with_new_code(&mut c, &area.slug, 2026, &spring, &[chosen.to_string()]);
            }
            vote_with_new_code(&mut c, &area.slug, 2026, &spring, &[not_chosen.to_string()]);
            rounds::count_round(&mut c, &admin(), &spring).expect("count");
            without_objection_window(&mut c, &spring);
            rounds::close_round(&mut c, &admin(), &spring).expect("close");
            // Summer: still in review; one plan on the ballot, one not judged yet.
            let summer =
                rounds::create_round(&mut c, &admin(), &round_input(&area.slug, 2, "Zomer", None))
                    .expect("round")
                    .round
                    .id;
            let on_ballot = plan_by(&mut c, &admin(), &summer, "Bankjes", 200_000);
            let handed_in = plan_by(&mut c, &admin(), &summer, "Bloembakken", 50_000);
            nominate(&mut c, &admin(), &on_ballot).expect("nominate");
            (
                area.slug,
                [
                    (chosen, "Gekozen"),
                    (not_chosen, "Niet gekozen"),
                    (rejected, "Afgewezen"),
                    (on_ballot, "Op het stembiljet gezet"),
                    (handed_in, "Ingediend"),
                ],
            )
        };
        let (s, html) = app.get(&app.client(), &format!("/dorpen/{slug}")).await;
        assert_eq!(s, 200, "{backend}");
        let all = &html[html
            .find("Alle plannen in 2026")
            .expect("every plan listed")..];
        for (id, standing) in &ids {
            let item = item_with(all, &format!("href=\"/plannen/{id}\""));
            assert!(item.contains(standing), "{backend}: {standing}: {item}");
        }
        assert!(!html.contains("Genomineerd"), "{backend}");
        // Only the chosen plan is under the money.
        let funded = &html[html.find("Plannen die geld kregen").expect("funded plans")..];
        assert!(
            funded.contains(&format!("/plannen/{}", ids[0].0)),
            "{backend}"
        );
        assert!(
            !funded.contains(&format!("/plannen/{}", ids[1].0)),
            "{backend}"
        );
    }
}
