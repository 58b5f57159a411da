//! The round pages over real HTTP on every backend: a coordinator sets up a round, an
//! initiator submits plans, the coordinator reviews them, opens voting, enters paper
//! ballots and closes the round; the result and the published ballots are public.

use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{Plan, PlanStatus, RoundId};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::{rounds, voting_codes, Principal};
use burgerbegroting::tally::Election;

use crate::helpers::post_page_form as post;
use crate::helpers::*;

const LOO: &str = "loo@example.nl";
const OOST: &str = "oost@example.nl";
const INITIATOR: &str = "bewoner@example.nl";

/// A running app with three villages, a coordinator for 't Loo, one for Oosterwolde
/// and an initiator.
async fn app_on(db: TestDb) -> TestApp {
    let app = TestApp::spawn_on(db).await;
    {
        let mut c = app.conn();
        for name in ["'t Loo", "Oosterwolde", "Wezep"] {
            let area = ledger_svc::create_area(&mut c, &admin(), name, "dorp").expect("area");
            crate::helpers::fund_pool(&mut c, &area.slug, 10_000_000);
        }
        for (email, slug) in [(LOO, "t-loo"), (OOST, "oosterwolde")] {
            add_coordinator(&mut c, &app.sealer(), email, "", slug);
        }
    }
    app.add_user(INITIATOR, Role::Initiator);
    app
}

fn round_form<'a>(area: &'a str, budget: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("area", area),
        ("year", "2026"),
        ("quarter", "3"),
        ("title", "Groen in de zomer"),
        ("budget", budget),
        ("ballot_rule", "approval"),
        ("max_choices", ""),
        ("count_rule", "greedy"),
    ]
}

/// The round id from a redirect to its page.
fn round_id(location: &str) -> RoundId {
    RoundId::from(
        location
            .trim_start_matches("/rondes/")
            .split(['?', '#', '/'])
            .next()
            .unwrap_or(""),
    )
}

#[actix_web::test]
async fn a_coordinator_creates_a_round_and_bad_input_is_kept() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = app_on(db).await;
        let loo = app.login(LOO).await;
        let (status, html) = app.get(&loo, "/rondes").await;
        assert_eq!(status, 200, "{backend}");
        assert!(html.contains("action=\"/rondes\""), "{backend}: the form");
        assert!(html.contains("value=\"t-loo\""), "{backend}: own area");
        assert!(
            !html.contains("value=\"oosterwolde\""),
            "{backend}: only areas the coordinator manages"
        );

        // A bad budget: the Dutch message next to the field, everything typed kept.
        let (status, html) = post(
            &app,
            &loo,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "25.000,5x"),
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("Fout: Dit is geen geldig bedrag. Schrijf het zo: 1.234,56"),
            "{backend}: {html}"
        );
        assert!(
            html.contains("href=\"#budget\""),
            "{backend}: summary links"
        );
        assert_contains_all(
            &html,
            &[
                "value=\"25.000,5x\"",
                "value=\"Groen in de zomer\"",
                "value=\"t-loo\" selected",
                "value=\"3\" selected",
            ],
            backend,
        );

        // A coordinator of another village may not create a round for 't Loo.
        let oost = app.login(OOST).await;
        let (status, html) = post(
            &app,
            &oost,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "25.000,00"),
        )
        .await;
        assert_eq!(status, 403, "{backend}");
        assert!(html.contains("Geen toegang"), "{backend}");
        // An initiator gets no form and may not post one.
        let ini = app.login(INITIATOR).await;
        let (_, html) = app.get(&ini, "/rondes").await;
        assert!(!html.contains("action=\"/rondes\""), "{backend}");
        let (status, _) = post(
            &app,
            &ini,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "25.000,00"),
        )
        .await;
        assert_eq!(status, 403, "{backend}");
        assert!(
            rounds::list(&mut app.conn(), &Principal::resident())
                .expect("list")
                .is_empty(),
            "{backend}: nothing was created"
        );

        let (status, to) = post(
            &app,
            &loo,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "25.000,00"),
        )
        .await;
        assert_eq!(status, 303, "{backend}");
        let id = round_id(&to);
        let v = rounds::round(&mut app.conn(), &Principal::resident(), &id).expect("round");
        assert_eq!(v.round.budget_cents, 2_500_000, "{backend}");
        assert_eq!((v.round.year, v.round.quarter), (2026, 3), "{backend}");
        assert_eq!(v.area.slug, "t-loo", "{backend}");

        // The same quarter again: refused on the quarter field.
        let (status, html) = post(
            &app,
            &loo,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "1.000"),
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("heeft al een ronde in kwartaal 3 van 2026"),
            "{backend}"
        );

        // Public: the list and the round page, without a session.
        let anon = app.client();
        let (status, html) = app.get(&anon, "/rondes").await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &[
                &format!("href=\"/rondes/{id}\""),
                "Open voor plannen",
                "€\u{a0}25.000,00",
            ],
            backend,
        );
        assert!(!html.contains("action=\"/rondes\""), "{backend}");
        let (status, html) = app.get(&anon, &to).await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Groen in de zomer",
                "Meeste stemmen eerst",
                "/inloggen?terug=/rondes/",
            ],
            backend,
        );
        let (status, _) = app.get(&anon, "/rondes/bestaat-niet").await;
        assert_eq!(status, 404, "{backend}");

        // Opening without a plan on the ballot: the reason on the page, still open.
        let (status, html) =
            post_confirmed(&app, &loo, &to, &format!("/rondes/{id}/stemmen-openen")).await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Er staat nog geen plan op het stembiljet.",
                "href=\"#stemmen-openen\"",
            ],
            backend,
        );

        // A round nobody voted in can still be closed, without an error page.
        {
            let mut c = app.conn();
            let plan = rounds::submit_initiative(
                &mut c,
                &admin(),
                &id,
                &rounds::InitiativeInput {
                    title: "Bloembakken".into(),
                    summary: "Tien bakken.".into(),
                    amount_cents: 1_000,
                    taakveld: "5.7".into(),
                },
            )
            .expect("plan");
            crate::helpers::nominate(&mut c, &admin(), &plan.id).expect("nominate");
        }
        let (status, _) =
            post_confirmed(&app, &loo, &to, &format!("/rondes/{id}/stemmen-openen")).await;
        assert_eq!(status, 303, "{backend}");
        let (status, html) = post_confirmed(&app, &loo, &to, &format!("/rondes/{id}/tellen")).await;
        assert_eq!(status, 303, "{backend}: {html}");
        let (status, html) = app.get(&anon, &to).await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &[
                "0 inwoners hebben gestemd.",
                "<td>Bloembakken</td>",
                "In deze ronde is niet gestemd.",
            ],
            backend,
        );
    }
}

/// The plans of a round by number.
fn plans(app: &TestApp, id: &RoundId) -> Vec<Plan> {
    let mut v = rounds::round(&mut app.conn(), &Principal::resident(), id)
        .expect("round")
        .initiatives;
    v.sort_by_key(|i| i.number);
    v
}

/// The tracker shown after a paper ballot.
fn tracker_in(html: &str) -> String {
    let marker = "op het stembiljet: <strong><code>";
    let start = html
        .find(marker)
        .map(|i| i + marker.len())
        .expect("tracker");
    let end = html[start..].find('<').expect("end");
    html[start..start + end].to_string()
}

#[actix_web::test]
async fn a_round_from_plans_to_the_published_result() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = app_on(db).await;
        let loo = app.login(LOO).await;
        let oost = app.login(OOST).await;
        let ini = app.login(INITIATOR).await;
        let anon = app.client();
        let (status, to) = post(
            &app,
            &loo,
            "/rondes",
            "/rondes",
            &round_form("t-loo", "8.000,00"),
        )
        .await;
        assert_eq!(status, 303, "{backend}");
        let id = round_id(&to);
        let page = format!("/rondes/{id}");

        // The initiator sees the plan form and submits three plans.
        let (_, html) = app.get(&ini, &page).await;
        assert!(
            html.contains(&format!("action=\"/rondes/{id}/plannen\"")),
            "{backend}"
        );
        let (_, html) = app.get(&anon, &page).await;
        assert!(
            !html.contains(&format!("action=\"/rondes/{id}/plannen\"")),
            "{backend}: no form for visitors"
        );
        let plan_path = format!("/rondes/{id}/plannen");
        let (status, html) = post(
            &app,
            &ini,
            &page,
            &plan_path,
            &[
                ("title", "Bankjes bij de speeltuin"),
                ("summary", "Drie bankjes van 800 euro."),
                ("amount", "2.500,00"),
                ("kosten-1-omschrijving", "Drie bankjes"),
                ("kosten-1-bedrag", "2.400,00"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "tellen op tot",
                "value=\"Bankjes bij de speeltuin\"",
                "Drie bankjes van 800 euro.",
                "value=\"2.400,00\"",
            ],
            backend,
        );
        // Residents are not asked for the municipality's taakveld.
        assert!(!html.contains("name=\"taakveld\""), "{backend}");
        for (title, amount) in [
            ("Bankjes bij de speeltuin", "2.500,00"),
            ("Jeu-de-boulesbaan", "6.000"),
            ("Nieuwe stoep", "1.000,00"),
        ] {
            let (status, to) = post(
                &app,
                &ini,
                &page,
                &plan_path,
                &[
                    ("title", title),
                    ("summary", "Voor iedereen in het dorp."),
                    ("amount", amount),
                ],
            )
            .await;
            assert_eq!(status, 303, "{backend}: {title}");
            assert!(to.contains("gedaan=plan"), "{backend}");
        }
        let p = plans(&app, &id);
        assert_eq!(p.len(), 3, "{backend}");
        assert!(
            p.iter().all(|i| i.status == PlanStatus::Submitted),
            "{backend}"
        );
        let (_, html) = app.get(&anon, &page).await;
        assert!(html.contains("Plan 2: Jeu-de-boulesbaan"), "{backend}");
        assert!(
            !html.contains("5.7 Openbaar groen"),
            "{backend}: assigned at review"
        );
        assert!(html.contains("Ingediend"), "{backend}");

        // Another village's coordinator may not review or open voting.
        let review = |n: usize| format!("/rondes/{id}/plannen/{}/beoordeling", p[n].id);
        let (status, _) = post(
            &app,
            &oost,
            "/rondes",
            &review(0),
            &[("besluit", "nomineren"), ("reason", "")],
        )
        .await;
        assert_eq!(status, 403, "{backend}");
        let (status, _) = post_confirmed(
            &app,
            &oost,
            "/rondes",
            &format!("/rondes/{id}/stemmen-openen"),
        )
        .await;
        assert_eq!(status, 403, "{backend}");
        let (_, html) = app.get(&oost, &page).await;
        assert!(
            !html.contains("/beoordeling\""),
            "{backend}: no review forms"
        );
        assert_eq!(
            plans(&app, &id)[0].status,
            PlanStatus::Submitted,
            "{backend}"
        );

        // Rejecting needs a public reason.
        let (status, html) = post(
            &app,
            &loo,
            &page,
            &review(2),
            &[("besluit", "afwijzen"), ("reason", "  ")],
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Fout: Schrijf op waarom het plan niet door gaat.",
                "href=\"#reason\"",
            ],
            backend,
        );
        assert_eq!(
            plans(&app, &id)[2].status,
            PlanStatus::Submitted,
            "{backend}"
        );
        let (status, _) = post(
            &app,
            &loo,
            &page,
            &review(2),
            &[
                ("besluit", "afwijzen"),
                ("oordeel-3", "fails"),
                ("toelichting-3", "Een stoep is onderhoud."),
                ("bedrag", "1.000,00"),
                ("reason", "Een stoep is gewoon onderhoud van de gemeente."),
            ],
        )
        .await;
        assert_eq!(status, 303, "{backend}");
        for (n, amount) in [(0, "2.500,00"), (1, "6.000,00")] {
            let (status, _) = post(
                &app,
                &loo,
                &page,
                &review(n),
                &[
                    ("besluit", "nomineren"),
                    ("oordeel-1", "meets"),
                    ("oordeel-2", "meets"),
                    ("oordeel-3", "meets"),
                    ("oordeel-4", "meets"),
                    ("oordeel-5", "meets"),
                    ("taakveld", "5.7"),
                    ("bedrag", amount),
                    ("reason", ""),
                ],
            )
            .await;
            assert_eq!(status, 303, "{backend}");
        }
        let statuses: Vec<&str> = plans(&app, &id)
            .into_iter()
            .map(|i| i.status.as_str())
            .collect();
        assert_eq!(
            statuses,
            ["nominated", "nominated", "rejected"],
            "{backend}"
        );
        let (_, html) = app.get(&anon, &page).await;
        assert_contains_all(
            &html,
            &["Genomineerd", "Afgewezen", "5.7 Openbaar groen"],
            backend,
        );
        assert!(
            html.contains("Een stoep is gewoon onderhoud van de gemeente."),
            "{backend}: the reason is public"
        );

        // The ballots are not published while the round is open or voting.
        let (status, _) = app.get(&anon, &format!("/rondes/{id}/stemmen.pb")).await;
        assert_eq!(status, 404, "{backend}");

        // Open voting: the rules are frozen and the fingerprint is shown.
        let (status, to) =
            post_confirmed(&app, &loo, &page, &format!("/rondes/{id}/stemmen-openen")).await;
        assert_eq!(status, 303, "{backend}");
        assert!(to.contains("gedaan=stemmen"), "{backend}");
        let fp = rounds::round(&mut app.conn(), &Principal::resident(), &id)
            .expect("round")
            .round
            .fingerprint
            .expect("fingerprint");
        assert_eq!(fp.len(), 64, "{backend}");
        let (_, html) = app.get(&anon, &page).await;
        assert_contains_all(&html, &["Vingerafdruk van de regels", &fp], backend);
        assert!(
            !html.contains("Tot nu toe gestemd"),
            "{backend}: staff only"
        );
        let (_, html) = app.get(&ini, &page).await;
        assert!(
            !html.contains(&format!("action=\"/rondes/{id}/plannen\"")),
            "{backend}: no plans while voting"
        );
        let (_, html) = app.get(&loo, &page).await;
        assert!(
            html.contains("Tot nu toe gestemd: <strong>0 stemmen</strong>"),
            "{backend}"
        );
        // Reviews are frozen now.
        let (status, html) = post(
            &app,
            &loo,
            &page,
            &review(1),
            &[
                ("besluit", "afwijzen"),
                ("oordeel-1", "fails"),
                ("toelichting-1", "toch niet"),
                ("bedrag", "6.000,00"),
                ("reason", "toch niet"),
            ],
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert!(html.contains("de beoordeling ligt vast"), "{backend}");

        // Paper ballots with real codes from the letters.
        let codes = voting_codes::generate_batch(&mut app.conn(), &admin(), "t-loo", 2026, 3)
            .expect("codes")
            .codes;
        let paper = format!("/rondes/{id}/papieren-stem");
        let first = codes[0].formatted();
        let (status, html) = post(
            &app,
            &loo,
            &page,
            &paper,
            &[
                ("code", first.as_str()),
                ("keuze", p[0].id.as_str()),
                ("keuze", p[1].id.as_str()),
            ],
        )
        .await;
        assert_eq!(status, 200, "{backend}");
        assert!(html.contains("De stem is opgeslagen."), "{backend}");
        let tracker = tracker_in(&html);
        assert_eq!(tracker.len(), 11, "{backend}: {tracker}");
        assert_contains_all(
            &html,
            &[
                "Gekozen plannen: 1, 2.",
                "Tot nu toe gestemd: <strong>1 stem</strong>",
            ],
            backend,
        );
        assert_eq!(
            rounds::round(&mut app.conn(), &Principal::resident(), &id)
                .expect("round")
                .ballots,
            Some(1),
            "{backend}"
        );
        // The same code again: refused, the code kept, nothing stored.
        let (status, html) = post(
            &app,
            &loo,
            &page,
            &paper,
            &[("code", first.as_str()), ("keuze", p[0].id.as_str())],
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Met deze code is in deze ronde al gestemd.",
                &format!("value=\"{first}\""),
            ],
            backend,
        );
        // A typing error in the code, and a ballot without a choice.
        let (status, html) = post(
            &app,
            &loo,
            &page,
            &paper,
            &[("code", "ABCD-EFGH"), ("keuze", p[0].id.as_str())],
        )
        .await;
        assert_eq!(status, 422, "{backend}");
        assert!(html.contains("hoort niet bij deze ronde"), "{backend}");
        let second = codes[1].formatted().to_lowercase();
        let (status, html) = post(&app, &loo, &page, &paper, &[("code", second.as_str())]).await;
        assert_eq!(status, 422, "{backend}");
        assert_contains_all(
            &html,
            &[
                "Fout: Kies minstens één plan.",
                &format!("value=\"{second}\""),
            ],
            backend,
        );
        // A coordinator of another village may not enter ballots here.
        let third = codes[2].formatted();
        let (status, _) = post(
            &app,
            &oost,
            "/rondes",
            &paper,
            &[("code", third.as_str()), ("keuze", p[0].id.as_str())],
        )
        .await;
        assert_eq!(status, 403, "{backend}");
        assert_eq!(
            rounds::round(&mut app.conn(), &Principal::resident(), &id)
                .expect("round")
                .ballots,
            Some(1),
            "{backend}"
        );
        for (code, assisted) in [(second.as_str(), "ja"), (third.as_str(), "")] {
            let (status, _) = post(
                &app,
                &loo,
                &page,
                &paper,
                &[
                    ("code", code),
                    ("keuze", p[0].id.as_str()),
                    ("geholpen", assisted),
                ],
            )
            .await;
            assert_eq!(status, 200, "{backend}");
        }
        let ballots = rounds::round(&mut app.conn(), &Principal::resident(), &id)
            .expect("round")
            .ballots;
        assert_eq!(ballots, Some(3), "{backend}");

        // Another village's coordinator may not count or close; the coordinator does,
        // and only in that order.
        let count = format!("/rondes/{id}/tellen");
        let close = format!("/rondes/{id}/afsluiten");
        let (status, _) = post_confirmed(&app, &oost, "/rondes", &count).await;
        assert_eq!(status, 403, "{backend}");
        let (status, html) = post_confirmed(&app, &loo, &page, &close).await;
        assert_eq!(status, 422, "{backend}: closing before the count");
        assert!(html.contains("Alleen een getelde ronde"), "{backend}");
        let (status, to) = post_confirmed(&app, &loo, &page, &count).await;
        assert_eq!(status, 303, "{backend}");
        assert!(to.contains("gedaan=geteld"), "{backend}");
        let (status, _) = post_confirmed(&app, &oost, "/rondes", &close).await;
        assert_eq!(status, 403, "{backend}");
        crate::helpers::without_objection_window(&mut app.conn(), &id);
        let (status, to) = post_confirmed(&app, &loo, &page, &close).await;
        assert_eq!(status, 303, "{backend}");
        assert!(to.contains("gedaan=afgesloten"), "{backend}");

        // The result: plan 1 (3 votes, € 2.500) is funded; plan 2 (1 vote, € 6.000)
        // no longer fits in what is left.
        let v = rounds::round(&mut app.conn(), &Principal::resident(), &id).expect("round");
        let result = serde_json::to_value(v.result().expect("result")).expect("json");
        let explanation = |n: &str| {
            result["plans"]
                .as_array()
                .and_then(|a| a.iter().find(|x| x["number"] == n))
                .and_then(|x| x["explanation"].as_str())
                .unwrap_or("")
                .to_string()
        };
        assert!(!explanation("1").is_empty(), "{backend}");
        let (status, html) = app.get(&anon, &page).await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &["De telling per plan", &explanation("1"), &explanation("2")],
            backend,
        );
        let row = |title: &str| {
            let start = html.find(&format!("<td>{title}</td>")).expect("row");
            let end = html[start..].find("</tr>").expect("end of row") + start;
            html[start..end].to_string()
        };
        assert!(
            row("Bankjes bij de speeltuin").contains("<strong>Gekozen</strong>"),
            "{backend}"
        );
        assert!(row("Bankjes bij de speeltuin").contains("<td class=\"num\">3</td>"));
        assert!(
            row("Jeu-de-boulesbaan").contains("<td>Niet gekozen</td>"),
            "{backend}"
        );
        assert!(
            html.contains("Aan de gekozen plannen gaat <strong><span class=\"amount\">€\u{a0}2.500,00</span></strong>"),
            "{backend}"
        );
        assert!(html.contains("€\u{a0}5.500,00"), "{backend}: left over");
        // The published ballot list holds the receipt; the voter can find it.
        assert_contains_all(
            &html,
            &[
                &format!("<code>{tracker}</code>"),
                "Zoek uw controlecode",
                &format!("href=\"/rondes/{id}/stemmen.pb\""),
            ],
            backend,
        );
        // Written for residents: the result first, chosen or not (never "Genomineerd"
        // after the count), a card per plan with its author and a link to its page, the
        // bar with the figures in text, and the fingerprint below all that.
        assert!(!html.contains("Genomineerd"), "{backend}");
        let at = |needle: &str| {
            html.find(needle)
                .unwrap_or_else(|| panic!("{backend}: {needle}"))
        };
        assert!(
            at("id=\"uitslag\"") < at("Vingerafdruk van de regels"),
            "{backend}"
        );
        assert!(
            at("id=\"uitslag\"") < at("De telling per plan"),
            "{backend}"
        );
        assert_contains_all(
            &html,
            &[
                "class=\"budget-bar\"",
                "Naar de gekozen plannen",
                "Blijft over",
            ],
            backend,
        );
        let card = |title: &str| {
            let start = html[..at(title)]
                .rfind("<li class=\"plan-card")
                .expect("card");
            let end = html[start..].find("</li>").expect("end of card") + start;
            html[start..end].to_string()
        };
        let chosen = card("Bankjes bij de speeltuin");
        assert!(chosen.contains("plan-card chosen"), "{backend}: {chosen}");
        assert!(
            chosen.contains(">Gekozen</p>") || chosen.contains("Gekozen"),
            "{backend}"
        );
        assert!(
            chosen.contains(&format!("Door {INITIATOR}")),
            "{backend}: {chosen}"
        );
        assert!(
            chosen.contains(&format!("href=\"/plannen/{}\"", p[0].id)),
            "{backend}"
        );
        let not_chosen = card("Jeu-de-boulesbaan");
        assert!(
            not_chosen.contains("Niet gekozen"),
            "{backend}: {not_chosen}"
        );
        // The phase timeline: the result is the current step, the others are done.
        let current = at("aria-current=\"step\"");
        assert!(
            html[current..].find("Uitslag</strong>").is_some(),
            "{backend}"
        );
        assert_eq!(
            html.matches("aria-current=\"step\"").count(),
            1,
            "{backend}"
        );
        // The receipt search on the result: typed in small letters, found with its plans;
        // a wrong one gets a clear message and is kept in the field.
        let (status, html) = app
            .get(
                &anon,
                &format!("{page}?controlecode={}", tracker.to_lowercase()),
            )
            .await;
        assert_eq!(status, 200, "{backend}");
        assert_contains_all(
            &html,
            &[
                &format!("Uw stem met controlecode {tracker} is meegeteld."),
                "Gekozen: plan 1, plan 2.",
                &format!("href=\"/audit?controlecode={tracker}\""),
            ],
            backend,
        );
        let (_, html) = app
            .get(&anon, &format!("{page}?controlecode=ZZZZZ-ZZZZZ"))
            .await;
        assert_contains_all(
            &html,
            &[
                "De controlecode ZZZZZ-ZZZZZ staat niet bij de stemmen van deze ronde",
                "value=\"ZZZZZ-ZZZZZ\"",
            ],
            backend,
        );
        // The plan page says chosen too.
        let (_, html) = app.get(&anon, &format!("/plannen/{}", p[0].id)).await;
        assert!(!html.contains("Genomineerd"), "{backend}");
        let (_, html) = app.get(&loo, &page).await;
        assert!(
            !html.contains(&paper),
            "{backend}: no paper form after closing"
        );

        // The anonymised ballots as a pabulib file that recounts.
        let r = anon
            .get(app.url(&format!("/rondes/{id}/stemmen.pb")))
            .send()
            .await
            .expect("pb");
        assert_eq!(r.status(), 200, "{backend}");
        let header = |name: &str| {
            r.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(header("content-type"), "text/plain; charset=utf-8");
        assert!(
            header("content-disposition").starts_with("attachment; filename=\"ronde-t-loo-2026"),
            "{backend}"
        );
        let text = r.text().await.expect("body");
        let election = Election::parse(&text).expect("parses");
        assert_eq!(Some(election.ballots.len() as i64), ballots, "{backend}");
        assert_eq!(election.voter_count(), 3, "{backend}");
        assert!(text.contains(&tracker), "{backend}");
        assert!(!text.contains(&codes[0].handle().to_string()), "{backend}");
    }
}
