//! Dutch local time (Europe/Amsterdam) for what people read: the database keeps UTC.
//!
//! The one home of every date and time people see, on pages and in downloaded files:
//! one date format ("2 december 2026") and one time format ("02:45"), always in Dutch
//! local time. The offset comes from the IANA tz database through `chrono-tz` (ADR 0007),
//! so summer time and any future change of the rule follow the database. Pure: no I/O.

use chrono::{Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Amsterdam;

/// The Dutch month names (one list: `views::components::nl_date` uses it too).
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The English month names, for a visitor who chose English (same format otherwise:
/// "14 March 2026").
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Hours ahead of UTC at the UTC moment `utc` (1 in winter, 2 in summer).
pub fn offset_hours(utc: NaiveDateTime) -> i64 {
    (to_local(utc) - utc).num_hours()
}

/// The wall-clock time in the Netherlands at the UTC moment `utc`.
pub fn to_local(utc: NaiveDateTime) -> NaiveDateTime {
    Amsterdam.from_utc_datetime(&utc).naive_local()
}

/// The UTC moment at which local day `date` begins (00:00 in the Netherlands).
pub fn start_of_day_utc(date: NaiveDate) -> NaiveDateTime {
    let local = date.and_time(NaiveTime::MIN);
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_utc(),
        // Midnight never falls in a switch in the Netherlands; be safe anyway.
        LocalResult::None => local - chrono::Duration::hours(1),
    }
}

/// "3 maart 2025": the one date format.
pub fn date_nl(date: NaiveDate) -> String {
    date_with(date, &MONTHS)
}

/// "3 March 2025": the one date format with English month names.
pub fn date_en(date: NaiveDate) -> String {
    date_with(date, &MONTHS_EN)
}

fn date_with(date: NaiveDate, months: &[&str; 12]) -> String {
    let month = months.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {} {}", date.day(), month, date.year())
}

/// "15:05": the one time format.
pub fn time_nl(local: NaiveDateTime) -> String {
    local.format("%H:%M").to_string()
}

/// "3 maart 2025, 15:05" in Dutch local time, from a UTC moment.
pub fn datetime_nl(utc: NaiveDateTime) -> String {
    let local = to_local(utc);
    format!("{}, {}", date_nl(local.date()), time_nl(local))
}

/// The local calendar day of a UTC moment, written the one way ("3 maart 2025").
pub fn local_date_nl(utc: NaiveDateTime) -> String {
    date_nl(to_local(utc).date())
}

/// A UTC moment as the services pass it on as text ("2026-12-02T01:45:00Z", with or
/// without fractions of a second, or "2026-12-02 01:45:00").
pub fn parse_utc(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().trim_end_matches('Z');
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
}

/// [`datetime_nl`] for a UTC moment given as text; text that is no moment is shown as is.
pub fn datetime_nl_text(text: &str) -> String {
    parse_utc(text).map_or_else(|| text.to_string(), datetime_nl)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("test time")
    }

    #[test]
    fn winter_and_summer_offsets() {
        assert_eq!(
            datetime_nl(utc("2025-01-15 12:00")),
            "15 januari 2025, 13:00"
        );
        assert_eq!(datetime_nl(utc("2025-07-01 12:00")), "1 juli 2025, 14:00");
        // 2025: summer time from 30 March 01:00 UTC to 26 October 01:00 UTC.
        assert_eq!(offset_hours(utc("2025-03-30 00:59")), 1);
        assert_eq!(offset_hours(utc("2025-03-30 01:00")), 2);
        assert_eq!(offset_hours(utc("2025-10-26 00:59")), 2);
        assert_eq!(offset_hours(utc("2025-10-26 01:00")), 1);
        // 2026: 29 March and 25 October.
        assert_eq!(offset_hours(utc("2026-03-29 01:00")), 2);
        assert_eq!(offset_hours(utc("2026-10-25 01:00")), 1);
        // Late evening UTC on 31 December is already the new year in the Netherlands.
        assert_eq!(
            datetime_nl(utc("2025-12-31 23:30")),
            "1 januari 2026, 00:30"
        );
    }

    #[test]
    fn the_example_moments_of_the_issue() {
        // Winter: CET, one hour ahead.
        assert_eq!(
            datetime_nl(utc("2026-12-02 01:45")),
            "2 december 2026, 02:45"
        );
        // Summer: CEST, two hours ahead.
        assert_eq!(datetime_nl(utc("2026-07-01 01:45")), "1 juli 2026, 03:45");
        assert_eq!(
            datetime_nl_text("2026-12-02T01:45:00Z"),
            "2 december 2026, 02:45"
        );
        assert_eq!(
            datetime_nl_text("2026-07-01T01:45:00.123456Z"),
            "1 juli 2026, 03:45"
        );
        // The local day, not the UTC day.
        assert_eq!(local_date_nl(utc("2026-07-01 22:30")), "2 juli 2026");
        assert_eq!(datetime_nl_text("geen tijd"), "geen tijd");
    }

    #[test]
    fn local_days_start_at_local_midnight() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(start_of_day_utc(d("2025-01-10")), utc("2025-01-09 23:00"));
        assert_eq!(start_of_day_utc(d("2025-07-10")), utc("2025-07-09 22:00"));
        // The days of the switches themselves.
        assert_eq!(start_of_day_utc(d("2025-03-30")), utc("2025-03-29 23:00"));
        assert_eq!(start_of_day_utc(d("2025-10-26")), utc("2025-10-25 22:00"));
        assert_eq!(date_nl(d("2025-03-03")), "3 maart 2025");
        assert_eq!(date_en(d("2026-03-14")), "14 March 2026");
    }
}
