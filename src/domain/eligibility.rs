//! Local rules for who may hand in a plan, checked at submission (an area's own rules,
//! e.g. Hoogeveen's "whoever got money in the last twelve months waits"). Each rule is a
//! pure function of the area's settings, the initiator's history and today; a new rule is
//! a field in [`EligibilityRules`], a fact in [`History`] and a check in [`refusals`].

use chrono::{Months, NaiveDate};

use super::message::Msg;
use crate::msg_key;

/// An area's rules. The default is no rule at all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EligibilityRules {
    /// An initiator whose plan was funded in this area waits this many months from the
    /// day the money was committed (0: no waiting).
    pub funded_wait_months: u32,
}

/// The most months an area may make an initiator wait.
pub const MAX_WAIT_MONTHS: u32 = 60;

/// A plan of this initiator that got money in this area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundedPlan {
    pub title: String,
    /// The day its round committed the money.
    pub funded_on: NaiveDate,
}

/// What the rules look at: the initiator's earlier plans in the area.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    pub funded: Vec<FundedPlan>,
}

/// Why someone may not hand in a plan now (a plain Dutch message says until when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    RecentlyFunded {
        title: String,
        area: String,
        months: u32,
        funded: NaiveDate,
        from: NaiveDate,
    },
}

impl Refusal {
    /// The message for the initiator.
    pub fn msg(&self) -> Msg {
        match self {
            Refusal::RecentlyFunded {
                title,
                area,
                months,
                funded,
                from,
            } => Msg::new(msg_key!("error-eligibility-recently-funded"))
                .arg("title", title)
                .arg("area", area)
                .arg("months", *months)
                .arg("funded", *funded)
                .arg("from", *from),
        }
    }
}

crate::msg_display!(Refusal);

/// The first day an initiator funded on `funded_on` may hand in again.
pub fn may_submit_from(funded_on: NaiveDate, months: u32) -> NaiveDate {
    funded_on
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Every rule the initiator does not meet today (empty: they may hand in a plan).
pub fn refusals(
    rules: &EligibilityRules,
    area_name: &str,
    history: &History,
    today: NaiveDate,
) -> Vec<Refusal> {
    let mut out = Vec::new();
    if rules.funded_wait_months > 0 {
        // The latest funding decides how long they wait.
        if let Some(last) = history.funded.iter().max_by_key(|f| f.funded_on) {
            let from = may_submit_from(last.funded_on, rules.funded_wait_months);
            if today < from {
                out.push(Refusal::RecentlyFunded {
                    title: last.title.clone(),
                    area: area_name.to_string(),
                    months: rules.funded_wait_months,
                    funded: last.funded_on,
                    from,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real day")
    }

    #[test]
    fn a_funded_initiator_waits_until_the_same_day_a_year_later() {
        let rules = EligibilityRules {
            funded_wait_months: 12,
        };
        let history = History {
            funded: vec![
                FundedPlan {
                    title: "Oud".into(),
                    funded_on: day(2025, 1, 5),
                },
                FundedPlan {
                    title: "Bankjes".into(),
                    funded_on: day(2026, 3, 31),
                },
            ],
        };
        let r = refusals(&rules, "Wezep", &history, day(2027, 3, 30));
        assert_eq!(r.len(), 1);
        let text = r[0].to_string();
        assert!(
            text.contains("Bankjes") && text.contains("31 maart 2027"),
            "{text}"
        );
        assert!(refusals(&rules, "Wezep", &history, day(2027, 3, 31)).is_empty());
        // Off, or no history: no refusal.
        assert!(refusals(
            &EligibilityRules::default(),
            "Wezep",
            &history,
            day(2026, 4, 1)
        )
        .is_empty());
        assert!(refusals(&rules, "Wezep", &History::default(), day(2026, 4, 1)).is_empty());
    }

    #[test]
    fn month_ends_stay_in_their_month() {
        assert_eq!(may_submit_from(day(2026, 1, 31), 1), day(2026, 2, 28));
    }
}
