//! Every request has an id: in `X-Request-Id`, on its log lines, and on a server error in the
//! error page and the problem JSON, with the whole cause chain in the log.

use std::sync::{Arc, Mutex, OnceLock};

use diesel::connection::SimpleConnection;

use super::helpers::{TestApp, TestDb};

/// The log of this test binary, kept in memory (one global subscriber; tests filter by id).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut log) = self.0.lock() {
            log.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn lines_with(&self, id: &str) -> Vec<String> {
        let log = self.0.lock().map(|l| l.clone()).unwrap_or_default();
        String::from_utf8_lossy(&log)
            .lines()
            .filter(|l| l.contains(id))
            .map(str::to_string)
            .collect()
    }
}

fn captured_log() -> &'static Captured {
    static LOG: OnceLock<Captured> = OnceLock::new();
    LOG.get_or_init(|| {
        let log = Captured::default();
        tracing_subscriber::fmt()
            .with_writer(log.clone())
            .with_ansi(false)
            .with_max_level(tracing::Level::INFO)
            .try_init()
            .expect("the only global subscriber of this test binary");
        log
    })
}

fn request_id(response: &reqwest::Response) -> String {
    let id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert_eq!(id.len(), 36, "a UUID in X-Request-Id, got {id:?}");
    id
}

#[actix_web::test]
async fn a_server_error_shows_the_request_id_that_finds_its_cause_in_the_log() {
    let log = captured_log();
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let client = app.client();

        // An ordinary request: an id, and one "request done" line with it. (Nothing reads
        // the rounds table before it is broken: PostgreSQL's prepared statements would
        // follow the renamed table.)
        let ok = client
            .get(format!("{}/health", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(ok.status(), 200, "{backend}");
        let ok_id = request_id(&ok);

        // Break the database under the running server: the rounds table disappears.
        app.conn()
            .batch_execute("ALTER TABLE rounds RENAME TO rounds_gone")
            .expect("rename");

        let api = client
            .get(format!("{}/api/v1/rounds", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(api.status(), 500, "{backend}");
        let api_id = request_id(&api);
        let problem: serde_json::Value = api.json().await.expect("problem JSON");
        assert_eq!(
            problem["request_id"],
            api_id.as_str(),
            "{backend}: {problem}"
        );
        assert_eq!(problem["title"], "internal");
        // The cause stays in the log, never in the answer.
        assert!(
            !problem.to_string().contains("rounds"),
            "{backend}: {problem}"
        );

        let page = client
            .get(format!("{}/rondes", app.base))
            .send()
            .await
            .expect("get");
        assert_eq!(page.status(), 500, "{backend}");
        let page_id = request_id(&page);
        let html = page.text().await.expect("page");
        assert!(
            html.contains(&format!("Foutcode: {page_id}")),
            "{backend}: {html}"
        );
        assert_ne!(page_id, api_id);
        assert_ne!(ok_id, api_id);

        // The log: each request's lines carry its id; a 5xx logs its whole cause chain,
        // from our message down to the database's own.
        let ok_lines = log.lines_with(&ok_id);
        assert!(
            ok_lines
                .iter()
                .any(|l| l.contains("request done") && l.contains("status=200")),
            "{backend}: {ok_lines:#?}"
        );
        for id in [&api_id, &page_id] {
            let lines = log.lines_with(id);
            let failed = lines
                .iter()
                .find(|l| l.contains("request failed"))
                .unwrap_or_else(|| {
                    panic!("{backend}: no 'request failed' line for {id}: {lines:#?}")
                });
            assert!(
                failed.contains("database query failed: ") && failed.contains("rounds"),
                "{backend}: the cause chain is missing: {failed}"
            );
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains("request done") && l.contains("status=500")),
                "{backend}: {lines:#?}"
            );
        }
    }
}
