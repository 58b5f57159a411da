//! A clone tests anywhere: no code, test, benchmark or CI script reads a file outside the
//! repository (the project's research folder beside it included). Test data lives in
//! `tests/data/` with its provenance and licence.

use std::path::{Component, Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Folders whose files are code or scripts; `tests/data` holds data only and is skipped, as
/// are installed packages.
const SCANNED: [&str; 4] = ["src", "tests", "benches", ".ci"];
const SKIPPED: [&str; 3] = ["tests/data", "tests/e2e/node_modules", "target"];
const CODE: [&str; 8] = ["rs", "sh", "mjs", "js", "py", "toml", "yml", "yaml"];

fn code_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path.strip_prefix(ROOT).unwrap_or(&path);
        if SKIPPED.iter().any(|s| relative.starts_with(s)) {
            continue;
        }
        if path.is_dir() {
            code_files(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| CODE.contains(&e))
        {
            out.push(path);
        }
    }
}

fn all_code_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in SCANNED {
        code_files(&Path::new(ROOT).join(dir), &mut files);
    }
    for file in ["Cargo.toml", "build.rs"] {
        let path = Path::new(ROOT).join(file);
        if path.exists() {
            files.push(path);
        }
    }
    files
}

/// `base/rel` without touching the file system; `None` when it climbs above `/`.
fn lexical_join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in base.join(rel).components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// The string arguments of every `include_str!("…")` / `include_bytes!("…")` in `text`.
fn included_paths(text: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for macro_name in ["include_str!(\"", "include_bytes!(\""] {
        let mut rest = text;
        while let Some(start) = rest.find(macro_name) {
            rest = &rest[start + macro_name.len()..];
            if let Some(end) = rest.find('"') {
                paths.push(rest[..end].to_string());
            }
        }
    }
    paths
}

#[test]
fn no_code_reads_outside_the_repository() {
    // Built at run time so that this file does not match itself.
    let research = format!("..{}shared", '/');
    // A string literal that starts with slash, dot, dot: the tail of a path joined to
    // CARGO_MANIFEST_DIR that climbs out of it (rustfmt may break the `concat!` over lines, so
    // the literal alone is matched).
    let above_manifest = format!("\"{}..", '/');
    let files = all_code_files();
    assert!(
        files.len() > 50,
        "only {} code files found under {ROOT}",
        files.len()
    );
    let root = Path::new(ROOT);
    let mut problems = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            if line.contains(&research) {
                problems.push(format!("{name}:{}: names the research folder", n + 1));
            }
            if line.contains(&above_manifest) {
                problems.push(format!("{name}:{}: a path above the repository", n + 1));
            }
        }
        if file.extension().is_some_and(|e| e == "rs") {
            let dir = file.parent().unwrap_or(root);
            for included in included_paths(&text) {
                let inside = lexical_join(dir, &included).is_some_and(|p| p.starts_with(root));
                if !inside {
                    problems.push(format!(
                        "{name}: includes {included}, outside the repository"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_a_path_outside() {
    let root = Path::new(ROOT);
    let tests = root.join("tests/it");
    let inside = lexical_join(&tests, "../../src/web/api.rs").expect("join");
    assert!(inside.starts_with(root));
    let outside = lexical_join(&tests, "../../../x/y.csv").expect("join");
    assert!(!outside.starts_with(root));
    let text = "let a = include_str!(\"../b.txt\"); include_bytes!(\"c.bin\")";
    assert_eq!(included_paths(text), ["../b.txt", "c.bin"]);
}

/// Every data file the tests read is in the repository, with its provenance beside it.
#[test]
fn test_data_carries_its_provenance() {
    let root = Path::new(ROOT);
    for provenance in [
        "tests/data/pabulib/real/PROVENANCE.md",
        "tests/data/pabulib/real/PROVENANCE.tsv",
        "tests/data/cbs/PROVENANCE.md",
        "tests/data/cbs/LICENSE-michielsd-begrotingsanalysetool.txt",
    ] {
        assert!(root.join(provenance).is_file(), "missing {provenance}");
    }
    let listed = std::fs::read_to_string(root.join("tests/data/pabulib/real/PROVENANCE.tsv"))
        .expect("PROVENANCE.tsv");
    for entry in std::fs::read_dir(root.join("tests/data/pabulib/real")).expect("real/") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".pb") {
            assert!(
                listed
                    .lines()
                    .any(|l| l.split('\t').next() == Some(name.as_str())),
                "{name} has no provenance row"
            );
        }
    }
}
