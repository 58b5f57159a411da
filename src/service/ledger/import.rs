//! The ledger import: a file of budget lines, added as a whole or not at all.

use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::areas::{insert_funder_with_account, slugify};
use super::new_id;
use super::transfers::{content_hash, transfer_event};
use crate::db::models::{AccountOwner, AccountRow, BudgetLineRow, LedgerImportRow, TransferRow};
use crate::db::repo::{self, audit, ledger as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::kinds::FunderKind;
use crate::domain::ledger::TransferKind;
use crate::domain::ledger_import::{parse_ledger, ImportOptions, ImportProblem, ParsedLedger};
use crate::domain::permissions::Operation;
use crate::service::{Principal, ServiceError};

#[derive(Debug, Clone, Serialize)]
pub struct ImportOutcome {
    pub format: String,
    pub lines_added: usize,
    pub lines_unchanged: usize,
    pub notes: Vec<crate::domain::message::Msg>,
    pub import_id: Option<String>,
}

/// Import a ledger file as a whole: every line is added, or nothing is. Lines that are
/// already there with the same content are left alone, so importing a file twice changes
/// nothing. A line that is there with other content is a problem: the ledger is never
/// edited, a change goes through a correction.
pub fn import_ledger(
    conn: &mut DbConn,
    who: &Principal,
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportOutcome, ServiceError> {
    who.may(Operation::ImportLedger)?;
    let parsed: ParsedLedger = parse_ledger(bytes, opts).map_err(ServiceError::Import)?;
    let sha = hex::encode(Sha256::digest(bytes));
    let format = format!("{:?}", parsed.format);
    tx::write(conn, |c| {
        let mut problems: Vec<ImportProblem> = Vec::new();
        let mut to_add = Vec::new();
        let mut unchanged = 0usize;
        for line in &parsed.lines {
            let funder_name = line.funder.clone();
            match q::find_budget_line_by_code(c, line.year, &line.code)? {
                Some(existing) => {
                    let existing_funder = q::list_funders(c)?
                        .into_iter()
                        .find(|f| f.id == existing.funder_id)
                        .map(|f| f.name);
                    let same_funder = match &funder_name {
                        Some(n) => existing_funder.as_deref() == Some(n.as_str()),
                        None => true,
                    };
                    if existing.amount_cents == line.amount_cents
                        && existing.name == line.name
                        && existing.taakveld == line.taakveld
                        && same_funder
                    {
                        unchanged += 1;
                    } else {
                        problems.push(ImportProblem {
                            line_no: line.line_no,
                            column: "code".into(),
                            value: line.code.clone(),
                            message: crate::domain::message::Msg::new(crate::msg_key!(
                                "error-import-line-differs"
                            ))
                            .arg("code", &line.code)
                            .arg("year", line.year),
                        });
                    }
                }
                None => to_add.push(line),
            }
        }
        if !problems.is_empty() {
            return Err(ServiceError::Import(problems));
        }
        if to_add.is_empty() {
            return Ok(ImportOutcome {
                format: format.clone(),
                lines_added: 0,
                lines_unchanged: unchanged,
                notes: parsed.notes.clone(),
                import_id: None,
            });
        }
        let now = repo::now();
        let import_id = new_id();
        let municipality = match q::first_funder_of_kind(c, FunderKind::Municipality.as_str())? {
            Some(f) => f,
            None => {
                let name = parsed
                    .municipality
                    .as_deref()
                    .map(|m| format!("Gemeente {m}"))
                    .unwrap_or_else(|| "Gemeente".to_string());
                insert_funder_with_account(c, who, &name, FunderKind::Municipality)?.0
            }
        };
        let first_seq = q::next_transfer_seq(c)?;
        let mut events = Vec::new();
        for (seq, line) in (first_seq..).zip(to_add.iter()) {
            let funder = match &line.funder {
                Some(name) => match q::find_funder_by_name(c, name)? {
                    Some(f) => f,
                    None => match q::find_funder_by_slug(c, &slugify(name))? {
                        Some(f) => f,
                        None => insert_funder_with_account(c, who, name, FunderKind::Other)?.0,
                    },
                },
                None => municipality.clone(),
            };
            let funder_account = q::account_of_funder(c, &funder.id)?.ok_or(
                ServiceError::NotFound(crate::msg_key!("error-missing-funder")),
            )?;
            let bl = BudgetLineRow {
                id: new_id().into(),
                fiscal_year: line.year,
                code: line.code.clone(),
                name: line.name.clone(),
                taakveld: line.taakveld.clone(),
                funder_id: funder.id.clone(),
                amount_cents: line.amount_cents,
                import_id: import_id.clone(),
                created_at: now,
            };
            q::insert_budget_line(c, &bl)?;
            let account = AccountRow::new(
                new_id().into(),
                AccountOwner::BudgetLine(bl.id.as_str()),
                format!("{} {} {}", bl.fiscal_year, bl.code, bl.name),
                now,
            );
            q::insert_account(c, &account)?;
            let memo = format!("Begroting {}: {}", bl.fiscal_year, bl.name);
            let decision_ref = Some(format!("Begroting {}", bl.fiscal_year));
            let t = TransferRow {
                id: new_id().into(),
                seq,
                kind: TransferKind::BudgetAllocation,
                debit_account: funder_account.id.clone(),
                credit_account: account.id.clone(),
                amount_cents: bl.amount_cents,
                content_hash: content_hash(
                    TransferKind::BudgetAllocation,
                    &funder_account.id,
                    &account.id,
                    bl.amount_cents,
                    &memo,
                    decision_ref.as_deref(),
                    None,
                    &who.key(),
                ),
                memo,
                decision_ref,
                correction_of: None,
                needs_approval: false,
                created_by: who.key(),
                created_at: now,
            };
            q::insert_transfer(c, &t)?;
            events.push(NewEvent {
                action: "budget_line.imported",
                entity_type: "budget_line",
                entity_id: bl.id.to_string(),
                before: Value::Null,
                after: json!({"fiscal_year": bl.fiscal_year, "code": bl.code, "name": bl.name,
                    "taakveld": bl.taakveld, "funder": funder.name, "amount_cents": bl.amount_cents,
                    "account": account.id, "import": import_id, "source_line": line.line_no}),
            });
            events.push(transfer_event("transfer.posted", &t, Value::Null));
        }
        q::insert_import(
            c,
            &LedgerImportRow {
                id: import_id.clone(),
                content_sha256: sha.clone(),
                file_name: file_name.to_string(),
                format: format.clone(),
                lines_added: to_add.len() as i32,
                lines_unchanged: unchanged as i32,
                imported_by: who.key(),
                created_at: now,
            },
        )?;
        events.push(NewEvent {
            action: "ledger.imported",
            entity_type: "ledger_import",
            entity_id: import_id.clone(),
            before: Value::Null,
            after: json!({"file_name": file_name, "sha256": sha, "format": format,
                "lines_added": to_add.len(), "lines_unchanged": unchanged}),
        });
        audit::append(c, &who.actor, &events)?;
        Ok(ImportOutcome {
            format: format.clone(),
            lines_added: to_add.len(),
            lines_unchanged: unchanged,
            notes: parsed.notes.clone(),
            import_id: Some(import_id),
        })
    })
}
