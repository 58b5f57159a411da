//! A Smederij round: its states, its ballot and counting rules, the check of one ballot
//! against those rules, the fingerprint that freezes the rules when voting opens, and the
//! receipt (tracker) a voter gets. Pure: no I/O.

use rand::Rng;
use serde::{Deserialize, Serialize};
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

/// One plan as frozen on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrozenPlan {
    pub id: String,
    pub number: i32,
    pub title: String,
    pub amount_cents: i64,
}

/// What is frozen when voting opens: the ballot, the rules and the budget. Casting a
/// ballot and counting read these, never the live round columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrozenRules {
    pub round_id: String,
    pub area_slug: String,
    pub year: i32,
    pub quarter: i32,
    pub budget_cents: i64,
    pub ballot_rule: BallotRule,
    pub count_rule: CountRule,
    /// Every nominated plan, in number order.
    pub initiatives: Vec<FrozenPlan>,
}

/// The stored form (version 1). Serialised through `serde_json::Value`, whose maps keep
/// their keys sorted, so the text is canonical.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrozenWire {
    v: u32,
    round: String,
    area: String,
    year: i32,
    quarter: i32,
    budget_cents: i64,
    ballot_rule: String,
    max_choices: Option<u32>,
    count_rule: String,
    initiatives: Vec<FrozenPlan>,
}

/// Why stored frozen rules cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrozenProblem {
    #[error(
        "De vastgelegde regels van deze ronde kloppen niet met hun vingerafdruk. \
         Er is niet geteld. Meld dit aan de beheerder: de regels zijn na het openen van \
         het stemmen veranderd."
    )]
    FingerprintMismatch,
    #[error("De vastgelegde regels van deze ronde zijn onleesbaar ({0}). Er is niet geteld.")]
    Unreadable(String),
}

impl FrozenRules {
    /// The canonical JSON of the frozen rules (sorted keys, versioned) and its SHA-256
    /// fingerprint in hex. Anyone holding the JSON can recompute the fingerprint.
    pub fn freeze(&self) -> (String, String) {
        let wire = FrozenWire {
            v: 1,
            round: self.round_id.clone(),
            area: self.area_slug.clone(),
            year: self.year,
            quarter: self.quarter,
            budget_cents: self.budget_cents,
            ballot_rule: self.ballot_rule.as_str().to_string(),
            max_choices: self.ballot_rule.max_choices(),
            count_rule: self.count_rule.as_str().to_string(),
            initiatives: self.initiatives.clone(),
        };
        // Serialising plain strings and numbers cannot fail.
        let text = serde_json::to_value(&wire)
            .map(|v| v.to_string())
            .unwrap_or_default();
        let fingerprint = fingerprint_of(&text);
        (text, fingerprint)
    }

    /// Reads stored frozen rules, after checking them against the stored fingerprint.
    pub fn verified(text: &str, fingerprint: &str) -> Result<FrozenRules, FrozenProblem> {
        if fingerprint_of(text) != fingerprint {
            return Err(FrozenProblem::FingerprintMismatch);
        }
        let w: FrozenWire =
            serde_json::from_str(text).map_err(|e| FrozenProblem::Unreadable(e.to_string()))?;
        if w.v != 1 {
            return Err(FrozenProblem::Unreadable(format!("versie {}", w.v)));
        }
        let max = w.max_choices.map(|m| i32::try_from(m).unwrap_or(i32::MAX));
        let ballot_rule = BallotRule::from_parts(&w.ballot_rule, max)
            .ok_or_else(|| FrozenProblem::Unreadable(format!("stemregel {}", w.ballot_rule)))?;
        let count_rule = CountRule::parse(&w.count_rule)
            .ok_or_else(|| FrozenProblem::Unreadable(format!("telregel {}", w.count_rule)))?;
        Ok(FrozenRules {
            round_id: w.round,
            area_slug: w.area,
            year: w.year,
            quarter: w.quarter,
            budget_cents: w.budget_cents,
            ballot_rule,
            count_rule,
            initiatives: w.initiatives,
        })
    }

    /// The plans on the ballot, for checking a ballot.
    pub fn ballot(&self) -> Vec<BallotItem> {
        self.initiatives
            .iter()
            .map(|i| BallotItem {
                id: i.id.clone(),
                amount_cents: i.amount_cents,
            })
            .collect()
    }

    /// Checks `chosen` against the frozen rule and ballot.
    pub fn check(&self, chosen: &[String]) -> Result<Vec<String>, BallotProblem> {
        check_ballot(self.ballot_rule, self.budget_cents, &self.ballot(), chosen)
    }
}

fn fingerprint_of(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
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

    fn frozen() -> FrozenRules {
        FrozenRules {
            round_id: "r1".into(),
            area_slug: "t-loo".into(),
            year: 2026,
            quarter: 4,
            budget_cents: 1_000_000,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(3),
            },
            count_rule: CountRule::Greedy,
            initiatives: vec![FrozenPlan {
                id: "i1".into(),
                number: 1,
                title: "Bankjes".into(),
                amount_cents: 120_000,
            }],
        }
    }

    #[test]
    fn the_fingerprint_changes_with_any_frozen_detail() {
        let base = frozen();
        let (json_text, fp) = base.freeze();
        assert_eq!(fp.len(), 64);
        assert_eq!(hex::encode(Sha256::digest(json_text.as_bytes())), fp);
        let mut other = base.clone();
        other.budget_cents += 1;
        assert_ne!(other.freeze().1, fp);
        let mut other = base.clone();
        other.initiatives[0].amount_cents += 1;
        assert_ne!(other.freeze().1, fp);
        let mut other = base;
        other.count_rule = CountRule::EqualShares;
        assert_ne!(other.freeze().1, fp);
    }

    #[test]
    fn frozen_rules_keep_the_stored_form_of_earlier_versions() {
        // Written by the first version (a serde_json::json! literal); stored in existing
        // databases, so it must read back and freeze to the very same text.
        let stored = r#"{"area":"t-loo","ballot_rule":"approval","budget_cents":1000000,"count_rule":"greedy","initiatives":[{"amount_cents":120000,"id":"i1","number":1,"title":"Bankjes"}],"max_choices":3,"quarter":4,"round":"r1","v":1,"year":2026}"#;
        let (text, fp) = frozen().freeze();
        assert_eq!(text, stored);
        assert_eq!(FrozenRules::verified(stored, &fp), Ok(frozen()));
    }

    #[test]
    fn frozen_rules_are_refused_when_the_fingerprint_does_not_match() {
        let (text, fp) = frozen().freeze();
        let bent = text.replace("1000000", "9000000");
        assert_eq!(
            FrozenRules::verified(&bent, &fp),
            Err(FrozenProblem::FingerprintMismatch)
        );
        let other_fp = fingerprint_of(&bent);
        assert_eq!(
            FrozenRules::verified(&bent, &other_fp).map(|r| r.budget_cents),
            Ok(9_000_000)
        );
        let unknown = text.replace("\"greedy\"", "\"ranked\"");
        assert!(matches!(
            FrozenRules::verified(&unknown, &fingerprint_of(&unknown)),
            Err(FrozenProblem::Unreadable(_))
        ));
    }

    #[test]
    fn frozen_rules_check_ballots() {
        let r = frozen();
        assert_eq!(r.check(&ids(&["i1"])), Ok(ids(&["i1"])));
        assert_eq!(r.check(&ids(&["i2"])), Err(BallotProblem::NotOnBallot));
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
