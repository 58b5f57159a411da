//! Scheduling a year at once, through the form (`/rondes/jaar-plannen`) and the command
//! line (`rounds schedule`), on every backend: 1 to 4 rounds per chosen area with the same
//! dates and rules, all or nothing. A bad area or a clash with an existing round makes
//! nothing; the form then shows every error at once and keeps everything typed.

use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{Calendar, CountRule, RoundStatus};
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::rounds::{self as svc, RoundView};
use burgerbegroting::service::Principal;

use crate::helpers::*;

const ADMIN: &str = "beheer@oldebroek.example";

fn all_rounds(app_or_conn: &mut burgerbegroting::db::DbConn) -> Vec<RoundView> {
    svc::list(app_or_conn, &Principal::resident()).expect("rounds")
}

/// The opening tag of the checkbox with `value` in group `name`.
fn checkbox<'a>(html: &'a str, name: &str, value: &str) -> &'a str {
    let marker = format!("name=\"{name}\" value=\"{value}\"");
    let at = html.find(&marker).expect("checkbox");
    let start = html[..at].rfind('<').expect("tag start");
    let end = at + html[at..].find('>').expect("tag end");
    &html[start..end]
}

async fn post_schedule(
    app: &TestApp,
    c: &reqwest::Client,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let (s, page) = app.get(c, "/rondes/jaar-plannen").await;
    assert_eq!(s, 200);
    let token = csrf_token(&page);
    let mut form = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let r = c
        .post(app.url("/rondes/jaar-plannen"))
        .form(&form)
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    if s == 303 {
        let to = location(&r);
        return (s, to);
    }
    (s, r.text().await.unwrap_or_default())
}

#[actix_web::test]
async fn the_schedule_form_makes_every_round_or_none_and_keeps_what_was_typed() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        {
            let mut c = app.conn();
            for name in ["'t Loo", "Wezep", "Oosterwolde"] {
                ledger_svc::create_area(&mut c, &admin(), name, "dorp").expect("area");
            }
        }
        app.add_user(ADMIN, Role::Admin);
        let adm = app.login(ADMIN).await;

        // Everything wrong at once: every message, every typed value kept.
        let (s, html) = post_schedule(
            &app,
            &adm,
            &[
                ("year", "twintig"),
                ("title", "Smederij voorjaar"),
                ("budget", "veel"),
                ("ballot_rule", "approval"),
                ("max_choices", "3"),
                ("count_rule", "mes"),
                ("plan_weeks", "0"),
                ("review_weeks", "2"),
                ("voting_weeks", "99"),
            ],
        )
        .await;
        assert_eq!(s, 422, "{backend}");
        for msg in [
            "Kies een of meer kwartalen.",
            "Kies een of meer dorpen of wijken.",
            "Vul een aantal weken in, van 1 tot 26.",
        ] {
            assert!(html.contains(msg), "{backend}: {msg}");
        }
        assert!(
            html.contains("href=\"#year\""),
            "{backend}: year in the summary"
        );
        assert!(
            html.contains("href=\"#budget\""),
            "{backend}: budget in the summary"
        );
        assert_contains_all(
            &html,
            &["href=\"#plan_weeks\"", "href=\"#voting_weeks\""],
            backend,
        );
        for kept in [
            "value=\"twintig\"",
            "value=\"Smederij voorjaar\"",
            "value=\"veel\"",
            "value=\"3\"",
            "value=\"0\"",
            "value=\"99\"",
        ] {
            assert!(html.contains(kept), "{backend}: {kept} kept");
        }
        assert!(all_rounds(&mut app.conn()).is_empty(), "{backend}");

        // Wezep has a round in quarter 3 already: scheduling quarters 2 and 3 in 't Loo
        // and Wezep makes nothing, names the clash, and keeps the ticks.
        {
            let mut c = app.conn();
            svc::schedule_year(
                &mut c,
                &admin(),
                &svc::ScheduleInput {
                    year: 2028,
                    quarters: vec![3],
                    areas: svc::AreaChoice::parse("wezep"),
                    title: "Eerder".into(),
                    budget_cents: 100_000,
                    ballot_rule: burgerbegroting::domain::round::BallotRule::Knapsack,
                    count_rule: CountRule::Greedy,
                    plan_weeks: 4,
                    review_weeks: 1,
                    voting_weeks: 1,
                },
            )
            .expect("one round");
        }
        let fields = |areas: &[&'static str], quarters: &[&'static str]| {
            let mut f: Vec<(&str, &str)> = vec![
                ("year", "2028"),
                ("title", "Smederij"),
                ("budget", "10.000,00"),
                ("ballot_rule", "approval"),
                ("max_choices", "3"),
                ("count_rule", "mes"),
                ("plan_weeks", "6"),
                ("review_weeks", "2"),
                ("voting_weeks", "2"),
            ];
            f.extend(areas.iter().map(|a| ("areas", *a)));
            f.extend(quarters.iter().map(|q| ("quarters", *q)));
            f
        };
        let (s, html) = post_schedule(&app, &adm, &fields(&["t-loo", "wezep"], &["2", "3"])).await;
        assert_eq!(s, 422, "{backend}");
        assert_contains_all(&html, &["Er is niets gepland", "Wezep kwartaal 3"], backend);
        for (name, value) in [
            ("areas", "t-loo"),
            ("areas", "wezep"),
            ("quarters", "2"),
            ("quarters", "3"),
        ] {
            assert!(
                checkbox(&html, name, value).contains("checked"),
                "{backend}: {name} {value} kept"
            );
        }
        assert!(!checkbox(&html, "areas", "oosterwolde").contains("checked"));
        assert!(!checkbox(&html, "quarters", "1").contains("checked"));
        assert!(html.contains("value=\"10.000,00\""), "{backend}");
        assert_eq!(
            all_rounds(&mut app.conn()).len(),
            1,
            "{backend}: nothing made"
        );

        // An area that does not exist (a stale form) also makes nothing.
        let (s, html) = post_schedule(&app, &adm, &fields(&["t-loo", "nergens"], &["1"])).await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            html.contains("Het gebied nergens bestaat niet."),
            "{backend}"
        );
        assert_eq!(all_rounds(&mut app.conn()).len(), 1, "{backend}");

        // 't Loo and Oosterwolde, four quarters: eight rounds, the same dates and rules
        // per quarter.
        let (s, to) = post_schedule(
            &app,
            &adm,
            &fields(&["t-loo", "oosterwolde"], &["1", "2", "3", "4"]),
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        assert_eq!(to, "/rondes?gepland=8", "{backend}");
        let made: Vec<RoundView> = all_rounds(&mut app.conn())
            .into_iter()
            .filter(|v| v.round.title.starts_with("Smederij 2028"))
            .collect();
        assert_eq!(made.len(), 8, "{backend}");
        for q in 1..=4 {
            let of_q: Vec<&RoundView> = made.iter().filter(|v| v.round.quarter == q).collect();
            assert_eq!(of_q.len(), 2, "{backend}");
            let want = Calendar::for_quarter(2028, q, 6, 2, 2).expect("calendar");
            for v in of_q {
                assert_eq!(v.round.calendar, Some(want), "{backend}");
                assert_eq!(v.round.budget_cents, 1_000_000);
                assert_eq!(v.round.count_rule, CountRule::EqualShares);
                assert_eq!(v.round.ballot_rule.max_choices(), Some(3));
                assert_eq!(v.round.status, RoundStatus::Open);
            }
        }
        let (_, list) = app.get(&adm, &to).await;
        assert!(list.contains("Smederij 2028 kwartaal 4"), "{backend}");
    }
}

#[test]
fn the_command_line_schedules_a_year_all_or_nothing() {
    for db in TestDb::all() {
        let backend = db.backend;
        let pool = db.pool();
        {
            let mut c = pool.get().expect("conn");
            for name in ["'t Loo", "Wezep"] {
                ledger_svc::create_area(&mut c, &admin(), name, "dorp").expect("area");
            }
        }
        let schedule = |quarters: &str, areas: &str| {
            bin()
                .args([
                    "rounds",
                    "schedule",
                    "--year",
                    "2029",
                    "--quarters",
                    quarters,
                    "--areas",
                    areas,
                    "--budget",
                    "7.500,00",
                    "--count-rule",
                    "mes",
                    "--database",
                    &db.url,
                ])
                .output()
                .expect("run")
        };
        let out = schedule("1,2,3,4", "all");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{backend}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("8 rondes gepland"), "{backend}: {stdout}");
        let made = all_rounds(&mut pool.get().expect("conn"));
        assert_eq!(made.len(), 8, "{backend}");
        assert!(made
            .iter()
            .all(|v| v.round.count_rule == CountRule::EqualShares
                && v.round.budget_cents == 750_000
                && v.round.calendar.is_some()));

        // A clash in one area, or an unknown area: a failing exit code, nothing made.
        for (quarters, areas) in [("2", "wezep"), ("1", "t-loo,nergens")] {
            let out = schedule(quarters, areas);
            assert!(!out.status.success(), "{backend}: {areas}");
            assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty());
            assert_eq!(
                all_rounds(&mut pool.get().expect("conn")).len(),
                8,
                "{backend}"
            );
        }
        let out = schedule("5", "wezep");
        assert!(!out.status.success(), "{backend}: quarter 5");
    }
}
