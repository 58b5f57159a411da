//! The money after the vote, through the service and through real HTTP, on SQLite and on
//! PostgreSQL (when TEST_DATABASE_URL is set): payments in parts (one above what is still
//! committed refused, one above the threshold waiting for a second finance user), a plan
//! finished with its unused money back in the pool, photos stripped of their metadata,
//! wrong photos refused in Dutch, and the ledger's invariants after every step.

use burgerbegroting::db::DbConn;
use burgerbegroting::domain::audit::Actor;
use burgerbegroting::domain::ledger::{LedgerError, TransferStatus};
use burgerbegroting::domain::plan_money::ProgressStage;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::PlanId;
use burgerbegroting::service::ledger as ledger_svc;
use burgerbegroting::service::payments::{record_payment, PaymentInput};
use burgerbegroting::service::progress::{post_progress, ProgressInput};
use burgerbegroting::service::rounds::{self as rounds_svc, Channel, InitiativeInput};
use burgerbegroting::service::voting_codes as codes_svc;
use burgerbegroting::service::{plans, village, Principal, ServiceError};

use crate::helpers::{
    admin, approver, clerk, coordinator_of, csrf_token, decide_transfer, fund_pool, hidden,
    post_form, reader, round_input, staff, TestApp, TestDb,
};

/// The ledger's invariants after a step (also asked by the Smederij year test).
pub(crate) use crate::helpers::ledger_invariants as invariants;

pub(crate) struct Funded {
    pub slug: String,
    pub area_id: String,
    /// Speeltuin (€ 6.000) and Bankjes (€ 3.000), both funded.
    pub plans: Vec<PlanId>,
}

/// 't Loo with € 10.000 in its pool and a closed 2026 round that funded two plans of
/// `initiator`: € 6.000 and € 3.000 (€ 1.000 stays in the pool).
pub(crate) fn funded(c: &mut DbConn, initiator: &Principal) -> Funded {
    let area = ledger_svc::create_area(c, &admin(), "'t Loo", "dorp").expect("area");
    fund_pool(c, &area.slug, 1_000_000);
    let coord = coordinator_of(&area.area_id);
    let round = rounds_svc::create_round(
        c,
        &coord,
        &round_input(area.slug.clone(), 2026, 4, "Smederij winter", 1_000_000),
    )
    .expect("round")
    .round
    .id;
    let mut plans = Vec::new();
    for (title, amount) in [("Speeltuin", 600_000), ("Bankjes", 300_000)] {
        let p = rounds_svc::submit_initiative(
            c,
            initiator,
            &round,
            &InitiativeInput {
                title: title.into(),
                summary: format!("{title} voor het dorp"),
                amount_cents: amount,
                taakveld: "5.7".into(),
            },
        )
        .expect("plan")
        .id;
        crate::helpers::nominate(c, &coord, &p).expect("nominate");
        plans.push(p);
    }
    rounds_svc::open_voting(c, &coord, &round).expect("open");
    let codes = codes_svc::generate_batch(c, &admin(), &area.slug, 2026, 3)
        .expect("codes")
        .codes;
    let choice: Vec<String> = plans.iter().map(|p| p.to_string()).collect();
    for code in &codes[..2] {
        rounds_svc::cast(
            c,
            &Principal::resident(),
            &round,
            Channel::Online {
                handle: code.handle(),
            },
            &choice,
        )
        .expect("ballot");
    }
    rounds_svc::count_round(c, &coord, &round).expect("count");
    crate::helpers::without_objection_window(c, &round);
    rounds_svc::close_round(c, &coord, &round).expect("close");
    Funded {
        slug: area.slug,
        area_id: area.area_id.to_string(),
        plans,
    }
}

fn payment(amount_cents: i64, reference: &str) -> PaymentInput {
    PaymentInput {
        id: uuid::Uuid::new_v4(),
        amount_cents,
        paid_on: "2026-11-30".into(),
        reference: reference.into(),
        note: String::new(),
    }
}

fn progress(stage: ProgressStage, body: &str) -> ProgressInput {
    ProgressInput {
        id: uuid::Uuid::new_v4(),
        stage,
        body: body.into(),
        photo: None,
        photo_alt: String::new(),
    }
}

fn pool_balance(c: &mut DbConn, slug: &str) -> i64 {
    ledger_svc::pools(c, &reader())
        .expect("pools")
        .into_iter()
        .find(|p| p.slug == slug)
        .expect("pool")
        .balance_cents
}

/// Threshold of the service tests: € 1.000.
const THRESHOLD: i64 = 100_000;

#[test]
fn pay_in_parts_refuse_too_much_and_return_what_is_left() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let ini = staff("ini", &[Role::Initiator]);
        let f = funded(&mut c, &ini);
        let plan = &f.plans[0];
        invariants(&mut c, "closed round");
        assert_eq!(pool_balance(&mut c, &f.slug), 100_000, "{}", db.backend);

        // Part one, above the threshold: waits for a second finance user.
        let first = record_payment(
            &mut c,
            &clerk(),
            plan,
            &payment(450_000, "F-2027-001"),
            THRESHOLD,
        )
        .expect("first part");
        assert_eq!(first.status, TransferStatus::Pending);
        invariants(&mut c, "first part proposed");
        // The same form sent again pays once.
        let again = PaymentInput {
            id: uuid::Uuid::parse_str(&first.id).expect("uuid"),
            ..payment(450_000, "F-2027-001")
        };
        let replay = record_payment(&mut c, &clerk(), plan, &again, THRESHOLD).expect("replay");
        assert_eq!(
            (replay.id.as_str(), replay.replayed),
            (first.id.as_str(), true)
        );
        // A pending payment already reserves its amount: € 1.500 is open.
        let over = record_payment(&mut c, &clerk(), plan, &payment(150_001, "F-2"), THRESHOLD)
            .expect_err("over what is open");
        match &over {
            ServiceError::Ledger(LedgerError::PaymentAboveCommitment {
                open_cents,
                requested_cents,
            }) => assert_eq!((*open_cents, *requested_cents), (150_000, 150_001)),
            other => panic!("expected a refusal with the amounts, got {other:?}"),
        }
        assert!(over.to_string().contains("€\u{a0}1.500,00"), "{over}");
        // Marking it done now would return a figure that is not final.
        let early = post_progress(&mut c, &ini, plan, &progress(ProgressStage::Done, "Klaar"))
            .expect_err("a payment waits");
        assert!(
            early.to_string().contains("wacht nog een betaling"),
            "{early}"
        );
        // Four eyes: not by the clerk, yes by an approver.
        assert!(ledger_svc::decide_transfer(&mut c, &clerk(), &first.id, true, "").is_err());
        let approved =
            ledger_svc::decide_transfer(&mut c, &approver(), &first.id, true, "").expect("approve");
        assert_eq!(approved.status, TransferStatus::Posted);
        invariants(&mut c, "first part approved");

        // Part two, under the threshold: posted at once.
        let second = record_payment(
            &mut c,
            &clerk(),
            plan,
            &payment(100_000, "F-2027-002"),
            THRESHOLD,
        )
        .expect("second part");
        assert_eq!(second.status, TransferStatus::Posted);
        invariants(&mut c, "second part");
        let page = plans::plan_page(&mut c, &Principal::resident(), plan).expect("page");
        let m = page.money.expect("money");
        assert_eq!(
            (
                m.granted_cents,
                m.paid_cents,
                m.pending_cents,
                m.returned_cents,
                m.open_cents
            ),
            (600_000, 550_000, 0, 0, 50_000)
        );
        assert_eq!(page.payments.len(), 2);
        assert!(
            !page.actions.may_pay && !page.actions.may_post,
            "a resident only reads"
        );

        // Only the plan's own initiator or the area's coordinator posts progress.
        let other = staff("iemand-anders", &[Role::Initiator]);
        assert!(matches!(
            post_progress(
                &mut c,
                &other,
                plan,
                &progress(ProgressStage::InProgress, "Hoi")
            ),
            Err(ServiceError::Forbidden(_))
        ));
        post_progress(
            &mut c,
            &ini,
            plan,
            &progress(ProgressStage::InProgress, "De grond is omgespit."),
        )
        .expect("progress");
        // Done: the € 500 that was not paid goes back to the pool in the same step.
        let done = post_progress(
            &mut c,
            &coordinator_of(&f.area_id),
            plan,
            &progress(ProgressStage::Done, "De speeltuin is open."),
        )
        .expect("done");
        assert_eq!(done.returned_cents, 50_000);
        invariants(&mut c, "done");
        assert_eq!(pool_balance(&mut c, &f.slug), 150_000);
        let page = plans::plan_page(&mut c, &Principal::resident(), plan).expect("page");
        let m = page.money.expect("money");
        assert_eq!(
            (
                m.granted_cents,
                m.paid_cents,
                m.returned_cents,
                m.open_cents
            ),
            (600_000, 550_000, 50_000, 0)
        );
        assert!(page.done);
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.posts[1].returned_cents, Some(50_000));

        // The general transfer form (and the API) cannot pay a plan: a payment needs its
        // date and invoice, so it is made on the plan's own form.
        let plan_account = ledger_svc::all_balances(&mut c, &reader())
            .expect("accounts")
            .into_iter()
            .find(|a| {
                a.initiative_id.as_deref() == Some(plan.0.as_str())
                    && a.kind.as_str() == "initiative"
            })
            .expect("plan account");
        let general = ledger_svc::propose_transfer(
            &mut c,
            &clerk(),
            &ledger_svc::TransferInput {
                id: uuid::Uuid::new_v4(),
                kind: None,
                from_account: plan_account.account_id.clone(),
                to_account: plan_account.account_id,
                amount_cents: 1,
                memo: "x".into(),
                decision_ref: None,
            },
        );
        assert!(
            matches!(
                general,
                Err(ServiceError::Ledger(LedgerError::PaymentOnPlanForm))
            ),
            "{general:?}"
        );
        // Nothing more moves on a finished plan.
        let late = record_payment(&mut c, &clerk(), plan, &payment(1, "F-laat"), THRESHOLD)
            .expect_err("done");
        assert!(late.to_string().contains("klaar"), "{late}");
        assert!(post_progress(
            &mut c,
            &ini,
            plan,
            &progress(ProgressStage::Done, "Nog eens")
        )
        .is_err());
        invariants(&mut c, "after the refusals");

        // The village page tells the same story.
        let v = village::village(&mut c, &Principal::resident(), &f.slug).expect("village");
        assert_eq!(v.balance_cents, 150_000);
        let total_committed: i64 = v.years.iter().map(|y| y.committed_cents).sum();
        let total_paid: i64 = v.years.iter().map(|y| y.paid_cents).sum();
        let total_returned: i64 = v.years.iter().map(|y| y.returned_cents).sum();
        assert_eq!(
            (total_committed, total_paid, total_returned),
            (900_000, 550_000, 50_000)
        );
        let newest = &v.years[0];
        assert_eq!(newest.closing_cents, 150_000);
        let with_round = v
            .years
            .iter()
            .find(|y| !y.rounds.is_empty())
            .expect("round year");
        assert_eq!(with_round.year, 2026);
        assert_eq!(
            (
                with_round.rounds[0].ballots,
                with_round.rounds[0].codes_issued
            ),
            (2, 3)
        );
        assert_eq!(with_round.plans.len(), 2);
        for y in &v.years {
            assert_eq!(
                y.closing_cents,
                y.carried_over_cents + y.in_cents() - y.committed_cents + y.returned_cents,
                "{}: the year adds up",
                y.year
            );
        }

        // Every step is in the audit log.
        let events = burgerbegroting::db::repo::audit::for_entity(&mut c, &plan.0).expect("events");
        let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions.iter().filter(|a| **a == "payment.recorded").count(),
            2
        );
        assert_eq!(
            actions.iter().filter(|a| **a == "progress.posted").count(),
            2
        );
    }
}

/// A JPEG of `w` x `h` with an EXIF block that holds a made-up GPS position.
pub(crate) fn jpeg_with_exif(w: u32, h: u32, secret: &str) -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 4) as u8, 90])
    }));
    let mut plain = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut plain, 90,
    ))
    .expect("encode");
    // APP1 "Exif": a big-endian TIFF header, an empty first directory, then the secret.
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(secret.as_bytes());
    let len = u16::try_from(exif.len() + 2).expect("short");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn photos_lose_their_metadata_and_wrong_ones_are_refused() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut c = pool.get().expect("conn");
        let ini = staff("ini", &[Role::Initiator]);
        let f = funded(&mut c, &ini);
        let plan = &f.plans[1];
        let secret = "GPS 52.3702N 4.8952E Oldebroek";
        let original = jpeg_with_exif(64, 48, secret);
        assert!(contains(&original, b"Exif") && contains(&original, secret.as_bytes()));
        let mut input = progress(ProgressStage::InProgress, "De bankjes staan er.");
        input.photo = Some(original);
        input.photo_alt = "Twee houten bankjes bij de kerk".into();
        let posted = post_progress(&mut c, &ini, plan, &input).expect("post with photo");
        let (kind, bytes) =
            plans::photo(&mut c, &Principal::resident(), plan, &posted.post_id).expect("photo");
        assert_eq!(kind, "image/jpeg");
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(!contains(&bytes, b"Exif"), "{}: EXIF kept", db.backend);
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "{}: the secret kept",
            db.backend
        );
        let back = image::load_from_memory(&bytes).expect("still a photo");
        assert_eq!((back.width(), back.height()), (64, 48));
        // The photo of one plan is not found under another plan.
        assert!(
            plans::photo(&mut c, &Principal::resident(), &f.plans[0], &posted.post_id).is_err()
        );

        // A photo needs a description.
        let mut no_alt = progress(ProgressStage::InProgress, "Foto");
        no_alt.photo = Some(jpeg_with_exif(8, 8, "x"));
        let e = post_progress(&mut c, &ini, plan, &no_alt).expect_err("no description");
        assert!(
            matches!(
                e,
                ServiceError::Invalid {
                    field: "photo_alt",
                    ..
                }
            ),
            "{e:?}"
        );
        // Wrong type, too large, unreadable: refused in Dutch, nothing stored.
        for (bytes, words) in [
            (b"GIF89a\x01\x00\x01\x00".to_vec(), "geen JPEG- of PNG-foto"),
            (vec![0xFF; 5 * 1024 * 1024 + 1], "groter dan 5 MB"),
            (vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 2], "kunnen we niet openen"),
        ] {
            let mut bad = progress(ProgressStage::InProgress, "Foto");
            bad.photo = Some(bytes);
            bad.photo_alt = "Iets".into();
            let e = post_progress(&mut c, &ini, plan, &bad).expect_err("refused");
            assert!(
                matches!(e, ServiceError::Invalid { field: "photo", .. }),
                "{e:?}"
            );
            assert!(e.to_string().contains(words), "{e}");
        }
        let page = plans::plan_page(&mut c, &Principal::resident(), plan).expect("page");
        assert_eq!(
            page.posts.len(),
            1,
            "{}: refused posts left nothing",
            db.backend
        );
        invariants(&mut c, "photos");
    }
}

// ---------------------------------------------------------------------------------------
// Real HTTP
// ---------------------------------------------------------------------------------------

pub(crate) fn user_principal(app: &TestApp, email: &str, role: Role) -> Principal {
    let mut c = app.conn();
    let u = burgerbegroting::db::repo::users::find_by_email(&mut c, email)
        .expect("query")
        .expect("user");
    Principal {
        actor: Actor::User {
            id: u.id,
            email: email.into(),
        },
        roles: vec![role],
        coordinator_areas: Vec::new(),
    }
}

pub(crate) async fn post_progress_http(
    app: &TestApp,
    c: &reqwest::Client,
    plan: &str,
    stage: &str,
    body: &str,
    photo: Option<(Vec<u8>, &str, &str)>,
    alt: &str,
) -> (u16, String) {
    let (_, page) = app.get(c, &format!("/plannen/{plan}")).await;
    let form_start = page
        .find("/voortgang\"")
        .expect("progress form on the page");
    let form = &page[form_start..];
    let mut parts = reqwest::multipart::Form::new()
        .text("csrf_token", csrf_token(form))
        .text("request_id", hidden(form, "request_id"))
        .text("stage", stage.to_string())
        .text("body", body.to_string())
        .text("photo_alt", alt.to_string());
    if let Some((bytes, name, mime)) = photo {
        parts = parts.part(
            "photo",
            reqwest::multipart::Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str(mime)
                .expect("mime"),
        );
    }
    let r = c
        .post(app.url(&format!("/plannen/{plan}/voortgang")))
        .multipart(parts)
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// The request id of the payment form on a page.
pub(crate) fn payment_request_id(page: &str) -> String {
    let start = page
        .find("/betalingen\"")
        .expect("payment form on the page");
    hidden(&page[start..], "request_id")
}

#[actix_web::test]
async fn a_plan_carried_out_over_http() {
    let mut dbs = vec![TestDb::sqlite()];
    dbs.extend(TestDb::postgres());
    for db in dbs {
        let backend = db.backend;
        let app = TestApp::spawn_on(db).await;
        let clerk_mail = app.add_user("betaal@test.example", Role::FinanceClerk);
        let approver_mail = app.add_user("goedkeur@test.example", Role::FinanceApprover);
        let ini_mail = app.add_user("indiener@test.example", Role::Initiator);
        let ini = user_principal(&app, &ini_mail, Role::Initiator);
        let f = {
            let mut c = app.conn();
            funded(&mut c, &ini)
        };
        let plan = f.plans[0].to_string();
        let path = format!("/plannen/{plan}");

        // Anyone reads the plan; no forms for a visitor.
        let anon = app.client();
        let (s, page) = app.get(&anon, &path).await;
        assert_eq!(s, 200, "{backend}");
        assert!(
            page.contains("Speeltuin") && page.contains("Toegekend"),
            "{backend}"
        );
        assert!(!page.contains("/betalingen\"") && !page.contains("/voortgang\""));
        // Plans are linked from their round page.
        let round_href = page[page.find("/rondes/").expect("round link")..]
            .split('"')
            .next()
            .expect("href")
            .to_string();
        let (_, round_page) = app.get(&anon, &round_href).await;
        assert!(
            round_page.contains(&path),
            "{backend}: the round page links the plan"
        );

        // Finance: over what is committed refused with the amounts, input kept.
        let fin = app.login(&clerk_mail).await;
        let (_, page) = app.get(&fin, &path).await;
        let token = csrf_token(&page);
        let rid = payment_request_id(&page);
        let over = [
            ("csrf_token", token.as_str()),
            ("request_id", rid.as_str()),
            ("amount", "6.000,01"),
            ("paid_on", "2026-11-30"),
            ("reference", "F-2027-017"),
            ("note", "Eerste termijn"),
        ];
        let (s, body) = post_form(&app, &fin, &format!("{path}/betalingen"), &over).await;
        assert_eq!(s, 422, "{backend}");
        assert!(
            body.contains("€\u{a0}6.000,00") && body.contains("€\u{a0}6.000,01"),
            "{backend}: amounts"
        );
        assert!(
            body.contains("value=\"6.000,01\"") && body.contains("F-2027-017"),
            "input kept"
        );
        {
            let mut c = app.conn();
            invariants(&mut c, "refused payment");
        }
        // Part one (€ 5.500, above the € 5.000 threshold): waits for a colleague.
        let part1 = [
            ("csrf_token", token.as_str()),
            ("request_id", rid.as_str()),
            ("amount", "5.500,00"),
            ("paid_on", "2026-11-30"),
            ("reference", "F-2027-017"),
            ("note", "Eerste termijn"),
        ];
        let (s, _) = post_form(&app, &fin, &format!("{path}/betalingen"), &part1).await;
        assert_eq!(s, 303, "{backend}");
        // A double click pays once.
        let (s, _) = post_form(&app, &fin, &format!("{path}/betalingen"), &part1).await;
        assert_eq!(s, 303, "{backend}");
        let pending = {
            let mut c = app.conn();
            invariants(&mut c, "part one");
            ledger_svc::approval_queue(&mut c, &reader()).expect("queue")
        };
        assert_eq!(pending.len(), 1, "{backend}: one payment waits");
        let tid = pending[0].id.clone();
        // The approver decides on the ordinary transfer page.
        let appr = app.login(&approver_mail).await;
        let (s, page) = app
            .get(&appr, &format!("/financien/overboekingen/{tid}"))
            .await;
        assert_eq!(s, 200);
        let transfer = format!("/financien/overboekingen/{tid}");
        let (s, _) = decide_transfer(&app, &appr, &transfer, &page, ("goedkeuren", ""), true).await;
        assert_eq!(s, 303, "{backend}");
        // Part two, € 400: over the remaining € 500? No: posted at once.
        let (_, page) = app.get(&fin, &path).await;
        let rid2 = payment_request_id(&page);
        let (s, _) = post_form(
            &app,
            &fin,
            &format!("{path}/betalingen"),
            &[
                ("csrf_token", token.as_str()),
                ("request_id", rid2.as_str()),
                ("amount", "400"),
                ("paid_on", "01-12-2026"),
                ("reference", "F-2027-018"),
                ("note", ""),
            ],
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let (_, page) = app.get(&anon, &path).await;
        assert!(
            page.contains("F-2027-018") && page.contains("€\u{a0}5.900,00"),
            "{backend}: paid"
        );
        {
            let mut c = app.conn();
            invariants(&mut c, "part two");
        }

        // The initiator posts progress with a photo that has EXIF: it comes back without.
        let web_ini = app.login(&ini_mail).await;
        let secret = "GPS 52.4393N 5.8710E Wezep";
        let (s, _) = post_progress_http(
            &app,
            &web_ini,
            &plan,
            "in_progress",
            "Het klimrek staat.",
            Some((jpeg_with_exif(40, 30, secret), "IMG_0001.jpg", "image/jpeg")),
            "Een klimrek op het grasveld",
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        let (_, page) = app.get(&anon, &path).await;
        let src_at = page.find("/fotos/").expect("photo on the page");
        let start = page[..src_at].rfind('"').expect("src start") + 1;
        let end = src_at + page[src_at..].find('"').expect("src end");
        let src = page[start..end].to_string();
        assert!(page.contains("alt=\"Een klimrek op het grasveld\""));
        let r = anon.get(app.url(&src)).send().await.expect("photo");
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("image/jpeg")
        );
        let bytes = r.bytes().await.expect("bytes");
        assert!(bytes.starts_with(&[0xFF, 0xD8]));
        assert!(
            !contains(&bytes, b"Exif") && !contains(&bytes, secret.as_bytes()),
            "{backend}"
        );

        // A wrong type and an oversized photo: refused in Dutch, the text kept.
        for (bytes, name, mime, words) in [
            (
                b"GIF89a\x01\x00\x01\x00;".to_vec(),
                "plaatje.gif",
                "image/gif",
                "geen JPEG- of PNG-foto",
            ),
            (
                vec![0xFF; 5 * 1024 * 1024 + 10],
                "groot.jpg",
                "image/jpeg",
                "groter dan 5 MB",
            ),
        ] {
            let (s, body) = post_progress_http(
                &app,
                &web_ini,
                &plan,
                "in_progress",
                "Nog een foto van de glijbaan.",
                Some((bytes, name, mime)),
                "Glijbaan",
            )
            .await;
            assert_eq!(s, 422, "{backend}: {name}");
            assert!(body.contains(words), "{backend}: {name}");
            assert!(
                body.contains("Nog een foto van de glijbaan."),
                "{backend}: text kept"
            );
        }

        // Done: the € 100 not paid goes back to the pool.
        let (s, _) = post_progress_http(
            &app,
            &web_ini,
            &plan,
            "done",
            "De speeltuin is open!",
            None,
            "",
        )
        .await;
        assert_eq!(s, 303, "{backend}");
        {
            let mut c = app.conn();
            invariants(&mut c, "done");
            assert_eq!(
                pool_balance(&mut c, &f.slug),
                110_000,
                "{backend}: € 1.000 + € 100"
            );
        }
        let (_, page) = app.get(&anon, &path).await;
        assert!(
            page.contains("Terug naar de pot") && page.contains("€\u{a0}100,00"),
            "{backend}"
        );
        let (_, page) = app.get(&fin, &path).await;
        assert!(
            !page.contains("/betalingen\""),
            "{backend}: no payment form on a finished plan"
        );

        // The village page: balance, where the money went, the round's turnout.
        let (s, page) = app.get(&anon, &format!("/dorpen/{}", f.slug)).await;
        assert_eq!(s, 200, "{backend}");
        assert!(page.contains("€\u{a0}1.100,00"), "{backend}: balance");
        assert!(page.contains("Terug van klare plannen") && page.contains("€\u{a0}100,00"));
        assert!(page.contains("66,7%"), "{backend}: 2 ballots of 3 codes");
        assert!(page.contains(&path), "{backend}: the plan is linked");
        assert!(page.contains("Testfonds"), "{backend}: the funder is named");
        let (s, list) = app.get(&anon, "/dorpen").await;
        assert_eq!(s, 200);
        assert!(list.contains(&format!("/dorpen/{}", f.slug)));
        // Finance's list of funded plans.
        let (s, list) = app.get(&fin, "/financien/plannen").await;
        assert_eq!(s, 200);
        assert!(
            list.contains(&path) && list.contains("(klaar)"),
            "{backend}"
        );
    }
}
