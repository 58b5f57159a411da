//! Reviewing a plan: the area's checklist, the coordinator's verdict per criterion, what a
//! decision needs (nominating: every criterion judged and met; rejecting: at least one
//! criterion that is not met), a plan's cost breakdown and an amount correction. Pure: the
//! service loads and stores, this module decides. Messages are for the coordinator and the
//! initiator (B1), shown in the language of the page.

use serde::Serialize;

use super::message::Msg;
use super::money::{above_maximum, within_bound};
use crate::msg_key;

/// The checklist of an area that did not set its own (the Smederij's usual questions).
pub const DEFAULT_CRITERIA: [&str; 5] = [
    "Veilig",
    "Voor het hele dorp of de hele wijk",
    "Eenmalig, geen regulier onderhoud",
    "Binnen het maximum per plan",
    "Uit te voeren binnen een jaar",
];

/// The most criteria on one checklist, and the longest one.
pub const MAX_CRITERIA: usize = 12;
pub const CRITERION_MAX: usize = 200;
/// The longest note with one verdict, and the longest explanation of a correction.
pub const NOTE_MAX: usize = 500;
pub const EXPLANATION_MAX: usize = 1000;
/// The most lines in one cost breakdown, and the longest description of a line.
pub const MAX_COST_LINES: usize = 10;
pub const COST_DESCRIPTION_MAX: usize = 120;

/// One field's problem: the form field's name and the message.
pub type FieldProblem = (String, Msg);

/// Problems the handler found before the service was asked (texts already in the
/// request's language), as field problems the service shows as they are.
pub fn verbatim_problems(problems: Vec<(String, String)>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|(field, text)| (field, Msg::verbatim(text)))
        .collect()
}

/// A checklist typed as one criterion per line: the criteria, or every problem.
pub fn parse_checklist(text: &str) -> Result<Vec<String>, Vec<FieldProblem>> {
    let criteria: Vec<String> = text
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let mut problems = Vec::new();
    if criteria.is_empty() {
        problems.push((
            "checklist".to_string(),
            Msg::new(msg_key!("error-review-checklist-empty")),
        ));
    }
    if criteria.len() > MAX_CRITERIA {
        problems.push((
            "checklist".to_string(),
            Msg::new(msg_key!("error-review-checklist-long"))
                .arg("max", MAX_CRITERIA)
                .arg("count", criteria.len()),
        ));
    }
    if let Some(long) = criteria.iter().find(|c| c.chars().count() > CRITERION_MAX) {
        let start: String = long.chars().take(30).collect();
        problems.push((
            "checklist".to_string(),
            Msg::new(msg_key!("error-review-criterion-long"))
                .arg("start", start)
                .arg("max", CRITERION_MAX),
        ));
    }
    if problems.is_empty() {
        Ok(criteria)
    } else {
        Err(problems)
    }
}

/// The coordinator's verdict on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Meets,
    Fails,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Meets, Verdict::Fails];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Meets => "meets",
            Verdict::Fails => "fails",
        }
    }

    pub fn label_nl(self) -> &'static str {
        match self {
            Verdict::Meets => "Voldoet",
            Verdict::Fails => "Voldoet niet",
        }
    }
}

impl std::str::FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "meets" => Ok(Verdict::Meets),
            "fails" => Ok(Verdict::Fails),
            other => Err(format!("unknown verdict {other:?}")),
        }
    }
}

/// A stored verdict: the criterion as it was judged, the verdict and the note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionVerdict {
    /// 1 for the checklist's first criterion.
    pub position: i32,
    pub criterion: String,
    pub verdict: Verdict,
    pub note: String,
}

/// What the coordinator chose for one criterion (nothing yet, or a verdict) and the note.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictInput {
    pub verdict: Option<Verdict>,
    pub note: String,
}

/// The coordinator's step with the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep the verdicts so far; the plan waits.
    Save,
    Nominate,
    Reject,
}

/// The form field of criterion `position`'s verdict and of its note.
pub fn verdict_field(position: usize) -> String {
    format!("oordeel-{position}")
}

pub fn note_field(position: usize) -> String {
    format!("toelichting-{position}")
}

/// Every problem with the verdicts for this decision. `verdicts[i]` belongs to
/// `criteria[i]`.
pub fn verdict_problems(
    criteria: &[String],
    verdicts: &[VerdictInput],
    decision: Decision,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for (i, criterion) in criteria.iter().enumerate() {
        let position = i + 1;
        let v = verdicts.get(i).cloned().unwrap_or_default();
        if v.note.trim().chars().count() > NOTE_MAX {
            problems.push((
                note_field(position),
                Msg::new(msg_key!("error-review-note-long"))
                    .arg("criterion", criterion)
                    .arg("max", NOTE_MAX),
            ));
        }
        if decision == Decision::Nominate {
            match v.verdict {
                None => problems.push((
                    verdict_field(position),
                    Msg::new(msg_key!("error-review-verdict-missing")).arg("criterion", criterion),
                )),
                Some(Verdict::Fails) => problems.push((
                    verdict_field(position),
                    Msg::new(msg_key!("error-review-verdict-fails")).arg("criterion", criterion),
                )),
                Some(Verdict::Meets) => {}
            }
        }
        if v.verdict == Some(Verdict::Fails) && v.note.trim().is_empty() {
            problems.push((
                note_field(position),
                Msg::new(msg_key!("error-review-fail-note")).arg("criterion", criterion),
            ));
        }
    }
    if decision == Decision::Reject
        && !verdicts
            .iter()
            .take(criteria.len())
            .any(|v| v.verdict == Some(Verdict::Fails))
    {
        problems.push((
            verdict_field(1),
            Msg::new(msg_key!("error-review-reject-needs-fail")),
        ));
    }
    problems
}

/// The verdicts worth storing (the judged ones), numbered by their criterion.
pub fn judged(criteria: &[String], verdicts: &[VerdictInput]) -> Vec<CriterionVerdict> {
    criteria
        .iter()
        .zip(verdicts)
        .enumerate()
        .filter_map(|(i, (c, v))| {
            Some(CriterionVerdict {
                position: i as i32 + 1,
                criterion: c.clone(),
                verdict: v.verdict?,
                note: v.note.trim().to_string(),
            })
        })
        .collect()
}

/// One line of a cost breakdown as typed: a description and an amount in cents (`None`
/// when the amount could not be read; the caller reports that with its own message).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostLine {
    pub description: String,
    pub amount_cents: i64,
}

/// The form fields of cost line `position` (1-based).
pub fn cost_description_field(position: usize) -> String {
    format!("kosten-{position}-omschrijving")
}

pub fn cost_amount_field(position: usize) -> String {
    format!("kosten-{position}-bedrag")
}

/// Every problem with a breakdown of `lines` (position, description, amount when it could
/// be read) for a plan asking `requested_cents` (when readable). Empty lines are skipped
/// by the caller; an empty breakdown is fine (the breakdown is optional).
pub fn cost_problems(
    lines: &[(usize, String, Option<i64>)],
    requested_cents: Option<i64>,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if lines.len() > MAX_COST_LINES {
        problems.push((
            cost_description_field(1),
            Msg::new(msg_key!("error-cost-too-many-lines")).arg("max", MAX_COST_LINES),
        ));
    }
    for (position, description, amount) in lines {
        let d = description.trim();
        if d.is_empty() {
            problems.push((
                cost_description_field(*position),
                Msg::new(msg_key!("error-cost-description-missing")).arg("line", *position),
            ));
        } else if d.chars().count() > COST_DESCRIPTION_MAX {
            problems.push((
                cost_description_field(*position),
                Msg::new(msg_key!("error-cost-description-long"))
                    .arg("line", *position)
                    .arg("max", COST_DESCRIPTION_MAX),
            ));
        }
        match amount {
            Some(a) if *a <= 0 => problems.push((
                cost_amount_field(*position),
                Msg::new(msg_key!("error-cost-amount-not-positive")).arg("line", *position),
            )),
            Some(a) if !within_bound(*a) => {
                problems.push((cost_amount_field(*position), above_maximum()))
            }
            _ => {}
        }
    }
    let all_read = lines.iter().all(|(_, _, a)| a.is_some());
    if let (true, false, Some(requested)) = (all_read, lines.is_empty(), requested_cents) {
        let total: i64 = lines.iter().filter_map(|(_, _, a)| *a).sum();
        if total != requested {
            problems.push((
                "kosten".to_string(),
                Msg::new(msg_key!("error-cost-total-differs"))
                    .money("total", total)
                    .money("requested", requested),
            ));
        }
    }
    problems
}

/// Every problem with a correction of a plan's amount from `old_cents` to `new_cents`.
pub fn correction_problems(
    old_cents: i64,
    new_cents: i64,
    explanation: &str,
    max_cents: Option<i64>,
    budget_cents: i64,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if new_cents == old_cents {
        return problems;
    }
    if new_cents <= 0 {
        problems.push((
            "bedrag".to_string(),
            Msg::new(msg_key!("error-amount-not-positive")),
        ));
    } else if !within_bound(new_cents) {
        problems.push(("bedrag".to_string(), above_maximum()));
    } else if new_cents > budget_cents {
        problems.push((
            "bedrag".to_string(),
            Msg::new(msg_key!("error-correction-above-budget")).money("budget", budget_cents),
        ));
    } else if matches!(max_cents, Some(m) if new_cents > m) {
        problems.push((
            "bedrag".to_string(),
            Msg::new(msg_key!("error-correction-above-max"))
                .money("max", max_cents.unwrap_or_default()),
        ));
    }
    let e = explanation.trim();
    if e.is_empty() {
        problems.push((
            "uitleg".to_string(),
            Msg::new(msg_key!("error-review-amount-explanation")),
        ));
    } else if e.chars().count() > EXPLANATION_MAX {
        problems.push((
            "uitleg".to_string(),
            Msg::new(msg_key!("error-review-explanation-long")).arg("max", EXPLANATION_MAX),
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<String> {
        DEFAULT_CRITERIA.iter().map(|s| s.to_string()).collect()
    }

    fn all(v: Option<Verdict>) -> Vec<VerdictInput> {
        (0..5)
            .map(|_| VerdictInput {
                verdict: v,
                note: "ok".into(),
            })
            .collect()
    }

    #[test]
    fn nominating_needs_every_criterion_met() {
        assert!(
            verdict_problems(&criteria(), &all(Some(Verdict::Meets)), Decision::Nominate)
                .is_empty()
        );
        let mut v = all(Some(Verdict::Meets));
        v[2].verdict = None;
        v[4].verdict = Some(Verdict::Fails);
        let p = verdict_problems(&criteria(), &v, Decision::Nominate);
        let fields: Vec<&str> = p.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["oordeel-3", "oordeel-5"]);
    }

    #[test]
    fn a_rejection_names_a_failed_criterion_with_a_note() {
        let p = verdict_problems(&criteria(), &all(Some(Verdict::Meets)), Decision::Reject);
        assert_eq!(p.len(), 1);
        let mut v = all(None);
        v[0] = VerdictInput {
            verdict: Some(Verdict::Fails),
            note: " ".into(),
        };
        let p = verdict_problems(&criteria(), &v, Decision::Reject);
        assert_eq!(p, vec![("toelichting-1".to_string(), p[0].1.clone())]);
        v[0].note = "Niet veilig bij de weg".into();
        assert!(verdict_problems(&criteria(), &v, Decision::Reject).is_empty());
        // Saving a partial review asks nothing.
        assert!(verdict_problems(&criteria(), &all(None), Decision::Save).is_empty());
        assert_eq!(judged(&criteria(), &v).len(), 1);
    }

    #[test]
    fn a_breakdown_adds_up_to_the_request() {
        let lines = vec![
            (1, "Bankjes".to_string(), Some(150_000)),
            (2, "Plaatsen".to_string(), Some(50_000)),
        ];
        assert!(cost_problems(&lines, Some(200_000)).is_empty());
        let p = cost_problems(&lines, Some(250_000));
        assert_eq!(p.len(), 1);
        assert!(
            p[0].1.contains("€\u{a0}2.000,00") && p[0].1.contains("€\u{a0}2.500,00"),
            "{p:?}"
        );
        let p = cost_problems(&[(3, String::new(), Some(-5))], Some(1));
        assert_eq!(p.len(), 3, "description, amount and the sum: {p:?}");
        assert!(cost_problems(&[], Some(5)).is_empty());
    }

    #[test]
    fn checklists_are_one_criterion_per_line() {
        assert_eq!(
            parse_checklist("- Veilig\n\n  Duurzaam \r\n").expect("two criteria"),
            vec!["Veilig".to_string(), "Duurzaam".to_string()]
        );
        assert!(parse_checklist("  \n").is_err());
        assert!(parse_checklist(&"x\n".repeat(13)).is_err());
    }

    #[test]
    fn a_correction_needs_an_explanation_and_a_fitting_amount() {
        assert!(correction_problems(100, 100, "", None, 1000).is_empty());
        assert_eq!(correction_problems(100, 90, "", None, 1000).len(), 1);
        assert_eq!(
            correction_problems(100, 2000, "te duur", None, 1000).len(),
            1
        );
        assert_eq!(correction_problems(100, 600, "x", Some(500), 1000).len(), 1);
        assert!(correction_problems(100, 90, "Offerte lager", Some(500), 1000).is_empty());
    }
}
