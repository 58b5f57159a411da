//! Explanations in plain Dutch (B1 level) for the text output, from the structured reasons.

use num_traits::Zero;

use super::number::{dutch_money, parse_decimal};
use super::options::{Completion, Rule};
use super::outcome::{Explanation, Outcome, Reason};

/// Formats an exact amount string as money for residents: `€ 12.000` or `12.000 PLN`.
pub fn money(exact: &str, currency: Option<&str>) -> String {
    let amount = parse_decimal(exact).unwrap_or_else(num_rational::BigRational::zero);
    let text = dutch_money(&amount);
    match currency {
        None | Some("EUR") | Some("") => format!("€ {text}"),
        Some(code) => format!("{text} {code}"),
    }
}

fn rule_dutch(outcome: &Outcome) -> String {
    let rule = match outcome.options.rule {
        Rule::Greedy => "de meeste stemmen (greedy): plannen op volgorde van stemmen; wat niet meer past wordt overgeslagen",
        Rule::MesCost => "gelijke delen (Method of Equal Shares), met de kosten als nut (mes-cost)",
        Rule::MesApproval => "gelijke delen (Method of Equal Shares), met iedere stem even zwaar (mes-approval)",
    };
    let completion = match outcome.options.completion {
        Completion::None => "",
        Completion::Greedy => "; daarna het geld dat over is op volgorde van stemmen",
        Completion::Add1 => "; het geld per stemmer steeds 1 hoger tot het budget op is, daarna de rest op volgorde van stemmen (add1)",
        Completion::Add1Only => "; het geld per stemmer steeds 1 hoger tot het budget op is (add1)",
        Completion::Add1Last => "; het geld per stemmer steeds 1 hoger zolang de uitslag in het budget past (add1, laatste passende)",
        Completion::Add1Integral => "; het geld per stemmer (hele bedragen) steeds 1 hoger tot het budget op is (add1)",
        Completion::Add1IntegralLast => "; het geld per stemmer (hele bedragen) steeds 1 hoger zolang de uitslag past",
        Completion::Exh => "; het budget steeds 1% van alle kosten hoger, daarna de rest op volgorde van stemmen (exh)",
    };
    format!("{rule}{completion}")
}

/// One explanation as Dutch sentences.
pub fn explain_dutch(e: &Explanation, outcome: &Outcome) -> String {
    let cur = outcome.currency.as_deref();
    let cost = money(&e.cost, cur);
    let tie_rule = outcome.options.tie_break.dutch();
    let score_word = match outcome.greedy_by.as_deref() {
        Some("points") => "punten",
        Some("votes-per-cost") => "stemmen per euro",
        _ => "stemmen",
    };
    let mut sentences = Vec::new();
    for reason in &e.reasons {
        let s = match reason {
            Reason::Fitted { rank, remaining_before, completion: false } => format!(
                "Gekozen. Op de ranglijst stond dit plan op plaats {rank}. Er was toen nog {} over. Het plan kost {cost}, dus het paste.",
                money(remaining_before, cur)
            ),
            Reason::Fitted { rank, remaining_before, completion: true } => format!(
                "Gekozen in de aanvulling: er was nog {} over. Dit plan stond op plaats {rank} van de overgebleven plannen en paste nog.",
                money(remaining_before, cur)
            ),
            Reason::DidNotFit { rank, remaining_before, completion: false } => format!(
                "Niet gekozen. Toen dit plan aan de beurt was (plaats {rank}), was er nog {} over. Het plan kost {cost}. Dat paste niet.",
                money(remaining_before, cur)
            ),
            Reason::DidNotFit { remaining_before, completion: true, .. } => format!(
                "Ook in de aanvulling paste het niet: er was nog {} over en het plan kost {cost}.",
                money(remaining_before, cur)
            ),
            Reason::LostTie { winner, remaining_before, .. } => format!(
                "Niet gekozen. Dit plan had evenveel {score_word} als plan {winner}. Plan {winner} ging voor (bij gelijke stand: {tie_rule}). Daarna was er nog {} over, te weinig voor dit plan ({cost}).",
                money(remaining_before, cur)
            ),
            Reason::SharedBySupporters { round, per_voter_budget, max_payment, payers, paying_all, won_tie_against } => {
                let mut s = format!(
                    "Gekozen in ronde {round}. Iedere stemmer had {} te besteden. {payers} voorstanders betaalden samen dit plan; niemand betaalde meer dan {}.",
                    money(per_voter_budget, cur),
                    money(max_payment, cur)
                );
                match *paying_all {
                    0 => {}
                    1 => s.push_str(" 1 van hen gaf al het geld dat hij of zij nog had."),
                    n => s.push_str(&format!(" {n} van hen gaven al het geld dat ze nog hadden.")),
                }
                if !won_tie_against.is_empty() {
                    s.push_str(&format!(
                        " Plan {} was precies even duur per voorstander; dit plan ging voor (bij gelijke stand: {tie_rule}).",
                        won_tie_against.join(", ")
                    ));
                }
                s
            }
            Reason::SupportersOutOfMoney { after_round, supporters_money, lost_tie_to, .. } => {
                let mut s = if *after_round == 0 {
                    format!(
                        "Niet gekozen bij de gelijke delen. De voorstanders hadden samen {}. Dat is minder dan de kosten ({cost}).",
                        money(supporters_money, cur)
                    )
                } else {
                    format!(
                        "Niet gekozen bij de gelijke delen. Na ronde {after_round} hadden de voorstanders samen nog {}; het plan kost {cost}. Dat was te weinig: hun geld ging naar andere plannen die zij ook steunden.",
                        money(supporters_money, cur)
                    )
                };
                if let Some(w) = lost_tie_to {
                    s.push_str(&format!(" In een ronde was het precies even duur als plan {w}; dat plan ging voor (bij gelijke stand: {tie_rule})."));
                }
                s
            }
            Reason::NoSupport => "Niet gekozen. Niemand heeft op dit plan gestemd.".to_string(),
            Reason::Free => "Gekozen: dit plan kost niets en heeft steun.".to_string(),
            Reason::ZeroCostIgnored => "Niet gekozen: dit plan kost niets; bij deze regel telt het daarom niet mee.".to_string(),
            Reason::BelowThreshold { score, threshold } => format!(
                "Niet meegeteld: dit plan kreeg {score} {score_word}, minder dan het minimum van {threshold}."
            ),
        };
        sentences.push(s);
    }
    if e.selected && e.votes == 0 {
        // Greedy (like pabutools) also funds plans without votes when money is left at the
        // end; say so, because residents will not expect it.
        sentences.push(
            "Niemand had op dit plan gestemd; het kreeg geld omdat er aan het eind nog genoeg over was (zo telt ook pabutools)."
                .to_string(),
        );
    }
    sentences.join(" ")
}

/// The whole result as text for residents.
pub fn render_dutch(outcome: &Outcome, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cur = outcome.currency.as_deref();
    writeln!(out, "Uitslag van de telling")?;
    writeln!(out, "Regel: {}.", rule_dutch(outcome))?;
    writeln!(
        out,
        "Bij gelijke stand: {}.",
        outcome.options.tie_break.dutch()
    )?;
    writeln!(
        out,
        "Budget: {} | uitgegeven: {} | over: {}",
        money(&outcome.budget, cur),
        money(&outcome.spent, cur),
        money(&outcome.left, cur)
    )?;
    let mut voters = format!("Stemmers: {}", outcome.voters);
    if let Some(pv) = &outcome.per_voter_budget {
        voters.push_str(&format!("; geld per stemmer: {}", money(pv, cur)));
    }
    if let Some(r) = outcome.budget_raises {
        voters.push_str(&format!(" (na {r} keer verhogen)"));
    }
    writeln!(out, "{voters}")?;
    writeln!(out)?;
    writeln!(
        out,
        "Gekozen plannen ({}), in de volgorde van kiezen:",
        outcome.selected.len()
    )?;
    let mut chosen: Vec<&Explanation> =
        outcome.explanations.iter().filter(|e| e.selected).collect();
    chosen.sort_by_key(|e| e.step);
    for e in chosen {
        writeln!(out, "{:>4}. {}", e.step.unwrap_or(0), headline(e, cur))?;
        writeln!(out, "      {}", explain_dutch(e, outcome))?;
    }
    writeln!(out)?;
    writeln!(out, "Niet gekozen:")?;
    for e in outcome.explanations.iter().filter(|e| !e.selected) {
        writeln!(out, "   - {}", headline(e, cur))?;
        writeln!(out, "      {}", explain_dutch(e, outcome))?;
    }
    Ok(())
}

fn headline(e: &Explanation, cur: Option<&str>) -> String {
    let name = e
        .name
        .as_deref()
        .map(|n| format!(" {n}"))
        .unwrap_or_default();
    format!(
        "[{}]{name} | {} | {} stemmen",
        e.project,
        money(&e.cost, cur),
        e.votes
    )
}
