//! English beside Dutch (issue 10): both catalogues have the same keys and parse; every
//! key the source asks for is in them and every key in them is asked for; pages shown in
//! English (chosen with the link in the header, as a visitor does) carry no Dutch text of
//! the catalogues; the choice is kept by a cookie and Dutch is the default.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use burgerbegroting::domain::role::Role;
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
            "/",
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
        &[
            "/",
            "/raad",
            "/raad/gebeurtenissen",
            "/raad/rapport",
            "/audit",
        ],
    ),
    (
        Role::FinanceClerk,
        &[
            "/",
            "/financien/potten/{voting-village}",
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
            "/",
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
            "/",
            "/rondes",
            "/rondes/jaar-plannen",
            "/rondes/pot/{voting-village}",
            "/rondes/{open-round}",
            "/rondes/{review-round}",
            "/rondes/{round}",
            "/rondes/{counted-round}",
        ],
    ),
    (Role::Initiator, &["/", "/rondes", "/rondes/{open-round}"]),
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
    assert_no_dutch_words(app, &html, path);
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

/// Common Dutch words that no English text of ours contains (each is no English word, or
/// one too rare in a user interface to matter). A page shown in English that has one
/// outside the data it shows (a plan's Dutch title, a village's name) has a text that did
/// not come from the catalogue: hard-coded Dutch in a view or a handler.
const DUTCH_WORDS: &[&str] = &[
    "aan",
    "alle",
    "als",
    "bedrag",
    "bedragen",
    "begroting",
    "beheer",
    "bekijk",
    "bezwaar",
    "bij",
    "dan",
    "de",
    "deze",
    "dit",
    "dorp",
    "dorpen",
    "een",
    "geen",
    "gemeente",
    "goedkeuren",
    "heeft",
    "hebben",
    "het",
    "hier",
    "inloggen",
    "jaar",
    "kies",
    "kwartaal",
    "maar",
    "met",
    "moet",
    "naar",
    "naam",
    "nee",
    "niet",
    "nieuw",
    "nieuwe",
    "nog",
    "om",
    "ook",
    "op",
    "opslaan",
    "overboeking",
    "overboekingen",
    "plannen",
    "raad",
    "ronde",
    "rondes",
    "stem",
    "stemmen",
    "te",
    "terug",
    "tot",
    "totaal",
    "uit",
    "uitloggen",
    "uw",
    "van",
    "voor",
    "waar",
    "wachtwoord",
    "wat",
    "welke",
    "wij",
    "wordt",
    "worden",
    "zijn",
];

/// The text a reader sees or hears on the page: the text between the tags and the
/// `aria-label`, `alt`, `title` and `placeholder` attributes, without scripts, styles and
/// literal `<code>`.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..=close];
        for attr in ["aria-label=\"", "alt=\"", "title=\"", "placeholder=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                out.push(' ');
            }
        }
        rest = &rest[close + 1..];
        // `<code>` holds literal text in the format a file or the system needs (the Dutch
        // column names of a spreadsheet), the same in every language.
        for skipped in ["script", "style", "code"] {
            if tag.starts_with(&format!("<{skipped}>")) || tag.starts_with(&format!("<{skipped} "))
            {
                let end = format!("</{skipped}>");
                rest = rest.find(&end).map_or("", |at| &rest[at + end.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn has_dutch_word(text: &str) -> bool {
    words(text).any(|w| DUTCH_WORDS.contains(&w.to_lowercase().as_str()))
}

#[derive(diesel::QueryableByName)]
struct TextValue {
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    value: Option<String>,
}

/// Every text the database holds (each line of each value of each table) that has a
/// Dutch word in it, longest first, and the official taakveld names: the data a page may
/// show as it is in any language (a plan's title, an account's name, a memo).
fn data_texts(app: &TestApp) -> Vec<String> {
    use burgerbegroting::db::conn::DbConn;
    use diesel::RunQueryDsl;
    let mut c = app.conn();
    let c: &mut DbConn = &mut c;
    let names = |c: &mut DbConn, sql: String| -> Vec<String> {
        let rows: Vec<TextValue> = match c {
            DbConn::Sqlite(c) => diesel::sql_query(sql).load(c),
            DbConn::Postgres(c) => diesel::sql_query(sql).load(c),
        }
        .expect("names");
        rows.into_iter().filter_map(|r| r.value).collect()
    };
    let sqlite = matches!(c, DbConn::Sqlite(_));
    let tables = if sqlite {
        names(
            c,
            "SELECT name AS value FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__diesel%'"
                .into(),
        )
    } else {
        names(
            c,
            "SELECT tablename::text AS value FROM pg_tables \
             WHERE schemaname = 'public' AND tablename NOT LIKE '__diesel%'"
                .into(),
        )
    };
    let mut texts = std::collections::BTreeSet::new();
    for table in tables {
        let columns = if sqlite {
            names(
                c,
                format!("SELECT name AS value FROM pragma_table_info('{table}')"),
            )
        } else {
            names(
                c,
                format!(
                    "SELECT column_name::text AS value FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = '{table}' \
                     AND data_type IN ('text', 'character varying', 'json', 'jsonb')"
                ),
            )
        };
        for column in columns {
            // Only text values (no bytes such as a sealed secret or a photo).
            let sql = if sqlite {
                format!(
                    "SELECT \"{column}\" AS value FROM \"{table}\" \
                     WHERE typeof(\"{column}\") = 'text'"
                )
            } else {
                format!("SELECT CAST(\"{column}\" AS TEXT) AS value FROM \"{table}\"")
            };
            let values = names(c, sql);
            for v in values {
                for line in v.lines() {
                    let line = line.trim();
                    if has_dutch_word(line) {
                        texts.insert(line.to_string());
                    }
                }
            }
        }
    }
    for year in 2017..=2030 {
        for t in burgerbegroting::domain::taakveld::all_for_year(year) {
            texts.insert(t.name.to_string());
        }
    }
    let mut texts: Vec<String> = texts.into_iter().collect();
    texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    texts
}

/// The Dutch words of [`DUTCH_WORDS`] in `html` (a page answered in English) outside the
/// data it shows, each with its context.
pub fn dutch_words(html: &str, data: &[String]) -> Vec<String> {
    let mut text = visible_text(html);
    for d in data {
        if text.contains(d.as_str()) {
            text = text.replace(d.as_str(), " | ");
        }
    }
    words(&text)
        .filter(|w| DUTCH_WORDS.contains(&w.to_lowercase().as_str()))
        .map(|w| format!("{w}: {}", in_context(&text, w)))
        .collect()
}

/// Asserts that `html` (the English page `path`) has no word of [`DUTCH_WORDS`] outside
/// the data the demo holds.
pub fn assert_no_dutch_words(app: &TestApp, html: &str, path: &str) {
    let found = dutch_words(html, &data_texts(app));
    assert!(found.is_empty(), "{path} shows Dutch words: {found:#?}");
}

#[test]
fn the_dutch_word_check_finds_dutch_outside_data_only() {
    let data = vec!["Bankjes bij de speeltuin".to_string()];
    let page = "<html lang=\"en\"><head><style>.de{}</style></head><body>\
                <h1>Plan: Bankjes bij de speeltuin</h1><p>The plan is funded.</p>\
                <a href=\"/rondes/de\" aria-label=\"Terug naar de ronde\">Back</a></body></html>";
    let found = dutch_words(page, &data);
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found.iter().all(|f| !f.contains("Bankjes")), "{found:?}");
    assert!(dutch_words("<p>Nothing Dutch here, only English text.</p>", &data).is_empty());
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
fn demo_ids(app: &TestApp) -> [(&'static str, String); 8] {
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
    // The village of the round in voting: its pot holds the round's reservation.
    let voting_village: String = rounds::table
        .inner_join(areas::table.on(areas::id.eq(rounds::area_id)))
        .filter(rounds::id.eq(&round))
        .select(areas::slug)
        .first(&mut *c)
        .expect("the village of the round in voting");
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
        ("{voting-village}", voting_village),
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

/// The import page after a CBS file was read in, in English: its notes (what was skipped
/// and why) are messages in the page's language, amounts in English notation.
#[actix_web::test]
async fn the_import_page_after_an_import_is_english() {
    for db in TestDb::all() {
        let backend = db.backend;
        // Without the demo, whose ledger already holds other lines under the same codes.
        let app = TestApp::spawn_on(db).await;
        let clerk = app.add_user("clerk@import.i18n.example", Role::FinanceClerk);
        let c = app.client();
        choose_english(&app, &c, "/inloggen").await;
        app.login_with(&c, &clerk).await;
        let (_, form) = app.get(&c, "/financien/import").await;
        let bytes = std::fs::read(CBS_SAMPLE).expect("sample");
        let (status, html) = post_file(
            &app,
            &c,
            "/financien/import",
            &[
                ("csrf_token", &csrf_token(&form)),
                ("gemeente", "Hoogeveen"),
            ],
            (&bytes, "cbs.csv", Some("text/csv")),
        )
        .await;
        assert_eq!(status, 200, "{backend}: {}", visible_text(&html));
        assert!(html.contains("<html lang=\"en\">"), "{backend}");
        assert!(
            html.contains("Source: CBS (Iv3 open data)") && html.contains("(-€216,000)"),
            "{backend}: the notes in English: {html}"
        );
        assert_no_dutch(&html, "the import page after an import");
        assert_no_dutch_words(&app, &html, "the import page after an import");
    }
}

/// A resident's whole voting journey in English on the demo (the code form, the voter's
/// page, the ballot, the check, the receipt): every step in English, no Dutch words
/// outside the data (plan titles, village names).
#[actix_web::test]
async fn a_resident_votes_in_english() {
    use burgerbegroting::db::schema::{areas, initiatives, rounds};
    use diesel::prelude::*;
    for db in TestDb::all() {
        let backend = db.backend;
        let app = demo_app(db).await;
        let (round, year, area, plan): (String, i32, String, String) = {
            let mut c = app.conn();
            let (round, year, area): (String, i32, String) = rounds::table
                .inner_join(areas::table.on(areas::id.eq(rounds::area_id)))
                .filter(rounds::status.eq("voting"))
                .select((rounds::id, rounds::year, areas::slug))
                .first(&mut *c)
                .expect("a demo round in voting");
            let plan: String = initiatives::table
                .filter(initiatives::round_id.eq(&round))
                .filter(initiatives::status.eq("nominated"))
                .order(initiatives::amount_cents.asc())
                .select(initiatives::id)
                .first(&mut *c)
                .expect("a plan on the ballot");
            (round, year, area, plan)
        };
        let code = burgerbegroting::service::voting_codes::generate_batch(
            &mut app.conn(),
            &admin(),
            &area,
            year,
            1,
        )
        .expect("codes")
        .codes
        .remove(0);
        let resident = app.client();
        let start = format!("/stemmen?gebied={area}");
        choose_english(&app, &resident, &start).await;
        let form = assert_english(&app, &resident, &start).await;
        let r = resident
            .post(app.url("/stemmen"))
            .form(&[
                ("csrf_token", csrf_token(&form).as_str()),
                ("code", code.formatted().as_str()),
                ("gebied", area.as_str()),
            ])
            .send()
            .await
            .expect("post code");
        assert_eq!(r.status(), 303, "{backend}: code accepted");
        assert_english(&app, &resident, &format!("/stemmen/{area}")).await;
        let ballot = format!("/stemmen/{area}/rondes/{round}");
        let page = assert_english(&app, &resident, &ballot).await;
        let token = csrf_token(&page);
        let choice = [("csrf_token", token.as_str()), ("keuze", plan.as_str())];
        for step in ["controleren", "uitbrengen"] {
            let (status, html) =
                post_form(&app, &resident, &format!("{ballot}/{step}"), &choice).await;
            assert_eq!(status, 200, "{backend} {step}: {}", visible_text(&html));
            assert!(html.contains("<html lang=\"en\">"), "{backend} {step}");
            assert_no_dutch(&html, step);
            assert_no_dutch_words(&app, &html, step);
        }
    }
}

/// Amounts follow the page's language both ways: an English pot page refuses the Dutch
/// notation with the English example (keeping what was typed), accepts `1,500.25` and
/// shows `€1,500.25`; the same money on a Dutch page reads `€ 1.500,25`.
#[actix_web::test]
async fn amounts_are_typed_and_shown_in_the_page_language() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = demo_app(db).await;
        let email = add_coordinator_of_every_area(&app, "pot@i18n.example");
        let village = demo_ids(&app)[4].1.clone();
        fund_pool(&mut app.conn(), &village, 1_000_000);
        let page = format!("/rondes/pot/{village}");
        let en = app.client();
        choose_english(&app, &en, "/inloggen").await;
        app.login_with(&en, &email).await;
        let form = assert_english(&app, &en, &page).await;
        let token = csrf_token(&form);
        let earmark = |amount: &'static str| {
            [
                ("csrf_token", token.clone()),
                ("amount", amount.to_string()),
                ("reason", "Speeltuin aan de Dorpsstraat".to_string()),
            ]
        };
        let (status, html) = post_form(&app, &en, &page, &earmark("1.500,25")).await;
        assert_eq!(status, 422, "{backend}");
        assert!(
            html.contains("This is not a valid amount. Write it like this: 1,234.56"),
            "{backend}: {}",
            visible_text(&html)
        );
        assert!(html.contains("value=\"1.500,25\""), "{backend}: kept");
        let (status, html) = post_form(&app, &en, &page, &earmark("1,500.25")).await;
        let shown = visible_text(&html);
        let problem = shown
            .find("Set money aside")
            .map_or(shown.as_str(), |at| &shown[at.saturating_sub(600)..]);
        assert_eq!(status, 303, "{backend}: accepted: {problem}");
        let html = assert_english(&app, &en, &page).await;
        assert!(
            html.contains("€1,500.25"),
            "{backend}: {}",
            visible_text(&html)
        );

        let nl = app.client();
        app.login_with(&nl, &email).await;
        let (_, html) = app.get(&nl, &page).await;
        assert!(html.contains("<html lang=\"nl\">"), "{backend}");
        assert!(html.contains("€\u{a0}1.500,25"), "{backend}");
        assert!(!html.contains("€1,500.25"), "{backend}");
    }
}
