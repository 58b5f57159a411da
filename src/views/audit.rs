//! The public page `/audit`: the latest signed checkpoint of the audit log, the public key
//! and its fingerprint, how to check them, and a lookup for the receipt (controlecode) a
//! resident got after voting.

use maud::{html, Markup};

use super::components::{error_summary, text_input};
use super::layout::{page, Nav};
use crate::i18n;
use crate::service::audit_log::{SigningStatus, StoredCheckpoint};
use crate::service::auth::SessionUser;
use crate::{tr, tr_html};

/// What the receipt lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Nothing asked yet.
    None,
    /// In the log, in the latest checkpoint, as event `seq`.
    Found { receipt: String, seq: i64 },
    /// A real ballot whose event is not yet in a signed checkpoint (signing runs every
    /// minute).
    NotYetSigned { receipt: String },
    /// Not in the log: typed wrong, or made up.
    NotFound { receipt: String },
}

pub struct AuditPage<'a> {
    pub user: Option<&'a SessionUser>,
    pub status: &'a SigningStatus,
    pub latest: Option<&'a StoredCheckpoint>,
    /// The public key in signed-note verifier form, when signing is configured.
    pub public_key: Option<&'a str>,
    pub fingerprint: Option<&'a str>,
    pub receipt_typed: &'a str,
    pub lookup: &'a Lookup,
    pub errors: &'a [(String, String)],
}

/// The message for a receipt that is not in the log, in the visitor's language (also used
/// by the tests: the same sentence for a mistyped and a made-up receipt).
pub fn not_found_message(receipt: &str) -> String {
    tr!("audit-receipt-not-found", receipt = receipt)
}

/// Whether the log is being signed, in one or two plain sentences.
pub fn signing_status_text(status: &SigningStatus) -> String {
    match status {
        SigningStatus::NotConfigured => tr!("audit-status-not-configured"),
        SigningStatus::Ok { latest: Some(c) } => tr!("audit-status-ok", count = c.size),
        SigningStatus::Ok { latest: None } => tr!("audit-status-ok-none"),
        SigningStatus::Stopped { since, reason } => tr!(
            "audit-status-stopped",
            when = i18n::datetime(*since),
            reason = reason
        ),
    }
}

pub fn audit_page(p: &AuditPage<'_>) -> Markup {
    let title = tr!("audit-title");
    page(
        &title,
        &Nav {
            user: p.user,
            current: "/audit",
        },
        html! {
            h1 { (title) }
            @if p.status.is_stopped() {
                div class="alarm" role="alert" {
                    h2 { (tr!("audit-stopped-title")) }
                    p { strong { (signing_status_text(p.status)) } }
                    p { (tr!("audit-stopped-meanwhile")) }
                }
            }
            p { (tr!("audit-intro-log")) }
            p { (tr!("audit-intro-checkpoint")) }

            h2 { (tr!("audit-receipt-title")) }
            p { (tr_html!("audit-receipt-intro", example = html! { code { "7KQ2M-XW9PT" } })) }
            (error_summary(p.errors))
            @match p.lookup {
                Lookup::Found { receipt, seq } => {
                    div class="notice" role="status" {
                        p { strong { (tr!("audit-receipt-found", receipt = receipt)) } }
                        p { (tr!("audit-receipt-found-seq", seq = *seq)) }
                        p { a href={ "/audit/bewijs?controlecode=" (receipt) } download={ "bewijs-" (receipt) ".txt" } { (tr!("audit-proof-download")) } }
                    }
                }
                Lookup::NotYetSigned { receipt } => {
                    div class="warning" role="status" {
                        p { strong { (tr!("audit-receipt-received", receipt = receipt)) } }
                        p { (tr!("audit-receipt-not-yet-signed")) }
                    }
                }
                Lookup::NotFound { .. } | Lookup::None => {}
            }
            form method="get" action="/audit" class="lookup" {
                (text_input(p.errors, "controlecode", &tr!("audit-receipt-label"), Some(&tr!("audit-receipt-hint")), p.receipt_typed, "text"))
                button type="submit" { (tr!("audit-receipt-button")) }
            }

            h2 { (tr!("audit-latest-title")) }
            @match p.latest {
                Some(c) => {
                    p { (tr!("audit-latest-signed", when = i18n::datetime(c.signed_at), count = c.size)) }
                    pre class="checkpoint" { (c.text) }
                    p { a href="/audit/controlepunt.txt" download="controlepunt.txt" { (tr!("audit-checkpoint-download")) } }
                }
                None => p { (tr!("audit-no-checkpoint")) }
            }
            @if !p.status.is_stopped() {
                p { (signing_status_text(p.status)) }
            }

            h2 { (tr!("audit-key-title")) }
            @match (p.public_key, p.fingerprint) {
                (Some(key), Some(fp)) => {
                    p { (tr!("audit-key-intro")) }
                    pre class="checkpoint" { (key) }
                    p { (tr!("audit-key-fingerprint")) " " code class="hash" { (fp) } }
                }
                _ => p { (tr!("audit-no-key")) }
            }

            h2 { (tr!("audit-how-title")) }
            ol {
                li { (tr!("audit-how-compare")) }
                li { (tr_html!("audit-how-verify", program = html! { code { "burgerbegroting audit verify" } })) }
                li { (tr!("audit-how-own-vote")) }
            }
            p { (tr!("audit-how-keep")) }
        },
    )
}
