//! Voting code pages: the resident's "enter your code" page (B1 Dutch, large, one field)
//! and the administrator's batch, revoke and replace page.

use maud::{html, Markup};

use super::components::table_head;
use super::components::Col::{Num, Text};

use super::ballot::{ballot_path, stop_form};
use super::components::{
    csrf_field, error_summary, field_error, money, select_input, text_input, with_contact,
};
use super::layout::{contact_sentence, page, Nav};
use crate::service::auth::SessionUser;
use crate::service::rounds::{AreaInfo, RoundView};
use crate::service::voting_codes::{BatchSummary, Replacement, RevokeReason, Voter};
use crate::{tr, tr_html};

/// The one answer for every code that does not work (unknown, revoked, other area,
/// mistyped). It names all the reasons, so the resident knows what to check without the
/// site saying which one applies.
pub const CODE_REFUSED: &str = "Deze stemcode kunnen we niet gebruiken. Kijk of u de code \
    goed heeft overgetypt. Het kan ook zijn dat de code bij een ander dorp of een andere wijk \
    hoort, of dat de gemeente u een nieuwe code heeft gestuurd. Lukt het niet? Neem dan \
    contact op met de gemeente.";

/// [`CODE_REFUSED`] in the visitor's language.
pub fn code_refused() -> String {
    tr!("codes-refused")
}

/// [`TOO_MANY_ATTEMPTS`] in the visitor's language.
pub fn too_many_attempts() -> String {
    tr!("codes-too-many")
}

pub const TOO_MANY_ATTEMPTS: &str = "U heeft te vaak een code geprobeerd die niet werkt. \
    Wacht 15 minuten en probeer het daarna opnieuw. Lukt het dan nog niet? Neem dan contact \
    op met de gemeente.";

/// Where a resident types the code from the letter.
pub struct CodeEntry<'a> {
    pub csrf: &'a str,
    /// The area whose page the resident came from, if any.
    pub area: Option<&'a AreaInfo>,
    pub error: Option<&'a str>,
    /// What the resident typed, shown again after a refusal so one wrong character is
    /// corrected instead of twenty typed again (empty on a fresh form).
    pub typed: &'a str,
}

pub fn enter_code(p: &CodeEntry<'_>) -> Markup {
    let errors: Vec<(String, String)> = p
        .error
        .map(|e| vec![("code".to_string(), e.to_string())])
        .unwrap_or_default();
    voter_page(html! {
        h1 { (tr!("codes-title")) }
        @if let Some(a) = p.area {
            p { (tr_html!("codes-voting-for", area = html! { strong { (a.name) } })) }
        }
        (error_summary(&errors))
        form class="stack" method="post" action="/stemmen" {
            (csrf_field(p.csrf))
            @if let Some(a) = p.area {
                input type="hidden" name="gebied" value=(a.slug);
            }
            @let err = field_error(&errors, "code");
            div class=[err.as_ref().map(|_| "has-error")] {
                label for="code" {
                    (tr!("codes-label"))
                    span class="hint" id="code-hint" { (tr!("codes-hint")) }
                    @if let Some(e) = &err {
                        span class="field-error" id="code-error" { (tr!("common-error-prefix")) " " (with_contact(e)) }
                    }
                }
                // Only a refused code comes back (the page is never cached); a code
                // that worked is never shown again.
                input type="text" id="code" name="code" autocomplete="off" value=(p.typed)
                    autocapitalize="characters" spellcheck="false" maxlength="40"
                    aria-describedby=(if err.is_some() { "code-hint code-error" } else { "code-hint" })
                    aria-invalid=[err.as_ref().map(|_| "true")];
            }
            button type="submit" { (tr!("codes-next")) }
        }
        h2 { (tr!("codes-help-title")) }
        p {
            (tr!("codes-help-lost")) " " (contact_sentence())
            " " (tr!("codes-help-new"))
        }
    })
}

/// After a good code: the rounds the resident can vote in now, each with whether this
/// code already voted in it.
pub fn voter_home(v: &Voter, rounds: &[(RoundView, bool)], csrf: &str) -> Markup {
    voter_page(html! {
        h1 { (tr!("codes-home-title", area = v.area_name.as_str())) }
        p class="notice" role="status" { (tr!("codes-home-signed-in")) }
        @if rounds.is_empty() {
            p { (tr!("codes-home-none-open", area = v.area_name.as_str())) }
        } @else {
            p { (tr!("codes-home-open", count = rounds.len())) }
            ul class="rounds" {
                @for (r, voted) in rounds {
                    li {
                        h2 id={ "ronde-" (r.round.id) } { (r.round.title) }
                        p {
                            (tr_html!("codes-home-round", quarter = r.round.quarter, year = r.round.year,
                                budget = money(r.round.budget_cents)))
                            " " (tr!("codes-home-on-ballot", count = r.nominated().len()))
                        }
                        @if *voted {
                            p class="done" { (tr!("codes-home-voted")) }
                        } @else {
                            p { a class="button" href=(ballot_path(&v.area_slug, &r.round.id))
                                aria-describedby={ "ronde-" (r.round.id) } { (tr!("codes-home-vote")) } }
                        }
                    }
                }
            }
        }
        p { (tr!("codes-home-valid", year = v.year)) }
        (stop_form(csrf))
    })
}

/// A page of the resident's voting (the code, the rounds to vote in).
fn voter_page(body: Markup) -> Markup {
    page(
        &tr!("codes-title"),
        &Nav {
            user: None,
            current: "/stemmen",
        },
        body,
    )
}

/// What the administrator page shows.
pub struct AdminCodes<'a> {
    pub batches: &'a [BatchSummary],
    pub areas: &'a [AreaInfo],
    pub errors: &'a [(String, String)],
    pub notice: Option<&'a str>,
    pub area: &'a str,
    pub year: &'a str,
    pub count: &'a str,
    pub handle: &'a str,
    pub reason: &'a str,
}

/// A reason for revoking a code in the visitor's language.
pub fn revoke_reason_label(r: RevokeReason) -> String {
    match r {
        RevokeReason::Lost => tr!("codes-admin-reason-lost"),
        RevokeReason::NotReceived => tr!("codes-admin-reason-not-received"),
        RevokeReason::Damaged => tr!("codes-admin-reason-damaged"),
        RevokeReason::Other => tr!("codes-admin-reason-other"),
    }
}

pub fn admin(user: &SessionUser, p: &AdminCodes<'_>) -> Markup {
    let areas: Vec<(&str, &str)> = p
        .areas
        .iter()
        .map(|a| (a.slug.as_str(), a.name.as_str()))
        .collect();
    let reasons: Vec<(&str, String)> = RevokeReason::ALL
        .iter()
        .map(|r| (r.as_str(), revoke_reason_label(*r)))
        .collect();
    let title = tr!("codes-admin-title");
    page(
        &title,
        &Nav {
            user: Some(user),
            current: "/beheer",
        },
        html! {
            h1 { (title) }
            @if let Some(n) = p.notice { p class="notice" role="status" { (n) } }
            (error_summary(p.errors))
            h2 { (tr!("codes-admin-batches")) }
            @if p.batches.is_empty() {
                p { (tr!("codes-admin-no-batches")) }
            } @else {
                div class="table-scroll" role="region" aria-label=(tr!("codes-admin-batches-label")) tabindex="0" {
                    table {
                        caption { (tr!("codes-admin-batches-caption")) }
                        (table_head(&[
                            Text(&tr!("codes-admin-col-area")),
                            Num(&tr!("codes-admin-col-year")),
                            Text(&tr!("codes-admin-col-made-on")),
                            Num(&tr!("codes-admin-col-made")),
                            Num(&tr!("codes-admin-col-valid")),
                            Num(&tr!("codes-admin-col-revoked")),
                            Num(&tr!("codes-admin-col-replaced")),
                            Num(&tr!("codes-admin-col-used")),
                        ]))
                        tbody {
                            @for b in p.batches {
                                tr {
                                    td { (b.area_name) }
                                    td class="num" { (b.year) }
                                    td { (crate::i18n::datetime(b.created_at)) }
                                    td class="num" { (b.generated) }
                                    td class="num" { (b.active) }
                                    td class="num" { (b.revoked) }
                                    td class="num" { (b.replaced) }
                                    td class="num" { (b.used) }
                                }
                            }
                        }
                    }
                }
                p class="hint" { (tr!("codes-admin-used-hint")) }
            }

            h2 { (tr!("codes-admin-new-batch")) }
            p { (tr!("codes-admin-new-batch-intro")) }
            form class="stack" method="post" action="/beheer/stemcodes/reeksen" {
                (csrf_field(&user.csrf_token))
                (select_input(p.errors, "area", "area", &tr!("codes-admin-col-area"), None, None, &areas, p.area))
                (text_input(p.errors, "year", &tr!("codes-admin-year"), Some(&tr!("codes-admin-year-hint")), p.year, "text"))
                (text_input(p.errors, "count", &tr!("codes-admin-count"), Some(&tr!("codes-admin-count-hint")), p.count, "text"))
                button type="submit" { (tr!("codes-admin-generate")) }
            }

            h2 { (tr!("codes-admin-lost-title")) }
            p { (tr!("codes-admin-lost-intro")) }
            form class="stack" method="post" action="/beheer/stemcodes/intrekken" {
                (csrf_field(&user.csrf_token))
                (text_input(p.errors, "handle", &tr!("codes-admin-handle"), Some(&tr!("codes-admin-handle-hint")), p.handle, "text"))
                (select_input(p.errors, "reason", "reason", &tr!("codes-admin-reason"), None, None, &reasons, p.reason))
                p class="hint" { (tr!("codes-admin-confirm-first")) }
                div class="actions" {
                    // Both lead to a confirmation page and cannot be undone after it:
                    // neither is the filled (primary) button.
                    button type="submit" class="secondary" formaction="/beheer/stemcodes/vervangen" { (tr!("codes-admin-replace")) }
                    button type="submit" class="danger" { (tr!("codes-admin-revoke")) }
                }
            }
        },
    )
}

/// The new code for a replacement letter, shown once.
pub fn replacement(user: &SessionUser, r: &Replacement) -> Markup {
    page(
        &tr!("codes-new-title"),
        &Nav {
            user: Some(user),
            current: "/beheer",
        },
        html! {
            h1 { (tr!("codes-new-heading", area = &r.area.name)) }
            p class="notice" role="status" {
                (tr_html!("codes-new-old-gone", handle = html! { strong { (r.old_handle) } }))
            }
            p { (tr!("codes-new-once")) }
            dl class="facts" {
                dt { (tr!("codes-new-code")) } dd { strong { (r.code.formatted()) } }
                dt { (tr!("codes-admin-handle")) } dd { (r.code.handle()) }
                dt { (tr!("codes-admin-col-area")) } dd { (r.area.name) }
                dt { (tr!("codes-new-valid-for")) } dd { (tr!("codes-new-valid-rounds", year = r.year)) }
            }
            p { a href="/beheer/stemcodes" { (tr!("codes-new-back")) } }
        },
    )
}
