//! The transfers as CSV for spreadsheets.

use super::read::list_transfers;
use crate::db::DbConn;
use crate::service::{Principal, ServiceError};

/// CSV of all transfers for spreadsheets: `;`-separated with Dutch amounts, as Excel in
/// a Dutch locale expects.
pub fn transfers_csv(conn: &mut DbConn, who: &Principal) -> Result<String, ServiceError> {
    who.may(crate::domain::permissions::Operation::TransfersCsv)?;
    let rows = list_transfers(conn, who)?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let io = |e: csv::Error| ServiceError::internal("writing the transfers CSV", e);
    w.write_record([
        "volgnummer",
        "id",
        "datum",
        "soort",
        "status",
        "van",
        "naar",
        "bedrag",
        "omschrijving",
        "raadsbesluit",
        "correctie_van",
        "ingevoerd_door",
        "beoordeeld_door",
        "beoordeeld_op",
    ])
    .map_err(io)?;
    for t in rows {
        // Names, memos and references are typed by people: no formulas (csv_cell).
        w.write_record(crate::domain::csv_cell::record([
            t.seq.to_string(),
            t.id.to_string(),
            crate::domain::nl_time::datetime_nl_text(&t.created_at),
            t.kind_label.to_string(),
            t.status.label_nl().to_string(),
            t.from_name.clone(),
            t.to_name.clone(),
            crate::domain::money::format_nl_number(t.amount_cents),
            t.memo.clone(),
            t.decision_ref.clone().unwrap_or_default(),
            t.correction_of
                .as_ref()
                .map(|id| id.to_string())
                .unwrap_or_default(),
            t.created_by.clone(),
            t.decided_by.clone().unwrap_or_default(),
            t.decided_at
                .as_deref()
                .map(crate::domain::nl_time::datetime_nl_text)
                .unwrap_or_default(),
        ]))
        .map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ServiceError::internal("writing the transfers CSV", e.into_error()))?;
    // BOM so Excel reads the file as UTF-8.
    Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
}
