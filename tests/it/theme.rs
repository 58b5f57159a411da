//! The municipality's theme: read from `theme_file` at start (a changed file shows after a
//! restart of the same binary, no rebuild), served as /thema.css and /logo, and bad values
//! refused at start with a message that names the key.

use std::path::{Path, PathBuf};

use burgerbegroting::startup::Application;

use crate::helpers::*;

const LOGO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/oldebroek/logo.svg");

/// A theme file (with the demo's logo beside it) in `dir`.
fn write_theme(dir: &Path, name: &str, brand: &str, phone: &str) -> PathBuf {
    std::fs::copy(LOGO, dir.join("logo.svg")).expect("copy logo");
    let path = dir.join("theme.toml");
    std::fs::write(
        &path,
        format!(
            r##"name = "{name}"
logo_file = "logo.svg"

[colors]
brand = "{brand}"
brand_text = "#ffffff"

[contact]
phone = "{phone}"
email = "info@gemeente.example"
address = "Dorpsstraat 1, 1234 AB Ergens"
opening_hours = "Maandag tot en met vrijdag 9.00 tot 12.00 uur"
website = "https://www.gemeente.example"

[texts]
intro = "Welkom bij de burgerbegroting van {name}."
privacy_controller = "Het college van {name}"
privacy_officer = "fg@gemeente.example"
accessibility_status = "Voldoet gedeeltelijk aan de eisen."
accessibility_checked = "november 2026"
"##
        ),
    )
    .expect("write theme");
    path
}

async fn spawn_with_theme(db: TestDb, theme: &Path) -> TestApp {
    let mut settings = db.settings();
    settings.theme_file = Some(theme.to_path_buf());
    TestApp::spawn_with(db, settings).await
}

#[actix_web::test]
async fn a_changed_theme_file_changes_the_pages_after_a_restart() {
    for db in TestDb::all() {
        let backend = db.backend;
        let dir = tempfile::tempdir().expect("dir");
        let theme = write_theme(dir.path(), "Gemeente Oldebroek", "#1f5c3a", "14 0525");
        let app = spawn_with_theme(db, &theme).await;
        let c = app.client();
        let (s, home) = app.get(&c, "/").await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            home.contains("<title>Welkom – Burgerbegroting Gemeente Oldebroek</title>"),
            "{backend}: {home}"
        );
        assert!(
            home.contains(r#"<img src="/logo" alt="" height="48">"#),
            "{home}"
        );
        assert!(home.contains("14 0525") && home.contains("href=\"tel:140525\""));
        assert!(home.contains("Dorpsstraat 1, 1234 AB Ergens"));
        assert!(home.contains("Maandag tot en met vrijdag 9.00 tot 12.00 uur"));
        assert!(home.contains("Welkom bij de burgerbegroting van Gemeente Oldebroek."));
        assert!(
            home.contains(r#"href="/privacy""#) && home.contains(r#"href="/toegankelijkheid""#)
        );
        let (_, css) = app.get(&c, "/thema.css").await;
        assert!(css.contains("--brand: #1f5c3a;"), "{css}");
        let logo = c.get(app.url("/logo")).send().await.expect("logo");
        assert_eq!(logo.status(), 200);
        assert_eq!(
            logo.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("image/svg+xml")
        );
        // The statements are real pages written for residents, with the theme's texts.
        let (s, privacy) = app.get(&c, "/privacy").await;
        assert_eq!(s, 200);
        assert!(privacy.contains("Het college van Gemeente Oldebroek is verantwoordelijk"));
        assert!(privacy.contains("fg@gemeente.example"));
        assert!(
            !privacy.contains("docs/security.md"),
            "no developer document"
        );
        let (s, a11y) = app.get(&c, "/toegankelijkheid").await;
        assert_eq!(s, 200);
        assert!(a11y.contains("<h1>Toegankelijkheidsverklaring</h1>"));
        assert!(
            a11y.contains("Voldoet gedeeltelijk aan de eisen.") && a11y.contains("november 2026")
        );
        assert!(a11y.contains("Neem dan contact op met de gemeente Oldebroek: bel 14 0525"));
        // The "contact the municipality" sentence on the voting page says how.
        let (_, vote) = app.get(&c, "/stemmen").await;
        assert!(
            vote.contains("Neem dan contact op met de gemeente Oldebroek: bel 14 0525 of mail naar info@gemeente.example."),
            "{vote}"
        );

        // Another municipality edits the same file; the same binary, restarted, shows it.
        let db = TestDb::sqlite();
        write_theme(dir.path(), "Gemeente Hoogeveen", "#7a1f3d", "14 0528");
        let app2 = spawn_with_theme(db, &theme).await;
        let (_, home2) = app2.get(&app2.client(), "/").await;
        assert!(home2.contains("Burgerbegroting Gemeente Hoogeveen"));
        assert!(home2.contains("14 0528") && !home2.contains("14 0525"));
        let (_, css2) = app2.get(&app2.client(), "/thema.css").await;
        assert!(css2.contains("--brand: #7a1f3d;"), "{css2}");
        // The first server keeps what it read at its start.
        let (_, again) = app.get(&c, "/").await;
        assert!(again.contains("Gemeente Oldebroek") && !again.contains("Hoogeveen"));
    }
}

#[actix_web::test]
async fn without_a_theme_the_pages_name_no_municipality() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let (_, home) = app.get(&c, "/").await;
    assert!(
        home.contains("<title>Welkom – Burgerbegroting</title>"),
        "{home}"
    );
    assert!(!home.contains("/logo"));
    assert!(home.contains(r#"href="/toegankelijkheid""#));
    let logo = c.get(app.url("/logo")).send().await.expect("logo");
    assert_eq!(logo.status(), 404);
    let (_, css) = app.get(&c, "/thema.css").await;
    assert!(css.contains("--brand: #00529b;"));
}

/// Each bad file and the words its refusal must contain.
fn bad_themes(dir: &Path) -> Vec<(PathBuf, Vec<&'static str>)> {
    let good = std::fs::read_to_string(write_theme(dir, "Gemeente X", "#1f5c3a", "14 0000"))
        .expect("read");
    let variant = |file: &str, text: String| {
        let p = dir.join(file);
        std::fs::write(&p, text).expect("write");
        p
    };
    vec![
        (
            variant("colour.toml", good.replace("#1f5c3a", "groen")),
            vec!["colors.brand", "\"groen\"", "geen kleur", "#rrggbb"],
        ),
        (
            variant(
                "inject.toml",
                good.replace("#1f5c3a", "#1f5c3a; } body { display: none"),
            ),
            vec!["colors.brand", "geen kleur"],
        ),
        (
            variant("contrast.toml", good.replace("#1f5c3a", "#9fd0ff")),
            vec!["contrast", "4.5 : 1", "WCAG AA"],
        ),
        (
            variant("logo.toml", good.replace("logo.svg", "ontbreekt.svg")),
            vec!["logo_file", "ontbreekt.svg", "niet te lezen"],
        ),
        (
            variant("unknown.toml", format!("kleur = \"rood\"\n{good}")),
            vec!["kleur"],
        ),
        (
            variant(
                "website.toml",
                good.replace("https://www.gemeente.example", "www.gemeente.example"),
            ),
            vec!["contact.website", "https://"],
        ),
        (dir.join("bestaat-niet.toml"), vec!["bestaat niet"]),
    ]
}

#[actix_web::test]
async fn bad_theme_values_are_refused_at_start_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    for (file, words) in bad_themes(dir.path()) {
        let db = TestDb::sqlite();
        let mut settings = db.settings();
        settings.theme_file = Some(file.clone());
        let err = match Application::build_with_pool(settings, db.pool()) {
            Ok(_) => panic!("{} was accepted", file.display()),
            Err(e) => format!("{e:#}"),
        };
        assert!(err.contains("themabestand"), "{err}");
        for w in words {
            assert!(err.contains(w), "{}: {err} lacks {w}", file.display());
        }
    }
}

#[test]
fn serve_refuses_a_bad_theme_before_it_starts() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = &bad_themes(dir.path())[0].0;
    let db = format!("sqlite://{}", dir.path().join("bb.db").display());
    let out = crate::helpers::bin()
        .env("BB_THEME_FILE", bad)
        .args(["serve", "--bind", "127.0.0.1:0", "--database", &db])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("fout: themabestand") && err.contains("colors.brand \"groen\" is geen kleur"),
        "{err}"
    );
    // Refused before the database was made.
    assert!(!dir.path().join("bb.db").exists());
}
