//! The count's explanation per plan (why it was or was not funded) in the visitor's
//! language, from the steps the count stored ([`Why`]). The Dutch words are exactly those
//! of the counting program (`tally::explain::explain_dutch`); the tests below keep them so.

use crate::domain::count_explanation::{Score, TieRule, Why};
use crate::tr;

fn score_word(score: Score) -> String {
    match score {
        Score::Votes => tr!("explain-score-votes"),
        Score::Points => tr!("explain-score-points"),
        Score::VotesPerEuro => tr!("explain-score-votes-per-euro"),
    }
}

fn tie_rule(tie: TieRule) -> String {
    match tie {
        TieRule::Fair => tr!("explain-tie-fair"),
        TieRule::LowestNumber => tr!("explain-tie-lowest"),
        TieRule::HighestNumber => tr!("explain-tie-highest"),
    }
}

/// One step in words.
pub fn sentence(why: &Why) -> String {
    match why {
        Why::Fitted { rank, left, cost } => {
            tr!("explain-fitted", rank = *rank, left = left, cost = cost)
        }
        Why::FittedInCompletion { rank, left } => {
            tr!("explain-fitted-completion", rank = *rank, left = left)
        }
        Why::DidNotFit { rank, left, cost } => {
            tr!(
                "explain-did-not-fit",
                rank = *rank,
                left = left,
                cost = cost
            )
        }
        Why::DidNotFitInCompletion { left, cost } => {
            tr!("explain-did-not-fit-completion", left = left, cost = cost)
        }
        Why::LostTie {
            winner,
            score,
            tie,
            left,
            cost,
        } => tr!(
            "explain-lost-tie",
            score = score_word(*score),
            winner = winner,
            tie = tie_rule(*tie),
            left = left,
            cost = cost
        ),
        Why::Shared {
            round,
            per_voter,
            max_payment,
            payers,
            paying_all,
            won_tie_against,
            tie,
        } => {
            let mut parts = vec![tr!(
                "explain-shared",
                round = *round,
                per_voter = per_voter,
                payers = *payers,
                max_payment = max_payment
            )];
            if *paying_all > 0 {
                parts.push(tr!("explain-paying-all", count = *paying_all));
            }
            if !won_tie_against.is_empty() {
                parts.push(tr!(
                    "explain-won-tie",
                    plans = won_tie_against.join(", "),
                    count = won_tie_against.len(),
                    tie = tie_rule(*tie)
                ));
            }
            parts.join(" ")
        }
        Why::SupportersShort {
            after_round,
            supporters_money,
            cost,
            lost_tie_to,
            tie,
        } => {
            let mut parts = vec![if *after_round == 0 {
                tr!("explain-short", money = supporters_money, cost = cost)
            } else {
                tr!(
                    "explain-spent",
                    round = *after_round,
                    money = supporters_money,
                    cost = cost
                )
            }];
            if let Some(w) = lost_tie_to {
                parts.push(tr!(
                    "explain-lost-tie-mes",
                    winner = w,
                    tie = tie_rule(*tie)
                ));
            }
            parts.join(" ")
        }
        Why::NoSupport => tr!("explain-no-support"),
        Why::Free => tr!("explain-free"),
        Why::ZeroCostIgnored => tr!("explain-zero-cost"),
        Why::BelowThreshold {
            value,
            score,
            threshold,
        } => tr!(
            "explain-below-threshold",
            value = value,
            score = score_word(*score),
            threshold = threshold
        ),
        Why::FundedWithoutVotes => tr!("explain-without-votes"),
    }
}

/// All steps in words.
pub fn explanation(why: &[Why]) -> String {
    why.iter().map(sentence).collect::<Vec<_>>().join(" ")
}

/// A plan's explanation in the visitor's language: from its steps, or the stored Dutch
/// text for a result counted before the steps were kept.
pub fn explanation_text(why: &[Why], dutch: &str) -> String {
    if why.is_empty() {
        dutch.to_string()
    } else {
        explanation(why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{with_lang, Lang};
    use crate::service::count_explanation::why;
    use crate::tally::explain::explain_dutch;
    use crate::tally::{tally, Completion, Election, Rule, TallyOptions, TieBreak};

    /// Elections that make every kind of step: ties, plans that do not fit, a free plan, a
    /// plan without votes, a minimum score.
    const ELECTIONS: [&str; 3] = [
        "META\nkey;value\nbudget;100\nvote_type;approval\nnum_projects;6\nnum_votes;5\n\
         PROJECTS\nproject_id;cost\nA;60\nB;50\nC;50\nD;0\nE;30\nF;5\n\
         VOTES\nvoter_id;vote\n1;A,B\n2;A,C\n3;B,C,D\n4;A,E\n5;E\n",
        "META\nkey;value\nbudget;90\nvote_type;approval\nnum_projects;5\nnum_votes;6\n\
         min_project_score_threshold;2\n\
         PROJECTS\nproject_id;cost\n1;40\n2;40\n3;30\n4;25\n5;10\n\
         VOTES\nvoter_id;vote\n1;1,2\n2;1,2\n3;2,3\n4;3\n5;4\n6;1,4\n",
        "META\nkey;value\nbudget;120\nvote_type;approval\nnum_projects;4\nnum_votes;4\n\
         PROJECTS\nproject_id;cost\nP;40\nQ;40\nR;90\nS;7\n\
         VOTES\nvoter_id;vote\n1;P,R\n2;Q,R\n3;R\n4;S\n",
    ];

    fn options() -> Vec<TallyOptions> {
        let mut all = Vec::new();
        for tie in [TieBreak::Fair, TieBreak::Id, TieBreak::ReverseId] {
            for (rule, completion) in [
                (Rule::Greedy, Completion::None),
                (Rule::MesCost, Completion::Add1),
                (Rule::MesCost, Completion::Greedy),
                (Rule::MesApproval, Completion::Greedy),
            ] {
                let mut o = TallyOptions::new(rule, completion, tie);
                o.apply_threshold = true;
                all.push(o);
            }
        }
        all
    }

    /// Every (plan, steps, Dutch text of the counting program) of the elections above.
    fn counted() -> Vec<(Vec<Why>, String)> {
        let mut out = Vec::new();
        for pb in ELECTIONS {
            let election = Election::parse(pb).expect("a valid election");
            for o in options() {
                let outcome = tally(&election, &o).expect("counted");
                for e in &outcome.explanations {
                    out.push((why(e, &outcome), explain_dutch(e, &outcome)));
                }
            }
        }
        out
    }

    #[test]
    fn the_dutch_words_are_those_of_the_counting_program() {
        let all = counted();
        let mut kinds = std::collections::BTreeSet::new();
        for (steps, dutch) in &all {
            assert_eq!(&explanation(steps), dutch);
            for s in steps {
                let json = serde_json::to_value(s).expect("json");
                kinds.insert(json["code"].as_str().unwrap_or_default().to_string());
            }
        }
        // The elections reach the common kinds of step (the rest is checked by hand below).
        for kind in [
            "fitted",
            "did-not-fit",
            "shared",
            "supporters-short",
            "no-support",
        ] {
            assert!(kinds.contains(kind), "{kind} not reached: {kinds:?}");
        }
    }

    #[test]
    fn the_steps_are_stored_and_read_back_unchanged() {
        for (steps, _) in counted() {
            let json = serde_json::to_string(&steps).expect("json");
            let back: Vec<Why> = serde_json::from_str(&json).expect("read back");
            assert_eq!(back, steps);
        }
    }

    /// One of each kind of step, with every optional part.
    fn every_step() -> Vec<Why> {
        let m = |s: &str| s.to_string();
        vec![
            Why::Fitted {
                rank: 2,
                left: m("€ 70"),
                cost: m("€ 40"),
            },
            Why::FittedInCompletion {
                rank: 1,
                left: m("€ 30"),
            },
            Why::DidNotFit {
                rank: 3,
                left: m("€ 30"),
                cost: m("€ 40"),
            },
            Why::DidNotFitInCompletion {
                left: m("€ 5"),
                cost: m("€ 40"),
            },
            Why::LostTie {
                winner: m("7"),
                score: Score::Votes,
                tie: TieRule::Fair,
                left: m("€ 10"),
                cost: m("€ 40"),
            },
            Why::Shared {
                round: 2,
                per_voter: m("€ 20"),
                max_payment: m("€ 15"),
                payers: 3,
                paying_all: 1,
                won_tie_against: vec![m("4"), m("5")],
                tie: TieRule::LowestNumber,
            },
            Why::Shared {
                round: 1,
                per_voter: m("€ 20"),
                max_payment: m("€ 15"),
                payers: 3,
                paying_all: 2,
                won_tie_against: vec![],
                tie: TieRule::Fair,
            },
            Why::SupportersShort {
                after_round: 0,
                supporters_money: m("€ 20"),
                cost: m("€ 40"),
                lost_tie_to: None,
                tie: TieRule::Fair,
            },
            Why::SupportersShort {
                after_round: 3,
                supporters_money: m("€ 20"),
                cost: m("€ 40"),
                lost_tie_to: Some(m("2")),
                tie: TieRule::HighestNumber,
            },
            Why::NoSupport,
            Why::Free,
            Why::ZeroCostIgnored,
            Why::BelowThreshold {
                value: m("1"),
                score: Score::Points,
                threshold: m("2"),
            },
            Why::BelowThreshold {
                value: m("1"),
                score: Score::VotesPerEuro,
                threshold: m("2"),
            },
            Why::FundedWithoutVotes,
        ]
    }

    #[test]
    fn every_step_is_written_in_english_when_english_is_chosen() {
        for step in every_step() {
            let nl = sentence(&step);
            let en = with_lang(Lang::En, || sentence(&step));
            assert_ne!(en, nl, "{step:?}");
            assert!(!en.contains('{') && !en.starts_with("explain-"), "{en}");
            for dutch in [" het ", " van ", "Gekozen", "gekozen", "stemmen", "gelijke"] {
                assert!(!en.contains(dutch), "{dutch:?} in {en}");
            }
        }
        let en = |w: &Why| with_lang(Lang::En, || sentence(w));
        let steps = every_step();
        assert_eq!(
            en(&steps[0]),
            "Chosen. On the ranking this plan was in place 2. At that point € 70 was left. \
             The plan costs € 40, so it fitted."
        );
        assert_eq!(
            en(&steps[5]),
            "Chosen in round 2. Every voter had € 20 to spend. 3 supporters paid for this plan \
             together; nobody paid more than € 15. 1 of them gave all the money they had left. \
             Plans 4, 5 were exactly as expensive per supporter; this plan went first (on an \
             equal score: the plan with the lowest number goes first (numbers compared as \
             text, as pabutools does))."
        );
        assert_eq!(en(&steps[9]), "Not chosen. Nobody voted for this plan.");
    }

    #[test]
    fn a_result_counted_before_the_steps_were_kept_shows_its_dutch_text() {
        assert_eq!(explanation_text(&[], "Gekozen."), "Gekozen.");
        let en = with_lang(Lang::En, || explanation_text(&[Why::Free], "Gekozen."));
        assert_eq!(en, "Chosen: this plan costs nothing and has support.");
    }
}
