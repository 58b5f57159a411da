//! English beside Dutch (issue 10): both catalogues have the same keys and parse; every
//! key the source asks for is in them and every key in them is asked for; pages shown in
//! English (chosen with the link in the header, as a visitor does) carry no Dutch text of
//! the catalogues; the choice is kept by a cookie and Dutch is the default.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use burgerbegroting::domain::role::Role;
use burgerbegroting::service::demo;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use crate::helpers::*;

/// Public pages checked in English, for a visitor without an account. Add a page here as
/// soon as its view takes every text from the catalogue. `{round}`, `{plan}` and
/// `{village}` are replaced by a demo round, plan and village.
const PUBLIC_PAGES: &[&str] = &[
    "/",
    "/privacy",
    "/toegankelijkheid",
    "/rondes",
    "/rondes/{round}",
    "/dorpen",
    "/dorpen/{village}",
    "/plannen/{plan}",
    "/bestaat-niet",
    "/inloggen",
    "/registreren",
    "/stemmen",
    "/rondes/{round}/bezwaar",
    "/audit",
];

/// Staff pages checked in English, signed in as an account with the role. Add a page here
/// as soon as its view (and the handler's messages) take every text from the catalogue.
const STAFF_PAGES: &[(Role, &[&str])] = &[
    (
        Role::Admin,
        &[
            "/account",
            "/account/tweede-stap",
            "/account/wachtwoord",
            "/beheer",
            "/beheer/gebruikers",
            "/gebieden",
            "/gebieden/{village}/instellingen",
            "/beheer/stemcodes",
        ],
    ),
    (
        Role::Council,
        &["/raad", "/raad/gebeurtenissen", "/raad/rapport", "/audit"],
    ),
    // "/financien/potten/{slug}" waits for views/rounds.rs (its table of held money).
    (
        Role::FinanceClerk,
        &[
            "/financien/begroting",
            "/financien/begrotingsposten/{line}",
            "/financien/potten",
            "/financien/overboekingen",
            "/financien/overboekingen/nieuw",
            "/financien/overboekingen/{decided}",
            "/financien/import",
        ],
    ),
    (
        Role::FinanceApprover,
        &[
            "/financien/goedkeuren",
            "/financien/overboekingen/{waiting}",
        ],
    ),
    // The review of a plan, an area's rules and objection window, the objection forms.
    (
        Role::Admin,
        &[
            "/rondes/{review-round}/plannen/{review-plan}/beoordeling",
            "/gebieden/{village}/beoordeling",
            "/gebieden/{village}/bezwaartermijn",
            "/plannen/{plan}/bezwaar",
        ],
    ),
    (Role::SteeringGroup, &["/", "/stuurgroep/bezwaren"]),
    // A coordinator of every demo area (see `staff_pages_chosen_in_english_show_no_dutch_text`):
    // the round in each phase with its steps, a new round, a year at once, a pool.
    (
        Role::AreaCoordinator,
        &[
            "/rondes",
            "/rondes/jaar-plannen",
            "/rondes/pot/{village}",
            "/rondes/{open-round}",
            "/rondes/{review-round}",
            "/rondes/{round}",
            "/rondes/{counted-round}",
        ],
    ),
    (Role::Initiator, &["/rondes", "/rondes/{open-round}"]),
];

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Every message of one language: key -> the literal text pieces of its value (around
/// the placeholders, in every plural variant). Panics on a file that does not parse.
fn catalogue(lang: &str) -> BTreeMap<String, Vec<String>> {
    let mut messages = BTreeMap::new();
    let dir = locales().join(lang);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ftl files in {}", dir.display());
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read catalogue");
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let mut pieces = Vec::new();
                    if let Some(value) = &m.value {
                        pattern_texts(value, &mut pieces);
                    }
                    let key = m.id.name.to_string();
                    let again = messages.insert(key.clone(), pieces);
                    assert!(again.is_none(), "{lang}: {key} twice");
                }
                Entry::Junk { content } => panic!("{}: cannot read {content:?}", file.display()),
                _ => {}
            }
        }
    }
    messages
}

fn pattern_texts(p: &Pattern<&str>, out: &mut Vec<String>) {
    for element in &p.elements {
        match element {
            PatternElement::TextElement { value } => out.push(value.to_string()),
            PatternElement::Placeable { expression } => expression_texts(expression, out),
        }
    }
}

fn expression_texts(e: &Expression<&str>, out: &mut Vec<String>) {
    match e {
        Expression::Select { variants, .. } => {
            for v in variants {
                pattern_texts(&v.value, out);
            }
        }
        Expression::Inline(InlineExpression::Placeable { expression }) => {
            expression_texts(expression, out)
        }
        Expression::Inline(_) => {}
    }
}

#[test]
fn both_catalogues_have_the_same_keys_and_parse() {
    let nl: BTreeSet<String> = catalogue("nl").into_keys().collect();
    let en: BTreeSet<String> = catalogue("en").into_keys().collect();
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only in Dutch: {only_nl:?}; only in English: {only_en:?}"
    );
    // The same files on both sides, so each area's texts stay together.
    let files = |lang: &str| -> BTreeSet<String> {
        std::fs::read_dir(locales().join(lang))
            .expect("locale dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect()
    };
    assert_eq!(files("nl"), files("en"));
}

/// The keys the source asks for: the literal after `tr!(`, `tr_html!(`, `t(`, `t_args(` or
/// `msg_key!(`.
fn keys_in_source() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                for key in keys_in(&text) {
                    found
                        .entry(key)
                        .or_insert_with(|| path.display().to_string());
                }
            }
        }
    }
    found
}

fn keys_in(text: &str) -> Vec<String> {
    const CALLS: [&str; 5] = ["tr!(", "tr_html!(", "t(", "t_args(", "msg_key!("];
    let mut keys = Vec::new();
    for call in CALLS {
        let mut from = 0;
        while let Some(at) = text[from..].find(call) {
            let start = from + at;
            from = start + call.len();
            // `t(` only as a call of its own, not the end of `split(`.
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            // The key may stand on the next line (rustfmt).
            let Some(rest) = text[from..].trim_start().strip_prefix('"') else {
                continue;
            };
            // A key is kebab-case with an area prefix; other literals after a `t(` (a
            // test's own helper) are no keys.
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                let kebab = key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if kebab && key.contains('-') && key.starts_with(|c: char| c.is_ascii_lowercase()) {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys
}

#[test]
fn every_key_used_exists_and_every_key_is_used() {
    let nl = catalogue("nl");
    let used = keys_in_source();
    let missing: Vec<_> = used
        .iter()
        .filter(|(k, _)| !nl.contains_key(*k))
        .map(|(k, file)| format!("{k} ({file})"))
        .collect();
    assert!(
        missing.is_empty(),
        "used but not in the catalogue: {missing:?}"
    );
    let unused: Vec<_> = nl.keys().filter(|k| !used.contains_key(*k)).collect();
    assert!(
        unused.is_empty(),
        "in the catalogue but never used: {unused:?}"
    );
}

/// Dutch text of the catalogue that a page in English must not show: each literal piece
/// longer than 12 characters of a Dutch value that the English value does not have too.
fn dutch_only_texts() -> Vec<(String, String)> {
    let nl = catalogue("nl");
    let en = catalogue("en");
    let mut texts = Vec::new();
    for (key, pieces) in &nl {
        let english = en.get(key).cloned().unwrap_or_default().join(" ");
        for piece in pieces {
            let piece = piece.trim();
            if piece.chars().count() > 12 && !english.contains(piece) {
                texts.push((key.clone(), piece.to_string()));
            }
        }
    }
    texts
}

/// The page's text as a reader gets it (maud escapes these four), without the addresses of
/// links and forms: the site's paths are Dutch in both languages (`/financien/begrotingsposten/..`)
/// and nobody reads them as text.
fn unescaped(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = ["href=\"", "action=\"", "src=\""]
        .iter()
        .filter_map(|attr| rest.find(attr).map(|i| i + attr.len()))
        .min()
    {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('"').unwrap_or(rest.len())..];
    }
    text.push_str(rest);
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `href` of the header's link to `lang`.
fn language_link(html: &str, lang: &str) -> String {
    let marker = format!("hreflang=\"{lang}\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("a link to {lang} in the page"));
    let start = html[..at].rfind("href=\"").expect("href") + "href=\"".len();
    let end = start + html[start..].find('"').expect("end of href");
    unescaped(&html[start..end])
}

/// Chooses English with the header link on `from`, as a visitor does; returns where the
/// link sent the visitor back to.
pub async fn choose_english(app: &TestApp, client: &reqwest::Client, from: &str) -> String {
    let (_, page) = app.get(client, from).await;
    let link = language_link(&page, "en");
    assert!(link.starts_with("/taal/en?"), "{link}");
    let r = client.get(app.url(&link)).send().await.expect("choose");
    assert_eq!(r.status(), 303, "the language link redirects back");
    location(&r)
}

/// Asserts that `path` is shown in English: `<html lang="en">` and no Dutch text of the
/// catalogues. Returns the page.
pub async fn assert_english(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let (status, html) = app.get(client, path).await;
    assert!(status < 500, "{path}: {status}");
    assert!(html.contains("<html lang=\"en\">"), "{path} not in English");
    let text = unescaped(&html);
    let dutch: Vec<_> = dutch_only_texts()
        .into_iter()
        .filter(|(_, piece)| text.contains(piece.as_str()))
        .collect();
    assert!(
        dutch.is_empty(),
        "{path} shows Dutch: {dutch:?} in {:?}",
        dutch
            .iter()
            .map(|(_, piece)| in_context(&text, piece))
            .collect::<Vec<_>>()
    );
    html
}

/// Up to 80 characters either side of `piece` in `text`, to find where a Dutch text came from.
fn in_context(text: &str, piece: &str) -> String {
    let Some(at) = text.find(piece) else {
        return String::new();
    };
    let before: String = text[..at].chars().rev().take(80).collect();
    let after: String = text[at + piece.len()..].chars().take(80).collect();
    format!("{}{piece}{after}", before.chars().rev().collect::<String>())
}

/// Asserts that `html` (a page answered in English) shows no Dutch text of the catalogues.
pub fn assert_no_dutch(html: &str, what: &str) {
    let text = unescaped(html);
    let dutch: Vec<_> = dutch_only_texts()
        .into_iter()
        .filter(|(_, piece)| text.contains(piece.as_str()))
        .collect();
    assert!(dutch.is_empty(), "{what} shows Dutch: {dutch:?}");
}

/// A demo round, plan and village for the page list's placeholders: `{round}` is a round
/// in voting, `{open-round}` and `{counted-round}` one in that phase, `{review-plan}` a plan
/// waiting for its review and `{review-round}` its round.
fn demo_ids(app: &TestApp) -> [(&'static str, String); 7] {
    use burgerbegroting::db::schema::{areas, initiatives, rounds};
    use diesel::prelude::*;
    let mut c = app.conn();
    let mut in_phase = |status: &str| -> String {
        rounds::table
            .filter(rounds::status.eq(status))
            .select(rounds::id)
            .first(&mut *c)
            .unwrap_or_else(|e| panic!("a demo round in {status}: {e}"))
    };
    let round = in_phase("voting");
    let open_round = in_phase("open");
    let counted_round = in_phase("counted");
    let plan: String = initiatives::table
        .select(initiatives::id)
        .first(&mut *c)
        .expect("a plan");
    let village: String = areas::table
        .select(areas::slug)
        .first(&mut *c)
        .expect("a village");
    let (review_plan, review_round): (String, String) = initiatives::table
        .inner_join(rounds::table.on(rounds::id.eq(initiatives::round_id)))
        .filter(rounds::status.eq("review"))
        .filter(initiatives::status.eq("submitted"))
        .select((initiatives::id, rounds::id))
        .first(&mut *c)
        .expect("a plan waiting for its review");
    [
        ("{round}", round),
        ("{open-round}", open_round),
        ("{counted-round}", counted_round),
        ("{plan}", plan),
        ("{village}", village),
        ("{review-plan}", review_plan),
        ("{review-round}", review_round),
    ]
}

/// A budget line and two transfers of the demo for the finance pages: one decided (its
/// page says who decided) and one waiting for approval (its page has the decision form).
fn finance_ids(app: &TestApp) -> [(&'static str, String); 3] {
    use burgerbegroting::db::schema::{budget_lines, transfer_decisions, transfers};
    use diesel::dsl::{exists, not};
    use diesel::prelude::*;
    let mut c = app.conn();
    let line: String = budget_lines::table
        .select(budget_lines::id)
        .first(&mut *c)
        .expect("a budget line");
    let decided: String = transfer_decisions::table
        .select(transfer_decisions::transfer_id)
        .first(&mut *c)
        .expect("a decided transfer");
    let waiting: String = transfers::table
        .filter(transfers::needs_approval.eq(true))
        .filter(not(exists(
            transfer_decisions::table.filter(transfer_decisions::transfer_id.eq(transfers::id)),
        )))
        .select(transfers::id)
        .first(&mut *c)
        .expect("a transfer waiting for approval");
    [
        ("{line}", line),
        ("{decided}", decided),
        ("{waiting}", waiting),
    ]
}

/// A coordinator of every demo area (so the coordinator's forms and steps show on the
/// round pages), able to sign in as [`TestApp::add_user`]'s accounts do.
fn add_coordinator_of_every_area(app: &TestApp, email: &str) -> String {
    use burgerbegroting::db::schema::areas;
    use burgerbegroting::service::{auth, users, Principal};
    use diesel::prelude::*;
    let mut c = app.conn();
    let slugs: Vec<String> = areas::table
        .select(areas::slug)
        .order(areas::slug)
        .load(&mut *c)
        .expect("areas");
    let cli = Principal::cli();
    let role = Role::AreaCoordinator;
    let user = auth::add_user_in_area(&mut c, &cli, email, "", role, Some(&slugs[0]), PASSWORD)
        .expect("coordinator");
    for slug in &slugs[1..] {
        users::grant_role(&mut c, &cli, &user.id, role, Some(slug)).expect("grant");
    }
    enrol_second_factor(&mut c, &app.sealer(), &user.id);
    email.to_string()
}

/// A running application with the demo municipality (rounds in every phase).
async fn demo_app(db: TestDb) -> TestApp {
    let app = TestApp::spawn_on(db).await;
    demo::seed(&mut app.conn())
        .expect("demo")
        .expect("empty database");
    app
}

/// [`assert_english`] for each page of a list, its placeholders filled in from `ids`.
async fn assert_pages_english(
    app: &TestApp,
    client: &reqwest::Client,
    pages: &[&str],
    ids: &[(&str, String)],
) {
    for page in pages {
        let mut path = page.to_string();
        for (name, id) in ids {
            path = path.replace(name, id);
        }
        assert_english(app, client, &path).await;
    }
}

#[actix_web::test]
async fn pages_chosen_in_english_show_no_dutch_text() {
    for db in TestDb::all() {
        let app = demo_app(db).await;
        let ids = demo_ids(&app);
        let visitor = app.client();
        assert_eq!(choose_english(&app, &visitor, "/rondes").await, "/rondes");
        assert_pages_english(&app, &visitor, PUBLIC_PAGES, &ids).await;
    }
}

#[actix_web::test]
async fn staff_pages_chosen_in_english_show_no_dutch_text() {
    for db in TestDb::all() {
        let app = demo_app(db).await;
        let mut ids = demo_ids(&app).to_vec();
        ids.extend(finance_ids(&app));
        for (i, (role, pages)) in STAFF_PAGES.iter().enumerate() {
            let email = format!("staff{i}@i18n.example");
            let email = if *role == Role::AreaCoordinator {
                add_coordinator_of_every_area(&app, &email)
            } else {
                app.add_user(&email, *role)
            };
            let staff = app.client();
            assert_eq!(choose_english(&app, &staff, "/inloggen").await, "/inloggen");
            app.login_with(&staff, &email).await;
            assert_pages_english(&app, &staff, pages, &ids).await;
        }
    }
}

#[actix_web::test]
async fn dutch_is_the_default_and_the_choice_is_kept() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let visitor = app.client();
        let (_, home) = app.get(&visitor, "/").await;
        assert!(
            home.contains("<html lang=\"nl\">"),
            "{backend}: Dutch first"
        );
        // The link is written in the language it leads to.
        assert!(
            home.contains("lang=\"en\" hreflang=\"en\">English</a>"),
            "{backend}: {home}"
        );

        let back = choose_english(&app, &visitor, "/dorpen?x=1").await;
        assert_eq!(back, "/dorpen?x=1", "{backend}: back where the visitor was");
        for path in ["/", "/rondes", "/dorpen", "/bestaat-niet"] {
            let (_, page) = app.get(&visitor, path).await;
            assert!(page.contains("<html lang=\"en\">"), "{backend} {path}");
            assert!(
                page.contains("lang=\"nl\" hreflang=\"nl\">Nederlands</a>"),
                "{backend} {path}: the way back to Dutch"
            );
        }

        // Another visitor still gets Dutch; and Dutch can be chosen again.
        let (_, other) = app.get(&app.client(), "/rondes").await;
        assert!(other.contains("<html lang=\"nl\">"), "{backend}");
        let r = visitor
            .get(app.url("/taal/nl?terug=/rondes"))
            .send()
            .await
            .expect("choose Dutch");
        assert_eq!((r.status().as_u16(), location(&r)), (303, "/rondes".into()));
        let (_, again) = app.get(&visitor, "/rondes").await;
        assert!(again.contains("<html lang=\"nl\">"), "{backend}");

        // Only a path on this site is a way back; an unknown language is no page.
        let r = visitor
            .get(app.url("/taal/en?terug=//elders.example"))
            .send()
            .await
            .expect("choose");
        assert_eq!(location(&r), "/", "{backend}");
        let (status, _) = app.get(&visitor, "/taal/fr").await;
        assert_eq!(status, 404, "{backend}");
    }
}

#[actix_web::test]
async fn a_kept_round_page_is_kept_per_language() {
    use burgerbegroting::db::schema::rounds;
    use diesel::prelude::*;
    for db in TestDb::all() {
        let backend = db.backend;
        let app = demo_app(db).await;
        let round: String = rounds::table
            .filter(rounds::status.eq("closed"))
            .select(rounds::id)
            .first(&mut *app.conn())
            .expect("a closed round");
        let page = format!("/rondes/{round}");
        let dutch = app.client();
        let english = app.client();
        choose_english(&app, &english, &page).await;
        for _ in 0..2 {
            let (_, nl) = app.get(&dutch, &page).await;
            let (_, en) = app.get(&english, &page).await;
            assert!(nl.contains("<html lang=\"nl\">"), "{backend}");
            assert!(en.contains("<html lang=\"en\">"), "{backend}");
        }
    }
}
