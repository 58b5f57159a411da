//! The phase timeline of a round: plans, review, voting, result, each with its dates (from
//! the round's calendar, or the moments the round really moved when it has none) and
//! whether it is done, now or still to come. The state is written out ("Nu", "Klaar",
//! "Straks") and the current step carries `aria-current="step"`: never colour alone.

use chrono::NaiveDateTime;
use maud::{html, Markup};

use crate::domain::round::{Round, RoundStatus};
use crate::i18n::{date, local_date};
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Done,
    Now,
    Later,
}

impl State {
    fn label(self) -> String {
        match self {
            State::Done => tr!("timeline-done"),
            State::Now => tr!("timeline-now"),
            State::Later => tr!("timeline-later"),
        }
    }

    fn css(self) -> &'static str {
        match self {
            State::Done => "phase done",
            State::Now => "phase now",
            State::Later => "phase later",
        }
    }
}

/// The index of the round's phase: 0 plans, 1 review, 2 voting, 3 result.
fn phase_index(status: RoundStatus) -> usize {
    match status {
        RoundStatus::Open => 0,
        RoundStatus::Review => 1,
        RoundStatus::Voting => 2,
        RoundStatus::Counted | RoundStatus::Closed | RoundStatus::Annulled => 3,
    }
}

fn day(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(local_date)
}

/// "1 april 2027 tot en met 12 mei 2027", "vanaf …", "tot en met …", or nothing known.
fn span(from: Option<String>, until: Option<String>) -> Option<String> {
    match (from, until) {
        (Some(f), Some(u)) if f == u => Some(f),
        (Some(f), Some(u)) => Some(tr!("timeline-from-until", from = f, until = u)),
        (Some(f), None) => Some(tr!("timeline-from", from = f)),
        (None, Some(u)) => Some(tr!("timeline-until", until = u)),
        (None, None) => None,
    }
}

/// The four phases with their dates, in order.
fn phases(r: &Round) -> [(String, Option<String>); 4] {
    match &r.calendar {
        Some(c) => [
            (
                tr!("timeline-plans"),
                span(Some(date(c.plans_from)), Some(date(c.plans_until))),
            ),
            (
                tr!("timeline-review"),
                span(None, Some(date(c.review_until))),
            ),
            (
                tr!("timeline-voting"),
                span(Some(date(c.voting_from)), Some(date(c.voting_until))),
            ),
            (
                tr!("timeline-result"),
                match r.counted_at {
                    Some(t) => day(Some(t)),
                    None => c
                        .voting_until
                        .succ_opt()
                        .map(|d| tr!("timeline-from", from = date(d))),
                },
            ),
        ],
        // No calendar: the coordinator moves the round by hand, so only the moments that
        // already happened are known.
        None => {
            let review_or_voting = r.review_started_at.or(r.voting_opened_at);
            [
                (
                    tr!("timeline-plans"),
                    span(day(Some(r.created_at)), day(review_or_voting)),
                ),
                (
                    tr!("timeline-review"),
                    r.review_started_at
                        .and_then(|_| span(day(r.review_started_at), day(r.voting_opened_at))),
                ),
                (
                    tr!("timeline-voting"),
                    r.voting_opened_at
                        .and_then(|_| span(day(r.voting_opened_at), day(r.counted_at))),
                ),
                (tr!("timeline-result"), day(r.counted_at)),
            ]
        }
    }
}

/// The timeline of one round, for the top of its page.
pub fn timeline(r: &Round) -> Markup {
    let now = phase_index(r.status);
    html! {
        section class="timeline" aria-labelledby="fasen" {
            h2 id="fasen" { (tr!("timeline-title")) }
            ol class="phases" {
                @for (i, (name, dates)) in phases(r).into_iter().enumerate() {
                    @let state = if i < now { State::Done } else if i == now { State::Now } else { State::Later };
                    li class=(state.css()) aria-current=[(state == State::Now).then_some("step")] {
                        span class="phase-state" { (state.label()) @if state == State::Now { span class="visually-hidden" { ":" } } }
                        " "
                        strong class="phase-name" { (name) }
                        @match dates {
                            Some(d) => { span class="phase-dates" { (d) } }
                            None => { span class="phase-dates" { @if state == State::Later { (tr!("timeline-date-follows")) } @else { "" } } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round::{BallotRule, Calendar, CountRule, RoundId};
    use chrono::NaiveDate;

    fn round(status: RoundStatus, calendar: Option<Calendar>) -> Round {
        let t = NaiveDate::from_ymd_opt(2027, 3, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        Round {
            id: RoundId("r".into()),
            area_id: "a".into(),
            year: 2027,
            quarter: 2,
            title: "Voorjaar".into(),
            status,
            ballot_rule: BallotRule::Approval { max_choices: None },
            count_rule: CountRule::Greedy,
            budget_cents: 100,
            fingerprint: None,
            frozen_rules: None,
            result: None,
            created_by: "cli".into(),
            created_at: t,
            voting_opened_at: None,
            closed_at: None,
            calendar,
            review_started_at: None,
            counted_at: None,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_current_phase_is_named_in_text_with_the_calendar_dates() {
        let cal = Calendar::new(
            d(2027, 4, 1),
            d(2027, 5, 12),
            d(2027, 5, 26),
            d(2027, 5, 27),
            d(2027, 6, 9),
        )
        .ok();
        let html = timeline(&round(RoundStatus::Voting, cal)).into_string();
        assert!(
            html.contains("1 april 2027 tot en met 12 mei 2027"),
            "{html}"
        );
        assert!(
            html.contains("27 mei 2027 tot en met 9 juni 2027"),
            "{html}"
        );
        assert!(html.contains("vanaf 10 juni 2027"), "{html}");
        let current = html.find("aria-current=\"step\"").unwrap_or(0);
        let voting = html.find("Stemmen</strong>").unwrap_or(0);
        assert!(current > 0 && current < voting, "{html}");
        assert_eq!(html.matches("aria-current").count(), 1);
        assert!(html.contains(">Nu<"), "{html}");
        assert_eq!(html.matches(">Klaar<").count(), 2, "{html}");
    }

    #[test]
    fn without_a_calendar_the_real_moments_are_shown() {
        let mut r = round(RoundStatus::Counted, None);
        r.voting_opened_at = d(2027, 3, 10).and_hms_opt(10, 0, 0);
        r.counted_at = d(2027, 3, 20).and_hms_opt(10, 0, 0);
        let html = timeline(&r).into_string();
        assert!(
            html.contains("1 maart 2027 tot en met 10 maart 2027"),
            "{html}"
        );
        assert!(
            html.contains("10 maart 2027 tot en met 20 maart 2027"),
            "{html}"
        );
        assert_eq!(html.matches(">Klaar<").count(), 3, "{html}");
    }
}
