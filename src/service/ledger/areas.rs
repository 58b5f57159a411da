//! Areas (each with its pool account) and funders (each with its account).

use crate::domain::message::Msg;
use crate::msg_key;
use serde_json::{json, Value};

use super::new_id;
use super::read::{FunderView, PoolView};
use crate::db::models::{AccountOwner, AccountRow, AreaRow, FunderRow};
use crate::db::repo::{self, audit, ledger as q};
use crate::db::{tx, DbConn};
use crate::domain::audit::NewEvent;
use crate::domain::form_errors::FormErrors;
use crate::domain::kinds::{AreaKind, FunderKind};
use crate::domain::permissions::Operation;
use crate::service::{Principal, ServiceError};

pub(super) fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The name of a new area or funder as typed (trimmed) and the slug made from it; an
/// empty name, or one without letters or digits, is refused on the name field.
fn name_and_slug(name: &str, when_empty: Msg) -> Result<(String, String), ServiceError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServiceError::invalid("name", when_empty));
    }
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(ServiceError::invalid(
            "name",
            Msg::new(msg_key!("error-name-no-letters")),
        ));
    }
    Ok((name.to_string(), slug))
}

/// Every problem of a form for something new with a name and a kind (an area, a funder),
/// keyed `name` and `kind`. The service checks them again when it saves, and the name's
/// uniqueness there.
fn check_name_and_kind(name: &str, when_empty: Msg, kind_known: bool, kind: Msg) -> FormErrors {
    let mut errors = FormErrors::new();
    if let Err(ServiceError::Invalid { message, .. }) = name_and_slug(name, when_empty) {
        errors.add("name", message);
    }
    errors.add_if(!kind_known, "kind", kind);
    errors
}

/// Every problem of the new-area form at once.
pub fn check_new_area(name: &str, kind: &str) -> FormErrors {
    check_name_and_kind(
        name,
        Msg::new(msg_key!("error-area-name-empty")),
        AreaKind::parse(kind).is_some(),
        Msg::new(msg_key!("error-area-kind")),
    )
}

/// Every problem of the new-funder form at once.
pub fn check_new_funder(name: &str, kind: &str) -> FormErrors {
    check_name_and_kind(
        name,
        Msg::new(msg_key!("error-funder-name-empty")),
        FunderKind::parse(kind).is_some(),
        Msg::new(msg_key!("error-funder-kind")),
    )
}

pub fn create_area(
    conn: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: &str,
) -> Result<PoolView, ServiceError> {
    who.may(Operation::CreateArea)?;
    let (name, slug) = name_and_slug(name, Msg::new(msg_key!("error-area-name-empty")))?;
    let kind = AreaKind::parse(kind)
        .ok_or_else(|| ServiceError::invalid("kind", Msg::new(msg_key!("error-area-kind"))))?;
    tx::write(conn, |c| {
        if q::find_area_by_slug(c, &slug)?.is_some() {
            return Err(ServiceError::invalid(
                "name",
                Msg::new(msg_key!("error-area-name-taken")),
            ));
        }
        let now = repo::now();
        let area = AreaRow {
            id: new_id().into(),
            slug: slug.clone(),
            name: name.to_string(),
            kind,
            created_at: now,
            description: String::new(),
            max_initiative_cents: None,
        };
        q::insert_area(c, &area)?;
        let account = AccountRow::new(
            new_id().into(),
            AccountOwner::Pool {
                area: area.id.as_str(),
            },
            format!("Pot {}", area.name),
            now,
        );
        q::insert_account(c, &account)?;
        audit::append(
            c,
            &who.actor,
            &[NewEvent {
                action: "area.created",
                entity_type: "area",
                entity_id: area.id.to_string(),
                before: Value::Null,
                after: json!({"slug": area.slug, "name": area.name, "kind": area.kind, "pool_account": account.id}),
            }],
        )?;
        Ok(PoolView {
            area_id: area.id,
            slug: area.slug,
            name: area.name,
            kind: area.kind,
            account_id: account.id,
            balance_cents: 0,
            pending_in_cents: 0,
        })
    })
}

pub(super) fn insert_funder_with_account(
    c: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: FunderKind,
) -> Result<(FunderRow, AccountRow), ServiceError> {
    let now = repo::now();
    let funder = FunderRow {
        id: new_id().into(),
        slug: slugify(name),
        name: name.to_string(),
        kind,
        created_at: now,
    };
    q::insert_funder(c, &funder)?;
    let account = AccountRow::new(
        new_id().into(),
        AccountOwner::Funder(funder.id.as_str()),
        funder.name.clone(),
        now,
    );
    q::insert_account(c, &account)?;
    audit::append(
        c,
        &who.actor,
        &[NewEvent {
            action: "funder.created",
            entity_type: "funder",
            entity_id: funder.id.to_string(),
            before: Value::Null,
            after: json!({"slug": funder.slug, "name": funder.name, "kind": funder.kind, "account": account.id}),
        }],
    )?;
    Ok((funder, account))
}

pub fn create_funder(
    conn: &mut DbConn,
    who: &Principal,
    name: &str,
    kind: &str,
) -> Result<FunderView, ServiceError> {
    who.may(Operation::CreateFunder)?;
    let (name, slug) = name_and_slug(name, Msg::new(msg_key!("error-funder-name-empty")))?;
    let name = name.as_str();
    let kind = FunderKind::parse(kind)
        .ok_or_else(|| ServiceError::invalid("kind", Msg::new(msg_key!("error-funder-kind"))))?;
    tx::write(conn, |c| {
        if q::find_funder_by_slug(c, &slug)?.is_some() {
            return Err(ServiceError::invalid(
                "name",
                Msg::new(msg_key!("error-funder-name-taken")),
            ));
        }
        let (f, a) = insert_funder_with_account(c, who, name, kind)?;
        Ok(FunderView {
            id: f.id,
            slug: f.slug,
            name: f.name,
            kind: f.kind,
            account_id: a.id,
            balance_cents: 0,
        })
    })
}
