//! The public page `/audit`: the latest signed checkpoint of the audit log, the public key
//! and its fingerprint, how to check them, and a lookup for the receipt (controlecode) a
//! resident got after voting.

use maud::{html, Markup};

use super::components::{error_summary, text_input};
use super::layout::{page, Nav};
use crate::domain::nl_time;
use crate::service::audit_log::{SigningStatus, StoredCheckpoint};
use crate::service::auth::SessionUser;

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

/// The Dutch message for a receipt that is not in the log (also used by the tests: the
/// same sentence for a mistyped and a made-up receipt).
pub fn not_found_message(receipt: &str) -> String {
    format!(
        "De controlecode {receipt} staat niet in het logboek. Kijk of u hem goed heeft \
         overgenomen: vijf tekens, een streepje en weer vijf tekens. Klopt hij wel? Neem dan \
         contact op met de gemeente."
    )
}

pub fn audit_page(p: &AuditPage<'_>) -> Markup {
    page(
        "Controleer het logboek",
        &Nav {
            user: p.user,
            current: "/audit",
        },
        html! {
            h1 { "Controleer het logboek" }
            @if p.status.is_stopped() {
                div class="alarm" role="alert" {
                    h2 { "Let op: het logboek wordt niet meer ondertekend" }
                    p { strong { (p.status.message_nl()) } }
                    p { "Tot dit is opgelost, kunt u niet controleren of nieuwe gebeurtenissen in het logboek staan. De gemeente is op de hoogte gebracht." }
                }
            }
            p { "Alles wat er in de burgerbegroting gebeurt, komt in een logboek: elke overboeking, elke ronde en elke stem (zonder naam of stemcode). "
                "Het logboek is zo gemaakt dat niemand er later iets in kan veranderen of uit kan weghalen zonder dat het opvalt." }
            p { "Elke minuut zet de gemeente een digitale handtekening onder het logboek. Die handtekening heet een controlepunt. "
                "Iedereen kan met de openbare sleutel hieronder nagaan dat een controlepunt echt van de gemeente komt." }

            h2 { "Staat uw stem in het logboek?" }
            p { "Na het stemmen kreeg u een controlecode, bijvoorbeeld " code { "7KQ2M-XW9PT" } ". Vul hem hieronder in." }
            (error_summary(p.errors))
            @match p.lookup {
                Lookup::Found { receipt, seq } => {
                    div class="notice" role="status" {
                        p { strong { "Uw stem met controlecode " (receipt) " staat in het logboek." } }
                        p { "Het is gebeurtenis nummer " (seq) ". Het bewijs daarvoor kunt u downloaden en bewaren; met het controlepunt hieronder kan iedereen het nagaan." }
                        p { a href={ "/audit/bewijs?controlecode=" (receipt) } download={ "bewijs-" (receipt) ".txt" } { "Download het bewijs (tekstbestand)" } }
                    }
                }
                Lookup::NotYetSigned { receipt } => {
                    div class="warning" role="status" {
                        p { strong { "Uw stem met controlecode " (receipt) " is ontvangen." } }
                        p { "Hij staat nog niet in een ondertekend controlepunt. Dat gebeurt binnen een paar minuten. Probeer het straks opnieuw." }
                    }
                }
                Lookup::NotFound { .. } | Lookup::None => {}
            }
            form method="get" action="/audit" class="lookup" {
                (text_input(p.errors, "controlecode", "Uw controlecode", Some("Vijf tekens, een streepje en weer vijf tekens. Hoofdletters of kleine letters maakt niet uit."), p.receipt_typed, "text"))
                button type="submit" { "Zoek mijn stem" }
            }

            h2 { "Het laatste controlepunt" }
            @match p.latest {
                Some(c) => {
                    p { "Ondertekend op " (nl_time::datetime_nl(c.signed_at)) " (Nederlandse tijd). Het telt " (c.size) " gebeurtenissen." }
                    pre class="checkpoint" { (c.text) }
                    p { a href="/audit/controlepunt.txt" download="controlepunt.txt" { "Download het controlepunt (tekstbestand)" } }
                }
                None => p { "Er is nog geen controlepunt ondertekend." }
            }
            @if !p.status.is_stopped() {
                p { (p.status.message_nl()) }
            }

            h2 { "De openbare sleutel" }
            @match (p.public_key, p.fingerprint) {
                (Some(key), Some(fp)) => {
                    p { "Met deze sleutel controleert u de handtekening:" }
                    pre class="checkpoint" { (key) }
                    p { "Vingerafdruk van de sleutel: " code class="hash" { (fp) } }
                }
                _ => p { "Er is geen sleutel ingesteld; het logboek wordt nu niet ondertekend." }
            }

            h2 { "Zo controleert u het zelf" }
            ol {
                li { "Vergelijk de vingerafdruk hierboven met die in het rapport aan de gemeenteraad en in het bestand key.pub van de controlebundel. Zijn ze gelijk, dan gaat het om dezelfde sleutel." }
                li { "Controleer met die sleutel de handtekening onder het controlepunt. Het programma " code { "burgerbegroting audit verify" } " doet dat voor een hele controlebundel, zonder internet; het telt ook alle bedragen en stemmen opnieuw." }
                li { "Wilt u weten of uw eigen stem erin zit? Zoek hierboven op uw controlecode en bewaar het bewijs. Het bewijs laat zien dat uw stem onder het ondertekende controlepunt valt." }
            }
            p { "Een nieuwer controlepunt bevat altijd alles van een ouder controlepunt. Bewaar dus gerust een oud controlepunt: met een nieuwer kunt u laten nagaan dat er in de tussentijd niets is veranderd." }
        },
    )
}
