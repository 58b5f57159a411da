//! The municipality's identity: name, logo, colours, contact details and the texts of the
//! privacy and accessibility statements. Read from `theme_file` (TOML) at start, so a
//! municipality changes it without a rebuild; a bad value stops the start with a message
//! that says which key and why. See docs/theming.md.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use figment::providers::{Format, Toml};
use figment::Figment;
use serde::Deserialize;

/// The largest logo file accepted: a header logo is small, and it is held in memory.
pub const MAX_LOGO_BYTES: usize = 200 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub logo: Option<Logo>,
    /// The logo shows the name itself: the written name is then only for screen readers.
    pub logo_contains_name: bool,
    pub colors: Colors,
    pub contact: Contact,
    pub texts: Texts,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    pub brand: String,
    pub brand_text: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: String,
    pub email: String,
    pub address: String,
    pub opening_hours: String,
    pub website: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub intro: String,
    pub privacy_controller: String,
    pub privacy_officer: String,
    pub accessibility_status: String,
    pub accessibility_checked: String,
}

/// The file as written; checked and turned into a [`Theme`] by [`Theme::load`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: String,
    logo_file: Option<PathBuf>,
    #[serde(default)]
    logo_contains_name: bool,
    colors: Colors,
    contact: Contact,
    texts: Texts,
}

/// The demo's theme (Oldebroek), built in so `burgerbegroting demo` shows it without a
/// settings file. The same files are in `themes/oldebroek/` as an example to copy.
const DEMO_TOML: &str = include_str!("../themes/oldebroek/theme.toml");
const DEMO_LOGO: &[u8] = include_bytes!("../themes/oldebroek/logo.svg");

impl Theme {
    /// Read and check a theme file. The error names the file, the key and the rule.
    pub fn load(path: &Path) -> Result<Theme, String> {
        if !path.is_file() {
            return Err(format!("themabestand {} bestaat niet", path.display()));
        }
        let file: ThemeFile = Figment::from(Toml::file(path))
            .extract()
            .map_err(|e| format!("themabestand {}: {e}", path.display()))?;
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        let logo = match &file.logo_file {
            Some(rel) => Some(
                read_logo(&dir.join(rel))
                    .map_err(|e| format!("themabestand {}: logo_file: {e}", path.display()))?,
            ),
            None => None,
        };
        Theme::checked(file, logo).map_err(|e| format!("themabestand {}: {e}", path.display()))
    }

    /// The built-in demo theme (Gemeente Oldebroek, example contact details).
    pub fn demo() -> Theme {
        let file: ThemeFile = Figment::from(Toml::string(DEMO_TOML))
            .extract()
            .expect("the built-in demo theme parses (tested)");
        let logo = Logo {
            bytes: DEMO_LOGO.to_vec(),
            content_type: "image/svg+xml",
        };
        Theme::checked(file, Some(logo)).expect("the built-in demo theme is valid (tested)")
    }

    /// Without a theme file: no municipality named, the original blue, and contact
    /// sentences that point to the municipality's own website.
    pub fn generic() -> Theme {
        Theme {
            name: "Burgerbegroting".into(),
            logo: None,
            logo_contains_name: false,
            colors: Colors {
                brand: "#00529b".into(),
                brand_text: "#ffffff".into(),
            },
            contact: Contact::default(),
            texts: Texts::default(),
        }
    }

    fn checked(file: ThemeFile, logo: Option<Logo>) -> Result<Theme, String> {
        let name = file.name.trim().to_string();
        if name.is_empty() {
            return Err("name is leeg: vul de naam van de gemeente in".into());
        }
        let brand = parse_colour("colors.brand", &file.colors.brand)?;
        let text = parse_colour("colors.brand_text", &file.colors.brand_text)?;
        let on_brand = contrast(brand, text);
        if on_brand < 4.5 {
            return Err(format!(
                "colors.brand_text {} op colors.brand {} heeft een contrast van {:.1} : 1; \
                 dat moet minstens 4.5 : 1 zijn (WCAG AA), anders kan niet iedereen de tekst lezen",
                file.colors.brand_text, file.colors.brand, on_brand
            ));
        }
        let on_white = contrast(brand, (255, 255, 255));
        if on_white < 4.5 {
            return Err(format!(
                "colors.brand {} op wit heeft een contrast van {:.1} : 1; dat moet minstens \
                 4.5 : 1 zijn (WCAG AA): kies een donkerdere kleur",
                file.colors.brand, on_white
            ));
        }
        let website = file.contact.website.trim();
        if !website.is_empty() && !website.starts_with("https://") {
            return Err(format!(
                "contact.website \"{website}\" moet beginnen met https://"
            ));
        }
        let email = file.contact.email.trim();
        if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
            return Err(format!("contact.email \"{email}\" is geen e-mailadres"));
        }
        Ok(Theme {
            name,
            logo,
            logo_contains_name: file.logo_contains_name && file.logo_file.is_some(),
            colors: Colors {
                brand: file.colors.brand.trim().to_ascii_lowercase(),
                brand_text: file.colors.brand_text.trim().to_ascii_lowercase(),
            },
            contact: file.contact,
            texts: file.texts,
        })
    }

    /// The stylesheet with the theme's colours as CSS custom properties (after app.css).
    pub fn stylesheet(&self) -> String {
        format!(
            ":root {{ --brand: {}; --brand-text: {}; }}\n",
            self.colors.brand, self.colors.brand_text
        )
    }
}

fn read_logo(path: &Path) -> Result<Logo, String> {
    let content_type = match path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => return Err(format!("{} is geen .svg- of .png-bestand", path.display())),
    };
    let bytes =
        std::fs::read(path).map_err(|e| format!("{} is niet te lezen: {e}", path.display()))?;
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(format!(
            "{} is {} kB; een logo mag hoogstens {} kB zijn",
            path.display(),
            bytes.len() / 1024,
            MAX_LOGO_BYTES / 1024
        ));
    }
    let looks_right = match content_type {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        _ => std::str::from_utf8(&bytes).is_ok_and(|t| t.contains("<svg")),
    };
    if !looks_right {
        return Err(format!(
            "{} is geen geldig {}-bestand",
            path.display(),
            if content_type == "image/png" {
                "PNG"
            } else {
                "SVG"
            }
        ));
    }
    Ok(Logo {
        bytes,
        content_type,
    })
}

/// `#rrggbb` or `#rgb` only: the value goes into a stylesheet, so nothing else may pass.
pub fn parse_colour(key: &str, value: &str) -> Result<(u8, u8, u8), String> {
    let v = value.trim();
    let bad = || format!("{key} \"{value}\" is geen kleur; schrijf #rrggbb, bijvoorbeeld #1f5c3a");
    let hex = v.strip_prefix('#').ok_or_else(bad)?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).map_err(|_| bad());
    match hex.len() {
        6 => Ok((digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
        3 => {
            let (r, g, b) = (digit(0, 1)?, digit(1, 1)?, digit(2, 1)?);
            Ok((r * 17, g * 17, b * 17))
        }
        _ => Err(bad()),
    }
}

/// WCAG 2.1 contrast ratio of two sRGB colours. Floating point is fine here: this is the
/// WCAG formula on colours, never money, and only compared with 4.5.
#[allow(clippy::float_arithmetic)]
pub fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    fn lum((r, g, b): (u8, u8, u8)) -> f64 {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)
    }
    let (la, lb) = (lum(a), lum(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

thread_local! {
    /// The theme of the server this worker thread belongs to. Every actix worker thread
    /// builds its `App` once (in `startup`), and sets this there; the views read it, so
    /// the ~40 page functions need no extra parameter. Threads that are no server's
    /// worker (CLI, unit tests) see the generic theme.
    static CURRENT: RefCell<Arc<Theme>> = RefCell::new(Arc::new(Theme::generic()));
}

/// Make `theme` the one this thread's pages show (called once per worker thread).
pub fn install(theme: Arc<Theme>) {
    CURRENT.with(|c| *c.borrow_mut() = theme);
}

/// The theme of the server this thread works for.
pub fn current() -> Arc<Theme> {
    CURRENT.with(|c| c.borrow().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_theme_is_valid() {
        let t = Theme::demo();
        assert_eq!(t.name, "Gemeente Oldebroek");
        assert!(t.logo.is_some());
    }

    #[test]
    fn colours_are_hex_only() {
        assert_eq!(parse_colour("k", "#1f5c3a"), Ok((0x1f, 0x5c, 0x3a)));
        assert_eq!(parse_colour("k", "#fff"), Ok((255, 255, 255)));
        for bad in [
            "red",
            "#12",
            "1f5c3a",
            "#1f5c3g",
            "#1f5c3a; } body { display:none",
        ] {
            let e = parse_colour("colors.brand", bad).expect_err(bad);
            assert!(
                e.contains("colors.brand") && e.contains("geen kleur"),
                "{e}"
            );
        }
    }

    #[test]
    #[allow(clippy::float_arithmetic)]
    fn contrast_matches_wcag_examples() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
    }
}
