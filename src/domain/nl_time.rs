//! Dutch local time (Europe/Amsterdam) for what people read: the database keeps UTC.
//!
//! The Netherlands follow the EU summer-time rule (directive 2000/84/EC): CEST (UTC+2)
//! from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC, CET
//! (UTC+1) otherwise. That one rule is all we need, so it is written out here instead of
//! pulling in the whole tz database (ADR 0007). Pure: no I/O.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

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

/// The last Sunday of `month` in `year`, at 01:00 UTC (when summer time starts or ends).
fn switch_moment(year: i32, month: u32) -> NaiveDateTime {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or(NaiveDate::MIN);
    let mut day = first_next.pred_opt().unwrap_or(first_next);
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap_or(day);
    }
    day.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap_or(NaiveTime::MIN))
}

/// Hours ahead of UTC at the UTC moment `utc` (1 in winter, 2 in summer).
pub fn offset_hours(utc: NaiveDateTime) -> i64 {
    let year = utc.year();
    if utc >= switch_moment(year, 3) && utc < switch_moment(year, 10) {
        2
    } else {
        1
    }
}

/// The wall-clock time in the Netherlands at the UTC moment `utc`.
pub fn to_local(utc: NaiveDateTime) -> NaiveDateTime {
    utc + Duration::hours(offset_hours(utc))
}

/// The UTC moment at which local day `date` begins (00:00 in the Netherlands). Midnight is
/// never inside a switch (they happen at 02:00 and 03:00 local time).
pub fn start_of_day_utc(date: NaiveDate) -> NaiveDateTime {
    let local = date.and_time(NaiveTime::MIN);
    // Try the winter offset first; if the result is in summer time, use that.
    let winter = local - Duration::hours(1);
    if offset_hours(winter) == 2 {
        local - Duration::hours(2)
    } else {
        winter
    }
}

/// "3 maart 2025"
pub fn date_nl(date: NaiveDate) -> String {
    let month = MONTHS.get(date.month0() as usize).copied().unwrap_or("");
    format!("{} {} {}", date.day(), month, date.year())
}

/// "3 maart 2025, 15:05" in Dutch local time, from a UTC moment.
pub fn datetime_nl(utc: NaiveDateTime) -> String {
    let local = to_local(utc);
    format!("{}, {}", date_nl(local.date()), local.format("%H:%M"))
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
    fn local_days_start_at_local_midnight() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert_eq!(start_of_day_utc(d("2025-01-10")), utc("2025-01-09 23:00"));
        assert_eq!(start_of_day_utc(d("2025-07-10")), utc("2025-07-09 22:00"));
        // The days of the switches themselves.
        assert_eq!(start_of_day_utc(d("2025-03-30")), utc("2025-03-29 23:00"));
        assert_eq!(start_of_day_utc(d("2025-10-26")), utc("2025-10-25 22:00"));
        assert_eq!(date_nl(d("2025-03-03")), "3 maart 2025");
    }
}
