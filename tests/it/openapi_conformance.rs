//! The OpenAPI document (`src/web/openapi.json`, kept by hand: ADR 0004) and the running API
//! cannot disagree. Every route the router serves under /api/v1 is documented with its
//! method and every documented operation is served; every operation is called (anonymous,
//! by callers of several roles, with good and bad input), and every answer's status,
//! content type and body are checked against the document with a JSON Schema validator.

use std::collections::{BTreeMap, BTreeSet};

use burgerbegroting::domain::role::Role;
use reqwest::{Client, Method, RequestBuilder};
use serde_json::{json, Value};

use crate::helpers::*;
use crate::routes;

/// The document as served, with what the calls so far exercised.
pub struct Spec {
    doc: Value,
    /// (METHOD, template) -> statuses seen.
    pub seen: BTreeMap<(String, String), BTreeSet<u16>>,
    pub failures: Vec<String>,
}

impl Spec {
    pub async fn load(app: &TestApp) -> Spec {
        let r = app
            .client()
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .expect("get the document");
        assert_eq!(r.status(), 200);
        let doc: Value = r.json().await.expect("the document is JSON");
        assert_eq!(doc["openapi"], json!("3.1.0"));
        Spec {
            doc,
            seen: BTreeMap::new(),
            failures: Vec::new(),
        }
    }

    /// Every (METHOD, path template) in the document.
    pub fn operations(&self) -> BTreeSet<(String, String)> {
        let mut out = BTreeSet::new();
        for (path, ops) in self.doc["paths"].as_object().into_iter().flatten() {
            for method in ops.as_object().into_iter().flatten().map(|(m, _)| m) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
        out
    }

    /// The template a concrete path belongs to (literal segments win over `{x}`).
    fn template_of(&self, method: &str, path: &str) -> Option<String> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut best: Option<(usize, String)> = None;
        for (m, template) in self.operations() {
            if m != method {
                continue;
            }
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                continue;
            }
            let mut literal = 0;
            let fits = parts.iter().zip(&segments).all(|(t, s)| {
                if t.starts_with('{') {
                    !s.is_empty()
                } else {
                    literal += 1;
                    t == s
                }
            });
            if fits && best.as_ref().is_none_or(|(l, _)| literal > *l) {
                best = Some((literal, template));
            }
        }
        best.map(|(_, t)| t)
    }

    fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v["$ref"].as_str() {
            Some(r) => {
                let pointer = r.trim_start_matches('#');
                self.doc.pointer(pointer).unwrap_or(&Value::Null)
            }
            None => v,
        }
    }

    /// Is this answer what the document declares? Err says what is not.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        content_type: &str,
        body: &[u8],
    ) -> Result<String, String> {
        let template = self
            .template_of(method, path)
            .ok_or_else(|| format!("{method} {path}: not in the document"))?;
        let op = &self.doc["paths"][&template][method.to_lowercase()];
        let declared = op["responses"]
            .get(status.to_string())
            .or_else(|| op["responses"].get("default"))
            .ok_or_else(|| format!("{method} {template}: status {status} is not declared"))?;
        let declared = self.resolve(declared);
        let Some(content) = declared.get("content").and_then(Value::as_object) else {
            return if body.is_empty() {
                Ok(template)
            } else {
                Err(format!(
                    "{method} {template} {status}: a body where the document declares none"
                ))
            };
        };
        let media = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let Some(media_type) = content.get(&media) else {
            return Err(format!(
                "{method} {template} {status}: content type {media:?} is not declared ({:?})",
                content.keys().collect::<Vec<_>>()
            ));
        };
        let Some(schema) = media_type.get("schema") else {
            return Ok(template);
        };
        let instance: Value = serde_json::from_slice(body).map_err(|e| {
            format!("{method} {template} {status}: body is not JSON ({e}): {body:?}")
        })?;
        // The components travel along so that `#/components/...` references resolve.
        let wrapped = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": self.doc["components"],
            "allOf": [schema],
        });
        let validator = jsonschema::validator_for(&wrapped)
            .map_err(|e| format!("{method} {template} {status}: the schema is broken: {e}"))?;
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        if errors.is_empty() {
            Ok(template)
        } else {
            Err(format!(
                "{method} {template} {status}: body does not match the document: {}\n  body: {}",
                errors.join("; "),
                truncate(&instance.to_string())
            ))
        }
    }

    /// Sends a request, checks the answer against the document (a mismatch is recorded,
    /// not panicked, so one run lists them all) and returns (status, JSON body or Null).
    pub async fn send(&mut self, rb: RequestBuilder) -> (u16, Value) {
        let (client, req) = rb.build_split();
        let req = req.expect("request");
        let method = req.method().as_str().to_string();
        let path = req.url().path().to_string();
        let resp = client.execute(req).await.expect("send");
        let status = resp.status().as_u16();
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = resp.bytes().await.expect("body");
        match self.check(&method, &path, status, &content_type, &body) {
            Ok(template) => {
                self.seen
                    .entry((method, template))
                    .or_default()
                    .insert(status);
            }
            Err(e) => self.failures.push(e),
        }
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(600).collect()
}

/// The document and the router list the same operations (method and path).
#[actix_web::test]
async fn every_route_is_documented_and_every_documented_operation_is_served() {
    let app = TestApp::spawn().await;
    let spec = Spec::load(&app).await;
    let served: BTreeSet<(String, String)> = routes::served()
        .into_iter()
        .filter(routes::Route::is_api)
        .map(|r| (r.method, r.path))
        .collect();
    assert!(served.len() > 10, "{served:?}");
    let documented = spec.operations();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "served but not documented: {undocumented:?}; documented but not served: {unserved:?}"
    );
}

/// The document's own schemas are valid JSON Schema (2020-12, as OpenAPI 3.1 uses).
#[actix_web::test]
async fn every_schema_in_the_document_compiles() {
    let app = TestApp::spawn().await;
    let spec = Spec::load(&app).await;
    let schemas = spec.doc["components"]["schemas"]
        .as_object()
        .expect("schemas");
    for name in schemas.keys() {
        let wrapped = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": spec.doc["components"],
            "$ref": format!("#/components/schemas/{name}"),
        });
        if let Err(e) = jsonschema::validator_for(&wrapped) {
            panic!("schema {name}: {e}");
        }
    }
}

/// Signs in through the API; staff send their authenticator code.
async fn sign_in(spec: &mut Spec, app: &TestApp, email: &str, staff: bool) -> (Client, String) {
    let c = app.client();
    let mut body = json!({"email": email, "password": PASSWORD});
    if staff {
        body["code"] = json!(app.code_for(email));
    }
    let (status, v) = spec
        .send(c.post(app.url("/api/v1/session")).json(&body))
        .await;
    assert_eq!(status, 200, "{email}: {v}");
    let token = v["csrf_token"].as_str().unwrap_or_default().to_string();
    (c, token)
}

/// A closed round whose funded plan got a `commitment` transfer from the pool.
fn closed_round_with_a_commitment(app: &TestApp, small: &Small) -> String {
    use burgerbegroting::service::rounds as r;
    let mut c = app.conn();
    let (round, _) = voted_summer_round(&mut c, small, 150_000);
    r::count_round(&mut c, &admin(), &round.round.id).expect("count");
    crate::helpers::without_objection_window(&mut c, &round.round.id);
    r::close_round(&mut c, &admin(), &round.round.id).expect("close");
    round.round.id.to_string()
}

/// Calls every documented operation with good and bad input as several callers and checks
/// every answer against the document, on every backend.
#[actix_web::test]
async fn every_answer_of_every_operation_matches_the_document() {
    for db in TestDb::all() {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let mut spec = Spec::load(&app).await;
        app.add_user("clerk@test.example", Role::FinanceClerk);
        app.add_user("approver@test.example", Role::FinanceApprover);
        app.add_user("initiator@test.example", Role::Initiator);
        let small = {
            let mut c = app.conn();
            seed_small(&mut c)
        };
        let round_id = closed_round_with_a_commitment(&app, &small);
        let line = small.lines[0].clone();
        let pool = small.pools[1].clone();
        let u = |p: &str| app.url(p);

        // Anonymous: every operation once, with made-up path parameters.
        let anon = app.client();
        for (method, template) in spec.operations() {
            let path = template
                .replace("{id}", "onbekend")
                .replace("{slug}", "onbekend");
            let m = Method::from_bytes(method.as_bytes()).expect("method");
            spec.send(anon.request(m, u(&path))).await;
        }

        // Signing in: unreadable, incomplete, wrong, without the code, right.
        let login = u("/api/v1/session");
        let (s, _) = spec
            .send(
                anon.post(&login)
                    .header("content-type", "application/json")
                    .body("{"),
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        let (s, _) = spec
            .send(
                anon.post(&login)
                    .json(&json!({"email": "clerk@test.example"})),
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        let (s, _) = spec
            .send(
                anon.post(&login)
                    .json(&json!({"email": "clerk@test.example", "password": "fout wachtwoord"})),
            )
            .await;
        assert_eq!(s, 401, "{backend}");
        let (s, v) = spec
            .send(
                anon.post(&login)
                    .json(&json!({"email": "approver@test.example", "password": PASSWORD})),
            )
            .await;
        assert_eq!((s, v["title"].as_str()), (401, Some("code_required")));
        let (clerk, ct) = sign_in(&mut spec, &app, "clerk@test.example", true).await;
        let (approver, at) = sign_in(&mut spec, &app, "approver@test.example", true).await;
        let (initiator, it) = sign_in(&mut spec, &app, "initiator@test.example", false).await;

        // Reads, by a clerk and by someone without a finance role.
        for path in [
            "/api/v1/ledger?year=2025".to_string(),
            "/api/v1/ledger".into(),
            format!("/api/v1/budget-lines/{}", line.id),
            "/api/v1/areas".into(),
            format!("/api/v1/areas/{}", pool.slug),
            "/api/v1/funders".into(),
            "/api/v1/balances".into(),
            "/api/v1/transfers".into(),
            "/api/v1/transfers/pending".into(),
        ] {
            spec.send(clerk.get(u(&path))).await;
            let (s, _) = spec.send(initiator.get(u(&path))).await;
            assert_eq!(s, 403, "{path} without a finance role ({backend})");
        }
        let (s, _) = spec
            .send(approver.get(u("/api/v1/transfers/pending")))
            .await;
        assert_eq!(s, 200);
        let (s, _) = spec.send(clerk.get(u("/api/v1/ledger?year=twee"))).await;
        assert_eq!(s, 400, "{backend}");
        let (s, _) = spec
            .send(clerk.get(u("/api/v1/ledger?year=99999999999")))
            .await;
        assert_eq!(s, 400, "{backend}");
        for path in [
            "/api/v1/budget-lines/geen",
            "/api/v1/areas/geen",
            "/api/v1/transfers/geen",
        ] {
            let (s, _) = spec.send(clerk.get(u(path))).await;
            assert_eq!(s, 404, "{path} ({backend})");
        }
        // The list holds the round's commitment, a kind the document must know.
        let (_, list) = spec.send(clerk.get(u("/api/v1/transfers"))).await;
        let kinds: BTreeSet<&str> = list
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["kind"].as_str())
            .collect();
        assert!(kinds.contains("commitment"), "{kinds:?} ({backend})");

        // Imports: refused as a whole, accepted, too large, without the token.
        let imports = u("/api/v1/ledger/imports");
        let (s, _) = spec
            .send(csrf_post(&clerk, &imports, &ct).body("year,code\n2025\n"))
            .await;
        assert_eq!(s, 422, "{backend}");
        let good = "year,code,name,taakveld,funder,amount\n2025,NW-01,Nieuw,5.7,,12.50\n";
        let (s, _) = spec.send(csrf_post(&clerk, &imports, &ct).body(good)).await;
        assert_eq!(s, 200, "{backend}");
        let (s, _) = spec
            .send(csrf_post(&clerk, &imports, &ct).body(vec![b'a'; 10 * 1024 * 1024 + 1]))
            .await;
        assert_eq!(s, 413, "{backend}");
        let (s, _) = spec.send(clerk.post(&imports).body(good)).await;
        assert_eq!(s, 403, "{backend}");
        let (s, _) = spec
            .send(csrf_post(&initiator, &imports, &it).body(good))
            .await;
        assert_eq!(s, 403, "{backend}");

        // Transfers.
        let transfers = u("/api/v1/transfers");
        let id = uuid::Uuid::new_v4();
        let body = json!({"id": id, "from_account": line.account_id, "to_account": pool.account_id,
            "amount_cents": 1_200_000, "memo": "Groen", "decision_ref": "RB-1"});
        let (s, created) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&body))
            .await;
        assert_eq!(s, 201, "{backend}: {created}");
        let (s, _) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&body))
            .await;
        assert_eq!(s, 200, "replay ({backend})");
        let mut other = body.clone();
        other["memo"] = json!("Anders");
        let (s, _) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&other))
            .await;
        assert_eq!(s, 409, "{backend}");
        // A whole number written with a fraction of zero is that number of cents.
        let float = json!({"id": uuid::Uuid::new_v4(), "from_account": line.account_id,
            "to_account": pool.account_id, "amount_cents": 1200.0, "memo": "Komma nul", "decision_ref": "RB-2"});
        let (s, v) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&float))
            .await;
        assert_eq!(
            (s, &v["amount_cents"]),
            (201, &json!(1200)),
            "{backend}: {v}"
        );
        let big = json!({"id": uuid::Uuid::new_v4(), "from_account": line.account_id,
            "to_account": pool.account_id, "amount_cents": 256213369.0, "memo": "Te veel", "decision_ref": "RB-2"});
        let (s, v) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&big))
            .await;
        assert_eq!(
            (s, v["title"].as_str()),
            (422, Some("insufficient_funds")),
            "{backend}"
        );
        let mut bad = float.clone();
        bad["id"] = json!(uuid::Uuid::new_v4());
        for (amount, want) in [
            (json!(12.5), 400),
            (json!(1_000_000_000_001_i64), 422),
            (json!(i64::MAX), 422),
            (json!(u64::MAX), 422),
            (json!(1e300), 422),
            (json!(0), 422),
            (json!(-5), 422),
            (json!("12"), 400),
        ] {
            bad["amount_cents"] = amount.clone();
            let (s, _) = spec
                .send(csrf_post(&clerk, &transfers, &ct).json(&bad))
                .await;
            assert_eq!(s, want, "amount {amount} ({backend})");
        }
        let mut kind = float.clone();
        kind["id"] = json!(uuid::Uuid::new_v4());
        kind["kind"] = json!("commitment");
        let (s, _) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&kind))
            .await;
        assert_eq!(s, 422, "a commitment is never typed in ({backend})");
        // PostgreSQL cannot store a NUL: refused at the edge on both backends alike.
        let mut nul = float.clone();
        nul["id"] = json!(uuid::Uuid::new_v4());
        nul["memo"] = json!("a\u{0}b");
        let (s, _) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&nul))
            .await;
        assert_eq!(s, 400, "a NUL in the memo ({backend})");
        let (s, _) = spec
            .send(
                csrf_post(&clerk, u("/api/v1/ledger/imports?gemeente=a%00b"), &ct)
                    .body("year,code,name,taakveld,funder,amount\n"),
            )
            .await;
        assert_eq!(s, 400, "a NUL in a query parameter ({backend})");
        let mut missing = float.clone();
        missing["id"] = json!(uuid::Uuid::new_v4());
        missing["to_account"] = json!("geen-rekening");
        let (s, _) = spec
            .send(csrf_post(&clerk, &transfers, &ct).json(&missing))
            .await;
        assert!(s == 404 || s == 422, "unknown account: {s} ({backend})");
        for raw in ["{", "[]", "null", "{\"id\": 5}"] {
            let (s, _) = spec
                .send(
                    csrf_post(&clerk, &transfers, &ct)
                        .header("content-type", "application/json")
                        .body(raw),
                )
                .await;
            assert_eq!(s, 400, "{raw} ({backend})");
        }
        let (s, _) = spec
            .send(
                csrf_post(&clerk, &transfers, &ct)
                    .header("content-type", "text/plain")
                    .body(body.to_string()),
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        let (s, _) = spec
            .send(
                csrf_post(&clerk, &transfers, &ct)
                    .header("content-type", "application/json")
                    .body(format!("\"{}\"", "x".repeat(70 * 1024))),
            )
            .await;
        assert_eq!(s, 413, "{backend}");
        spec.send(clerk.get(u(&format!("/api/v1/transfers/{id}"))))
            .await;

        // Decisions.
        let approve = |id: &str| u(&format!("/api/v1/transfers/{id}/approve"));
        let reject = |id: &str| u(&format!("/api/v1/transfers/{id}/reject"));
        let (s, _) = spec
            .send(csrf_post(&clerk, approve(&id.to_string()), &ct))
            .await;
        assert_eq!(s, 403, "own transfer ({backend})");
        let (s, _) = spec
            .send(
                csrf_post(&approver, approve(&id.to_string()), &at)
                    .header("content-type", "application/json")
                    .body("{\"reason\": 5}"),
            )
            .await;
        assert_eq!(s, 400, "a wrong body is refused, not ignored ({backend})");
        let (s, v) = spec
            .send(
                csrf_post(&approver, approve(&id.to_string()), &at)
                    .json(&json!({"reason": "akkoord"})),
            )
            .await;
        assert_eq!(
            (s, v["status"].as_str()),
            (200, Some("posted")),
            "{backend}"
        );
        let (s, _) = spec
            .send(csrf_post(&approver, approve(&id.to_string()), &at))
            .await;
        assert_eq!(
            s, 200,
            "the same decision again is a double click ({backend})"
        );
        let (s, _) = spec
            .send(
                csrf_post(&approver, reject(&id.to_string()), &at)
                    .json(&json!({"reason": "toch niet"})),
            )
            .await;
        assert_eq!(s, 409, "already decided ({backend})");
        let (s, _) = spec.send(csrf_post(&approver, approve("geen"), &at)).await;
        assert_eq!(s, 404, "{backend}");
        let float_id = float["id"].as_str().unwrap_or_default().to_string();
        let (s, _) = spec
            .send(csrf_post(&approver, reject(&float_id), &at).json(&json!({})))
            .await;
        assert_eq!(s, 422, "a rejection needs a reason ({backend})");
        let (s, _) = spec
            .send(
                csrf_post(&approver, reject(&float_id), &at)
                    .header("content-type", "application/json")
                    .body("nee"),
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        let (s, v) = spec
            .send(csrf_post(&approver, reject(&float_id), &at).json(&json!({"reason": "dubbel"})))
            .await;
        assert_eq!(
            (s, v["status"].as_str()),
            (200, Some("rejected")),
            "{backend}"
        );
        let (s, _) = spec
            .send(csrf_post(&approver, reject(&float_id), &at).json(&json!({"reason": "nog eens"})))
            .await;
        assert_eq!(s, 200, "the same decision again ({backend})");

        // Corrections of the posted transfer.
        let corrections = u(&format!("/api/v1/transfers/{id}/corrections"));
        let cid = uuid::Uuid::new_v4();
        let correction = json!({"id": cid, "amount_cents": 200_000.0, "memo": "Te veel"});
        let (s, v) = spec
            .send(csrf_post(&clerk, &corrections, &ct).json(&correction))
            .await;
        assert_eq!(
            (s, &v["amount_cents"]),
            (201, &json!(200_000)),
            "{backend}: {v}"
        );
        let (s, _) = spec
            .send(csrf_post(&clerk, &corrections, &ct).json(&correction))
            .await;
        assert_eq!(s, 200, "replay ({backend})");
        let (s, _) = spec
            .send(csrf_post(&clerk, &corrections, &ct).json(
                &json!({"id": uuid::Uuid::new_v4(), "amount_cents": 99_000_000, "memo": "Alles"}),
            ))
            .await;
        assert_eq!(s, 422, "more than the transfer ({backend})");
        let (s, _) = spec
            .send(
                csrf_post(&clerk, &corrections, &ct).json(
                    &json!({"id": uuid::Uuid::new_v4(), "amount_cents": 1.5, "memo": "Half"}),
                ),
            )
            .await;
        assert_eq!(s, 400, "{backend}");
        let (s, _) = spec
            .send(
                csrf_post(&clerk, u("/api/v1/transfers/geen/corrections"), &ct)
                    .json(&json!({"id": uuid::Uuid::new_v4(), "amount_cents": 1, "memo": "x"})),
            )
            .await;
        assert_eq!(s, 404, "{backend}");

        // Public rounds.
        spec.send(anon.get(u("/api/v1/rounds"))).await;
        let (s, one) = spec
            .send(anon.get(u(&format!("/api/v1/rounds/{round_id}"))))
            .await;
        assert_eq!(
            (s, one["status"].as_str()),
            (200, Some("closed")),
            "{backend}"
        );
        let (s, _) = spec
            .send(anon.get(u(&format!("/api/v1/rounds/{round_id}/ballots"))))
            .await;
        assert_eq!(s, 200, "{backend}");
        // Its objections (none here; a list with decisions is checked against the document
        // in `objections::the_review_and_the_decision_stay_final_over_http`).
        let (s, v) = spec
            .send(anon.get(u(&format!("/api/v1/rounds/{round_id}/objections"))))
            .await;
        assert_eq!(
            (s, v["objections"].as_array().map(Vec::len)),
            (200, Some(0)),
            "{backend}"
        );

        // A method the document does not list for a path it has: 405 with the methods.
        let r = clerk.put(&transfers).send().await.expect("put");
        assert_eq!(r.status(), 405, "{backend}");
        let allow = r
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        assert_eq!(allow, "GET, POST", "{backend}");
        let r = clerk
            .get(u("/api/v1/geen-adres"))
            .send()
            .await
            .expect("get");
        assert_eq!(
            (
                r.status().as_u16(),
                r.headers()
                    .get("content-type")
                    .and_then(|v| v.to_str().ok())
            ),
            (404, Some("application/problem+json")),
            "{backend}"
        );

        // Signing out: without the token, with it, and once more.
        let session = u("/api/v1/session");
        let (s, _) = spec.send(initiator.delete(&session)).await;
        assert_eq!(s, 403, "{backend}");
        let (s, _) = spec
            .send(initiator.delete(&session).header("X-CSRF-Token", &it))
            .await;
        assert_eq!(s, 204, "{backend}");
        let (s, _) = spec
            .send(initiator.delete(&session).header("X-CSRF-Token", &it))
            .await;
        assert_eq!(s, 401, "{backend}");

        assert!(
            spec.failures.is_empty(),
            "{backend}: answers the document does not declare:\n{}",
            spec.failures.join("\n")
        );
        // Every operation was called, and answered with success at least once.
        let mut missing = Vec::new();
        for op in spec.operations() {
            let ok = spec
                .seen
                .get(&op)
                .is_some_and(|s| s.iter().any(|s| (200..300).contains(s)));
            if !ok {
                missing.push(format!("{op:?}: {:?}", spec.seen.get(&op)));
            }
        }
        assert!(
            missing.is_empty(),
            "{backend}: never succeeded: {missing:?}"
        );
    }
}
