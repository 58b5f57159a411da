use maud::{html, Markup};

use super::components::{money, nl_date};
use super::layout::{contact_name, contact_sentence, page, Nav};
use crate::domain::nl_time;
use crate::domain::permissions::{allows, Permission};
use crate::domain::round::{PlanStatus, RoundStatus};
use crate::service::auth::SessionUser;
use crate::service::rounds::RoundView;
use crate::service::start::{CoordinatorTask, MyPlan, StartPage};

/// The start page: what is open now for everyone, and per role what to do next.
pub fn home(user: Option<&SessionUser>, start: &StartPage) -> Markup {
    let theme = crate::theme::current();
    let intro = &theme.texts.intro;
    page(
        "Welkom",
        &Nav { user, current: "/" },
        html! {
            h1 { "Burgerbegroting" }
            @if let Some(u) = user {
                p { "U bent ingelogd als " (u.display_name) "." }
            }
            @if let Some(queue) = &start.approvals {
                section aria-labelledby="todo-approve" {
                    h2 id="todo-approve" { "Wacht op uw goedkeuring" }
                    @if queue.is_empty() {
                        p { "Er wachten nu geen overboekingen op uw goedkeuring." }
                    } @else {
                        p { (count(queue.len(), "overboeking wacht", "overboekingen wachten")) " op uw goedkeuring." }
                        ul {
                            @for t in queue.iter().take(10) {
                                li {
                                    a href={ "/financien/overboekingen/" (t.id) } {
                                        (money(t.amount_cents)) " van " (t.from_name) " naar " (t.to_name)
                                    }
                                    " (" (nl_date(&t.created_at)) ")"
                                }
                            }
                        }
                        p { a class="button" href="/financien/goedkeuren" { "Naar alle overboekingen die wachten" } }
                    }
                }
            }
            @if user.is_some_and(|u| allows(&u.roles, Permission::ViewAuditReport)) {
                section aria-labelledby="todo-raad" {
                    h2 id="todo-raad" { "Voor de raad" }
                    p { a class="button" href="/raad" { "Naar het overzicht voor de raad" } }
                }
            }
            @if !start.coordinator_tasks.is_empty() {
                section aria-labelledby="todo-coord" {
                    h2 id="todo-coord" { "Wat op u wacht" }
                    ul {
                        @for t in &start.coordinator_tasks {
                            li {
                                a href={ "/rondes/" (t.round.round.id) } { (t.round.round.title) " (" (t.round.area.name) ")" }
                                ": "
                                (coordinator_todo(t))
                            }
                        }
                    }
                }
            }
            @if start.submits_plans {
                section aria-labelledby="todo-plans" {
                    h2 id="todo-plans" { "Mijn plannen" }
                    @if start.my_plans.is_empty() {
                        p { "U heeft nog geen plan ingediend." }
                    } @else {
                        ul {
                            @for p in &start.my_plans {
                                li {
                                    a href={ "/plannen/" (p.plan_id) } { (p.title) }
                                    " – " (p.area_name) ", " (p.round_title) ": "
                                    strong { (plan_status(p)) }
                                }
                            }
                        }
                    }
                    @let submittable: Vec<_> = start.open_rounds.iter().filter(|r| r.actions.may_submit).collect();
                    @if submittable.is_empty() {
                        p { "Er is nu geen ronde waarin u een plan kunt indienen." }
                    } @else {
                        @for r in submittable {
                            p { a class="button" href={ "/rondes/" (r.round.id) "#plan-indienen" } { "Dien een plan in voor " (r.area.name) } }
                        }
                    }
                }
            }
            @if user.is_none() {
                @if intro.is_empty() {
                    p { "Een deel van de gemeentebegroting wordt besteed door de inwoners zelf. "
                        "De gemeente zet geld van de begroting in een pot per dorp of wijk. "
                        "Inwoners bedenken plannen en stemmen over wat er met dat geld gebeurt." }
                } @else {
                    p { (intro) }
                }
            }
            section aria-labelledby="now-open" {
                h2 id="now-open" { "Nu open in uw dorp of wijk" }
                @if start.open_rounds.is_empty() {
                    p { "Er is nu geen ronde open. Kijk later nog eens, of bekijk de uitslagen hieronder." }
                } @else {
                    ul class="open-rounds" {
                        @for r in &start.open_rounds {
                            li {
                                strong { (r.area.name) } ": "
                                a href={ "/rondes/" (r.round.id) } { (r.round.title) }
                                " – " (round_now(r))
                                @if r.status() == RoundStatus::Voting {
                                    " " a href={ "/stemmen?gebied=" (r.area.slug) } { "Stem nu" span class="visually-hidden" { " in " (r.area.name) } }
                                }
                            }
                        }
                    }
                }
                p { a class="button" href="/stemmen" { "Stemmen met de code uit uw brief" } }
            }
            @if !start.recent_results.is_empty() {
                section aria-labelledby="results" {
                    h2 id="results" { "Uitslagen" }
                    ul {
                        @for r in &start.recent_results {
                            li { a href={ "/rondes/" (r.round.id) } { "Uitslag " (r.round.title) " (" (r.area.name) ")" } }
                        }
                    }
                }
            }
            p { a href="/rondes" { "Bekijk alle plannen, stemrondes en uitslagen per dorp" } }
            p { a href="/dorpen" { "Zie per dorp waar het geld vandaan komt en waar het naartoe gaat" } }
            @if user.is_none() {
                p { "Wilt u zelf een plan indienen? " a href="/registreren" { "Maak een account" } "." }
                p { "Heeft u gestemd? " a href="/audit" { "Controleer of uw stem in het logboek staat" } "." }
                p { a href="/inloggen" { "Inloggen" } }
            }
        },
    )
}

/// "1 overboeking wacht" / "3 overboekingen wachten".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// What the round asks of residents now, with its date.
fn round_now(r: &RoundView) -> String {
    let cal = r.round.calendar.as_ref();
    match r.status() {
        RoundStatus::Open => match cal {
            Some(c) => format!(
                "u kunt een plan indienen tot en met {}",
                nl_time::date_nl(c.plans_until)
            ),
            None => "u kunt nu een plan indienen".to_string(),
        },
        RoundStatus::Review => match cal {
            Some(c) => format!(
                "de plannen worden beoordeeld; stemmen kan vanaf {}",
                nl_time::date_nl(c.voting_from)
            ),
            None => "de plannen worden beoordeeld".to_string(),
        },
        RoundStatus::Voting => match (cal, r.round.voting_opened_at) {
            (Some(c), _) => format!(
                "stemmen kan tot en met {}",
                nl_time::date_nl(c.voting_until)
            ),
            (None, Some(at)) => format!("stemmen kan sinds {}", nl_time::local_date_nl(at)),
            (None, None) => "stemmen kan nu".to_string(),
        },
        RoundStatus::Counted => "geteld; de uitslag staat online".to_string(),
        RoundStatus::Closed => "afgesloten".to_string(),
        RoundStatus::Annulled => "ongeldig verklaard door de stuurgroep".to_string(),
    }
}

fn coordinator_todo(t: &CoordinatorTask) -> String {
    let r = &t.round;
    let mut todo = Vec::new();
    if t.to_review > 0 && r.actions.may_review {
        todo.push(count(
            t.to_review,
            "plan te beoordelen",
            "plannen te beoordelen",
        ));
    }
    if r.actions.may_open_voting && !r.nominated().is_empty() {
        todo.push("het stemmen kan open".to_string());
    }
    if r.actions.may_enter_paper_ballot {
        todo.push("papieren stembiljetten invoeren".to_string());
    }
    if r.actions.may_count {
        todo.push(format!(
            "tellen als het stemmen voorbij is ({} gestemd)",
            r.ballots
        ));
    }
    if r.actions.may_close {
        todo.push("afsluiten: het geld vastleggen voor de gekozen plannen".to_string());
    }
    if todo.is_empty() {
        "nu niets te doen".to_string()
    } else {
        todo.join("; ")
    }
}

/// A plan's status in words a resident uses; after the count: funded or not.
fn plan_status(p: &MyPlan) -> &'static str {
    match (p.status, p.round_status) {
        (PlanStatus::Submitted, _) => "ingediend, wacht op beoordeling",
        (PlanStatus::Rejected, _) => "afgewezen",
        (PlanStatus::Nominated, RoundStatus::Counted | RoundStatus::Closed) => {
            if p.standing == crate::domain::plan_standing::Standing::Chosen {
                "gekozen: het plan krijgt geld"
            } else {
                "niet gekozen"
            }
        }
        (PlanStatus::Nominated, RoundStatus::Annulled) => {
            "op de stemlijst geweest; de ronde is ongeldig verklaard"
        }
        (PlanStatus::Nominated, RoundStatus::Voting) => "op de stemlijst, er wordt gestemd",
        (PlanStatus::Nominated, RoundStatus::Open | RoundStatus::Review) => {
            "goedgekeurd voor de stemlijst"
        }
    }
}

/// The privacy statement, for residents: what we keep, why, how long, and who to ask.
pub fn privacy(user: Option<&SessionUser>) -> Markup {
    let theme = crate::theme::current();
    let who = contact_name(&theme);
    page(
        "Privacyverklaring",
        &Nav {
            user,
            current: "/privacy",
        },
        html! {
            h1 { "Privacyverklaring" }
            p { "Op deze website beslissen inwoners mee over geld van de " (who) ". "
                "Hier leest u welke gegevens we daarvoor gebruiken en waarom." }
            h2 { "Wie is verantwoordelijk?" }
            @if theme.texts.privacy_controller.is_empty() {
                p { "De " (who) " is verantwoordelijk voor uw gegevens op deze website." }
            } @else {
                p { (theme.texts.privacy_controller) " is verantwoordelijk voor uw gegevens op deze website." }
            }
            h2 { "Stemmen" }
            p { "Voor stemmen heeft u geen account nodig. U stemt met de code uit uw brief. "
                "Die code staat niet op naam: wij weten niet wie welke code heeft. "
                "We bewaren geen namen, adressen of BSN's van kiezers." }
            p { "Na het stemmen krijgt u een controlecode. Daarmee kunt u zelf nakijken dat uw stem is meegeteld. "
                "Uit die code is niet af te leiden wie u bent of wat u koos." }
            h2 { "Een plan indienen" }
            p { "Wilt u een plan indienen? Dan maakt u een account. We bewaren dan uw naam, uw e-mailadres en uw plannen. "
                "Uw naam staat bij uw plan, zodat andere inwoners weten van wie het plan is. "
                "Uw e-mailadres gebruiken we alleen om u over uw plan te berichten. "
                "Uw wachtwoord bewaren we niet zelf, alleen een versleutelde controlewaarde." }
            h2 { "Medewerkers" }
            p { "Medewerkers van de gemeente loggen in met een wachtwoord en een code uit een app. "
                "Alles wat zij met het geld doen, wordt vastgelegd. Zo kan de gemeenteraad het controleren." }
            h2 { "Hoe lang bewaren we uw gegevens?" }
            p { "Een account en de plannen bewaren we zolang de ronde loopt en daarna zolang de wet dat vraagt voor de boekhouding van de gemeente. "
                "Gegevens om in te loggen (zoals sessies) wissen we binnen een dag nadat ze verlopen zijn. "
                "Wilt u uw account laten verwijderen? Vraag het ons." }
            h2 { "Uw rechten" }
            p { "U mag vragen welke gegevens we van u hebben, en vragen om ze te verbeteren of te verwijderen. "
                "Bent u het niet eens met hoe we met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens." }
            h2 { "Vragen?" }
            @if !theme.texts.privacy_officer.is_empty() {
                p { "Vragen over privacy kunt u stellen aan de functionaris gegevensbescherming: " (theme.texts.privacy_officer) "." }
            }
            p { "Andere vragen? " (contact_sentence()) }
        },
    )
}

/// The accessibility statement (toegankelijkheidsverklaring), for residents.
pub fn accessibility(user: Option<&SessionUser>) -> Markup {
    let theme = crate::theme::current();
    let who = contact_name(&theme);
    page(
        "Toegankelijkheidsverklaring",
        &Nav {
            user,
            current: "/toegankelijkheid",
        },
        html! {
            h1 { "Toegankelijkheidsverklaring" }
            p { "De " (who) " wil dat iedereen deze website kan gebruiken: ook als u slecht ziet, "
                "een schermlezer gebruikt, geen muis gebruikt of moeite heeft met lezen." }
            h2 { "Hoe ver zijn we?" }
            @if theme.texts.accessibility_status.is_empty() {
                p { "De website is gemaakt volgens de toegankelijkheidseisen voor websites van de overheid (WCAG 2.1, niveau A en AA). "
                    "Een onderzoek door een onafhankelijk bureau is nog niet gedaan." }
            } @else {
                p { (theme.texts.accessibility_status) }
            }
            @if !theme.texts.accessibility_checked.is_empty() {
                p { "Laatst gecontroleerd: " (theme.texts.accessibility_checked) "." }
            }
            h2 { "Wat doen we?" }
            ul {
                li { "Alle pagina's werken met alleen het toetsenbord en zonder JavaScript." }
                li { "De teksten zijn in eenvoudig Nederlands geschreven." }
                li { "De pagina's werken op een telefoon en als u de tekst groter maakt." }
                li { "Bij elke wijziging testen we de pagina's automatisch op fouten in de toegankelijkheid." }
            }
            h2 { "Lukt iets niet?" }
            p { "Kunt u iets op deze website niet gebruiken, of is iets niet duidelijk? Laat het ons weten. "
                "We helpen u dan op een andere manier, bijvoorbeeld met stemmen. " (contact_sentence()) }
        },
    )
}
