//! The demo's money after the vote: the plans that 't Loo's counted round funded are being
//! carried out. The first has a payment and a progress post with a photo; the second is
//! paid in two parts (the larger one approved by a second finance user) and finished, so
//! what it did not use is back in the pool.

use std::io::Cursor;

use uuid::Uuid;

use super::ledger::decide_transfer;
use super::payments::{record_payment, PaymentInput};
use super::plans;
use super::progress::{post_progress, ProgressInput};
use super::{Principal, ServiceError};
use crate::db::repo::ledger as lq;
use crate::db::DbConn;
use crate::domain::ledger::{AccountKind, TransferStatus};
use crate::domain::plan_money::ProgressStage;
use crate::domain::round::PlanId;

/// A drawn picture standing in for a photo of the work (sky, grass, a bench): the demo
/// has no real photos to ship.
fn demo_picture() -> Result<Vec<u8>, ServiceError> {
    let (w, h) = (640u32, 400u32);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let bench = (250..390).contains(&x) && (250..270).contains(&y)
            || ((260..270).contains(&x) || (370..380).contains(&x)) && (270..310).contains(&y);
        if bench {
            image::Rgb([110, 70, 30])
        } else if y < 230 {
            image::Rgb([120, 180, 235])
        } else {
            image::Rgb([60, 150, 60])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .map_err(|e| ServiceError::internal("demo picture", e))?;
    Ok(out)
}

/// Pays `amount_cents` on `plan` and has a second finance user approve it when it waits.
#[allow(clippy::too_many_arguments)]
fn pay(
    conn: &mut DbConn,
    clerk: &Principal,
    approver: &Principal,
    plan: &PlanId,
    amount_cents: i64,
    days_ago: i64,
    reference: &str,
    note: &str,
    threshold_cents: i64,
) -> Result<(), ServiceError> {
    let today = crate::domain::nl_time::to_local(crate::db::repo::now()).date();
    let t = record_payment(
        conn,
        clerk,
        plan,
        &PaymentInput {
            id: Uuid::new_v4(),
            amount_cents,
            paid_on: (today - chrono::Duration::days(days_ago))
                .format("%Y-%m-%d")
                .to_string(),
            reference: reference.into(),
            note: note.into(),
        },
        threshold_cents,
    )?;
    if t.status == TransferStatus::Pending {
        decide_transfer(conn, approver, &t.id, true, "Factuur gecontroleerd")?;
    }
    Ok(())
}

pub(crate) fn seed_execution(
    conn: &mut DbConn,
    clerk: &Principal,
    approver: &Principal,
    initiator: &Principal,
    threshold_cents: i64,
) -> Result<(), ServiceError> {
    let mut funded: Vec<(PlanId, i64)> = Vec::new();
    for account in lq::accounts_by_kind(conn, AccountKind::Initiative)? {
        if let Some(id) = account.initiative_id.clone() {
            let money = plans::money_of(conn, &account)?;
            funded.push((PlanId(id), money.open_cents));
        }
    }
    let Some((first, first_open)) = funded.first().cloned() else {
        return Ok(());
    };
    // The first plan: under way, part paid, a photo of the work.
    pay(
        conn,
        clerk,
        approver,
        &first,
        first_open * 2 / 5,
        12,
        "INK-2026-0412",
        "Aanbetaling aan de hovenier",
        threshold_cents,
    )?;
    post_progress(
        conn,
        initiator,
        &first,
        &ProgressInput {
            id: Uuid::new_v4(),
            stage: ProgressStage::InProgress,
            body: "De eerste strook is ingezaaid. Twaalf buren hielpen mee op zaterdag.".into(),
            photo: Some(demo_picture()?),
            photo_alt: "Een bankje op het gras onder een blauwe lucht".into(),
        },
    )?;
    // The second plan: paid in two parts and finished for less than granted.
    if let Some((second, open)) = funded.get(1).cloned() {
        post_progress(
            conn,
            initiator,
            &second,
            &without_photo(
                ProgressStage::Planned,
                "De opdracht is gegeven; de aannemer begint over twee weken.",
            ),
        )?;
        let part1 = open * 3 / 5;
        let part2 = open * 3 / 10;
        pay(
            conn,
            clerk,
            approver,
            &second,
            part1,
            20,
            "INK-2026-0398",
            "Eerste termijn aannemer",
            threshold_cents,
        )?;
        pay(
            conn,
            clerk,
            approver,
            &second,
            part2,
            3,
            "INK-2026-0431",
            "Laatste termijn",
            threshold_cents,
        )?;
        post_progress(
            conn,
            initiator,
            &second,
            &without_photo(
                ProgressStage::Done,
                "Klaar, en goedkoper dan gedacht: wat over is, gaat terug naar de pot.",
            ),
        )?;
    }
    Ok(())
}

/// A progress update without a photo.
fn without_photo(stage: ProgressStage, body: &str) -> ProgressInput {
    ProgressInput {
        id: Uuid::new_v4(),
        stage,
        body: body.into(),
        photo: None,
        photo_alt: String::new(),
    }
}
