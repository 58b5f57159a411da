//! A Smederij round: its states, its ballot and counting rules, the check of one ballot
//! against those rules, the fingerprint that freezes the rules when voting opens, and the
//! receipt (tracker) a voter gets. Pure: no I/O.

use rand::Rng;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Where a round is. Rounds only move forward: open → voting → closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundStatus {
    /// Initiatives may be submitted and reviewed.
    Open,
    /// Rules frozen, residents vote.
    Voting,
    /// Counted; the result and the anonymised ballots are public.
    Closed,
}

impl RoundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundStatus::Open => "open",
            RoundStatus::Voting => "voting",
            RoundStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Voting, Self::Closed]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            RoundStatus::Open => "Open voor plannen",
            RoundStatus::Voting => "Stemmen",
            RoundStatus::Closed => "Afgesloten",
        }
    }
}

/// What a ballot may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotRule {
    /// Tick the plans you support; at most `max_choices` when set.
    Approval { max_choices: Option<u32> },
    /// Choose plans whose amounts together fit in the round budget (Amsterdam,
    /// Stanford's "knapsack" ballot).
    Knapsack,
}

impl BallotRule {
    pub fn as_str(self) -> &'static str {
        match self {
            BallotRule::Approval { .. } => "approval",
            BallotRule::Knapsack => "knapsack",
        }
    }

    pub fn from_parts(rule: &str, max_choices: Option<i32>) -> Option<Self> {
        match rule {
            "approval" => Some(BallotRule::Approval {
                max_choices: max_choices.and_then(|m| u32::try_from(m).ok()),
            }),
            "knapsack" => Some(BallotRule::Knapsack),
            _ => None,
        }
    }

    pub fn max_choices(self) -> Option<u32> {
        match self {
            BallotRule::Approval { max_choices } => max_choices,
            BallotRule::Knapsack => None,
        }
    }
}

/// How the ballots are counted (see docs/counting.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRule {
    /// Most votes first, skip what no longer fits.
    Greedy,
    /// Method of Equal Shares (cost utilities), completed by raising the voters' money and
    /// then greedy.
    EqualShares,
}

impl CountRule {
    pub fn as_str(self) -> &'static str {
        match self {
            CountRule::Greedy => "greedy",
            CountRule::EqualShares => "mes",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "greedy" => Some(CountRule::Greedy),
            "mes" => Some(CountRule::EqualShares),
            _ => None,
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            CountRule::Greedy => "Meeste stemmen eerst",
            CountRule::EqualShares => "Methode van gelijke delen",
        }
    }
}

/// One plan on the ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotItem {
    pub id: String,
    pub amount_cents: i64,
}

/// Why a ballot cannot be accepted. The messages are for the voter (B1 Dutch).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotProblem {
    #[error("Kies minstens één plan.")]
    Empty,
    #[error("U koos een plan dat niet op het stembiljet staat. Kies opnieuw.")]
    NotOnBallot,
    #[error("U mag hoogstens {max} plannen kiezen. U koos er {chosen}.")]
    TooMany { max: u32, chosen: usize },
    #[error(
        "Uw keuze kost samen {total}, maar er is {budget} te verdelen. Haal een of meer plannen weg."
    )]
    OverBudget { total: String, budget: String },
}

/// Checks `chosen` (plan ids, in any order, duplicates ignored) against the round's rule
/// and returns the chosen ids in ballot order.
pub fn check_ballot(
    rule: BallotRule,
    budget_cents: i64,
    ballot: &[BallotItem],
    chosen: &[String],
) -> Result<Vec<String>, BallotProblem> {
    let mut picked = Vec::new();
    for id in chosen {
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        if !ballot.iter().any(|b| b.id == id) {
            return Err(BallotProblem::NotOnBallot);
        }
    }
    for item in ballot {
        if chosen.iter().any(|c| c.trim() == item.id) {
            picked.push(item);
        }
    }
    if picked.is_empty() {
        return Err(BallotProblem::Empty);
    }
    match rule {
        BallotRule::Approval {
            max_choices: Some(max),
        } if picked.len() > max as usize => {
            return Err(BallotProblem::TooMany {
                max,
                chosen: picked.len(),
            })
        }
        BallotRule::Knapsack => {
            let total: i64 = picked.iter().map(|p| p.amount_cents).sum();
            if total > budget_cents {
                return Err(BallotProblem::OverBudget {
                    total: crate::domain::money::format_eur(total),
                    budget: crate::domain::money::format_eur(budget_cents),
                });
            }
        }
        _ => {}
    }
    Ok(picked.into_iter().map(|p| p.id.clone()).collect())
}

/// What is frozen when voting opens.
#[derive(Debug, Clone)]
pub struct FrozenRound<'a> {
    pub round_id: &'a str,
    pub area_slug: &'a str,
    pub year: i32,
    pub quarter: i32,
    pub budget_cents: i64,
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    /// (id, number, title, amount in cents) of every nominated plan.
    pub initiatives: Vec<(&'a str, i32, &'a str, i64)>,
}

/// The canonical JSON of the frozen rules (sorted keys, versioned) and its SHA-256
/// fingerprint in hex. Anyone holding the JSON can recompute the fingerprint.
pub fn freeze(round: &FrozenRound<'_>) -> (String, String) {
    let initiatives: Vec<Value> = round
        .initiatives
        .iter()
        .map(|(id, number, title, amount)| {
            json!({"id": id, "number": number, "title": title, "amount_cents": amount})
        })
        .collect();
    let v = json!({
        "v": 1,
        "round": round.round_id,
        "area": round.area_slug,
        "year": round.year,
        "quarter": round.quarter,
        "budget_cents": round.budget_cents,
        "ballot_rule": round.ballot_rule.as_str(),
        "max_choices": round.ballot_rule.max_choices(),
        "count_rule": round.count_rule.as_str(),
        "initiatives": initiatives,
    });
    let text = v.to_string();
    let fingerprint = hex::encode(Sha256::digest(text.as_bytes()));
    (text, fingerprint)
}

/// Characters of a tracker: the voting-code alphabet (no 0/O, 1/I/L).
const TRACKER_ALPHABET: &[u8] = crate::domain::voting_code::ALPHABET;

/// A new receipt: two groups of five characters (about 49 bits), e.g. `7KQ2M-XW9PT`.
pub fn new_tracker() -> String {
    let mut rng = rand::rngs::OsRng;
    let mut s = String::with_capacity(11);
    for i in 0..10 {
        if i == 5 {
            s.push('-');
        }
        let c = TRACKER_ALPHABET[rng.gen_range(0..TRACKER_ALPHABET.len())];
        s.push(char::from(c));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<BallotItem> {
        vec![
            BallotItem {
                id: "a".into(),
                amount_cents: 60_000,
            },
            BallotItem {
                id: "b".into(),
                amount_cents: 50_000,
            },
            BallotItem {
                id: "c".into(),
                amount_cents: 30_000,
            },
        ]
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn approval_limits_the_number_of_choices() {
        let rule = BallotRule::Approval {
            max_choices: Some(2),
        };
        assert_eq!(
            check_ballot(rule, 100_000, &items(), &ids(&["c", "a"])),
            Ok(ids(&["a", "c"]))
        );
        assert_eq!(
            check_ballot(rule, 100_000, &items(), &ids(&["a", "b", "c"])),
            Err(BallotProblem::TooMany { max: 2, chosen: 3 })
        );
        let open = BallotRule::Approval { max_choices: None };
        assert_eq!(
            check_ballot(open, 100_000, &items(), &ids(&["a", "b", "c"])).map(|v| v.len()),
            Ok(3)
        );
    }

    #[test]
    fn knapsack_must_fit_the_budget() {
        assert_eq!(
            check_ballot(BallotRule::Knapsack, 110_000, &items(), &ids(&["a", "b"])),
            Ok(ids(&["a", "b"]))
        );
        let err = check_ballot(BallotRule::Knapsack, 100_000, &items(), &ids(&["a", "b"]))
            .expect_err("over budget");
        assert!(matches!(err, BallotProblem::OverBudget { .. }));
        assert!(err.to_string().contains("1.100,00"), "{err}");
    }

    #[test]
    fn empty_unknown_and_duplicate_choices() {
        let rule = BallotRule::Approval { max_choices: None };
        assert_eq!(
            check_ballot(rule, 1, &items(), &[]),
            Err(BallotProblem::Empty)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["", " "])),
            Err(BallotProblem::Empty)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["a", "zzz"])),
            Err(BallotProblem::NotOnBallot)
        );
        assert_eq!(
            check_ballot(rule, 1, &items(), &ids(&["b", "b", "b"])),
            Ok(ids(&["b"]))
        );
    }

    #[test]
    fn the_fingerprint_changes_with_any_frozen_detail() {
        let base = FrozenRound {
            round_id: "r1",
            area_slug: "t-loo",
            year: 2026,
            quarter: 4,
            budget_cents: 1_000_000,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(3),
            },
            count_rule: CountRule::Greedy,
            initiatives: vec![("i1", 1, "Bankjes", 120_000)],
        };
        let (json_text, fp) = freeze(&base);
        assert_eq!(fp.len(), 64);
        assert_eq!(hex::encode(Sha256::digest(json_text.as_bytes())), fp);
        assert!(json_text.starts_with("{\"area\":\"t-loo\""), "{json_text}");
        let mut other = base.clone();
        other.budget_cents += 1;
        assert_ne!(freeze(&other).1, fp);
        let mut other = base.clone();
        other.initiatives[0].3 += 1;
        assert_ne!(freeze(&other).1, fp);
        let mut other = base;
        other.count_rule = CountRule::EqualShares;
        assert_ne!(freeze(&other).1, fp);
    }

    #[test]
    fn trackers_are_grouped_and_use_the_code_alphabet() {
        let t = new_tracker();
        assert_eq!(t.len(), 11);
        assert_eq!(&t[5..6], "-");
        assert!(t
            .chars()
            .filter(|c| *c != '-')
            .all(|c| TRACKER_ALPHABET.contains(&(c as u8))));
        assert_ne!(new_tracker(), t);
    }

    #[test]
    fn states_and_rules_round_trip() {
        for s in ["open", "voting", "closed"] {
            assert_eq!(RoundStatus::parse(s).map(|r| r.as_str()), Some(s));
        }
        assert_eq!(RoundStatus::parse("draft"), None);
        assert_eq!(CountRule::parse("mes"), Some(CountRule::EqualShares));
        assert_eq!(
            BallotRule::from_parts("approval", Some(3)),
            Some(BallotRule::Approval {
                max_choices: Some(3)
            })
        );
        assert_eq!(BallotRule::from_parts("ranked", None), None);
    }
}
