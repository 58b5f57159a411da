//! Every route the application serves, read from the router's registrations in
//! `src/web/*.rs` (the one place routes are declared), so the OpenAPI check and the
//! hostile-input suite cover a new route without anyone adding it to a list.

use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Route {
    /// Upper case: GET, POST, DELETE, ...
    pub method: String,
    /// As registered, with the scope's prefix: `/api/v1/transfers/{id}`.
    pub path: String,
}

impl Route {
    pub fn is_api(&self) -> bool {
        self.path.starts_with("/api/")
    }

    /// The names of the path's parameters, in order (`{id}` gives `id`).
    pub fn params(&self) -> Vec<&str> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect()
    }

    /// The path with each parameter replaced by `fill(name)`.
    pub fn fill(&self, fill: impl Fn(&str) -> String) -> String {
        self.path
            .split('/')
            .map(
                |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) => fill(name),
                    None => s.to_string(),
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Reads `.route("PATH", web::METHOD()...)` from every file in `src/web`, prefixed with the
/// file's `web::scope("...")`. Fails when a `.route(` call is not understood, so the list
/// cannot silently miss one.
pub fn served() -> Vec<Route> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("src/web")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut routes = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("source");
        // Without whitespace a registration reads `.route("/x",web::get().to(h))`.
        let flat = crate::helpers::flat_source(&source);
        let prefix = flat
            .split("web::scope(\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("")
            .to_string();
        for (i, piece) in flat.split(".route(").enumerate().skip(1) {
            let parsed = piece.strip_prefix('"').and_then(|rest| {
                let (path, rest) = rest.split_once('"')?;
                let rest = rest.strip_prefix(",web::")?;
                let (method, _) = rest.split_once("()")?;
                Some(Route {
                    method: method.to_uppercase(),
                    path: format!("{prefix}{path}"),
                })
            });
            match parsed {
                Some(r) => {
                    routes.insert(r);
                }
                None => panic!(
                    "route registration {i} in {} is not of the form .route(\"PATH\", web::METHOD()...)",
                    file.display()
                ),
            }
        }
    }
    routes.into_iter().collect()
}

#[test]
fn the_route_list_is_read_from_the_router() {
    let all = served();
    let has = |m: &str, p: &str| all.iter().any(|r| r.method == m && r.path == p);
    // One from a plain `cfg.route`, one from the API's scope, one written over several lines.
    assert!(has("GET", "/inloggen"), "{all:?}");
    assert!(has("POST", "/api/v1/transfers/{id}/approve"), "{all:?}");
    assert!(has("DELETE", "/api/v1/session"), "{all:?}");
    assert!(all.len() > 60, "only {} routes read", all.len());
}
