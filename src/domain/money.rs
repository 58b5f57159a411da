//! Money: amounts are integer euro **cents** (`i64`), never floats.
//!
//! * Formatting follows Dutch usage (Taalunie, CLDR `nl-NL`): `€ 1.234,56` with a
//!   U+00A0 NO-BREAK SPACE after the euro sign, a dot between thousands, a decimal comma,
//!   and negative amounts as `€ -1.234,56` (ASCII minus directly before the number).
//! * Parsing accepts what a Dutch user types or Excel writes ([`parse_eur_nl`]) and the
//!   plain machine notation `1234.56` ([`parse_eur_plain`]).
//! * Negative amounts are refused by the default parsers ([`MoneyError::Negative`]); a caller
//!   that really wants a signed amount (a correction, a CBS figure) asks for it with
//!   [`parse_eur_nl_signed`] / [`parse_eur_plain_signed`].
//! * All arithmetic is checked: an amount that does not fit in an `i64` number of cents is
//!   [`MoneyError::TooLarge`], never a wrap-around.

use crate::domain::message::Msg;
use crate::msg_key;

/// NO-BREAK SPACE, used between `€` and the number.
pub const NBSP: char = '\u{a0}';

/// The largest amount anywhere in the platform: € 10 billion (10^12 cents), far above a
/// municipality's whole budget. Every entrance (forms, API, ledger import, rounds) refuses
/// more, so sums of amounts stay far from the `i64` limit and never wrap.
pub const MAX_AMOUNT_CENTS: i64 = 1_000_000_000_000;

/// The message for an amount above [`MAX_AMOUNT_CENTS`].
pub fn above_maximum() -> Msg {
    Msg::new(msg_key!("error-amount-above-maximum")).money("max", MAX_AMOUNT_CENTS)
}

/// Is this amount (either sign) within [`MAX_AMOUNT_CENTS`]?
pub fn within_bound(cents: i64) -> bool {
    cents.unsigned_abs() <= MAX_AMOUNT_CENTS.unsigned_abs()
}

/// [`within_bound`] as a check with its message.
pub fn check_bound(cents: i64) -> Result<i64, Msg> {
    if within_bound(cents) {
        Ok(cents)
    } else {
        Err(above_maximum())
    }
}

/// The sum of amounts, or `None` when it does not fit in an `i64` (never a wrap-around).
pub fn checked_sum<I: IntoIterator<Item = i64>>(amounts: I) -> Option<i64> {
    amounts
        .into_iter()
        .try_fold(0i64, |acc, a| acc.checked_add(a))
}

/// Which written notation a parser expected; used to give the right example in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberStyle {
    /// `1.234,56` (dot between thousands, decimal comma).
    Dutch,
    /// `1234.56` (no thousands separator, decimal point).
    Plain,
    /// `1,234.56` (comma between thousands, decimal point): what an English page's
    /// amount inputs accept ([`parse_eur_en`]).
    English,
}

impl NumberStyle {
    /// The example shown to the user in error messages.
    pub fn example(self) -> &'static str {
        match self {
            NumberStyle::Dutch => "1.234,56",
            NumberStyle::Plain => "1234.56",
            NumberStyle::English => "1,234.56",
        }
    }
}

/// Why a text is not an amount. `Display` gives a Dutch (B1) message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyError {
    /// Nothing (or only spaces / a euro sign) was filled in.
    Empty,
    /// Not a number in the expected notation.
    Invalid(NumberStyle),
    /// More than 2 digits after the decimal separator.
    TooManyDecimals(NumberStyle),
    /// Dutch notation with a dot used as decimal point (`12.5`): a dot only separates
    /// thousands (`1.000`).
    DotAsDecimal,
    /// A minus sign where only positive amounts are allowed.
    Negative,
    /// The amount does not fit (more than about 92 million billion euros).
    TooLarge,
}

impl MoneyError {
    /// The message for the person who typed the amount.
    pub fn msg(&self) -> Msg {
        match self {
            MoneyError::Empty => Msg::new(msg_key!("error-money-empty")),
            MoneyError::Invalid(style) => {
                Msg::new(msg_key!("error-money-invalid")).arg("example", style.example())
            }
            MoneyError::TooManyDecimals(NumberStyle::Dutch) => {
                Msg::new(msg_key!("error-money-decimals-comma"))
            }
            MoneyError::TooManyDecimals(NumberStyle::Plain) => {
                Msg::new(msg_key!("error-money-decimals-point"))
            }
            MoneyError::TooManyDecimals(NumberStyle::English) => {
                Msg::new(msg_key!("error-money-decimals-english"))
            }
            MoneyError::DotAsDecimal => Msg::new(msg_key!("error-money-dot-as-decimal")),
            MoneyError::Negative => Msg::new(msg_key!("error-money-negative")),
            MoneyError::TooLarge => Msg::new(msg_key!("error-money-too-large")),
        }
    }
}

crate::msg_display!(MoneyError);

// ---------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------

/// Digits of `n` with `sep` between groups of three: `1234567` → `1.234.567`.
fn group_thousands(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let first = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + 3 - first) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// `1.234,56`, `-1.234,56`, `0,05`: Dutch number notation without the euro sign
/// (what [`write_dutch_spreadsheet`](crate::domain::ledger_import::write_dutch_spreadsheet)
/// puts in a cell).
pub fn format_nl_number(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", group_thousands(abs / 100, '.'), abs % 100)
}

/// `€ 1.234,56` (U+00A0 after `€`); negative: `€ -1.234,56`.
pub fn format_eur(cents: i64) -> String {
    format!("€{NBSP}{}", format_nl_number(cents))
}

/// `1,234.56`, `-1,234.56`, `0.05`: English number notation without the euro sign.
pub fn format_en_number(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", group_thousands(abs / 100, ','), abs % 100)
}

/// `€1,234.56` (English usage: no space after `€`); negative: `-€1,234.56`. Only for
/// pages shown in English (`crate::i18n::money`); files and the API keep their notation.
pub fn format_eur_en(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!(
        "{sign}€{}.{:02}",
        group_thousands(abs / 100, ','),
        abs % 100
    )
}

/// [`format_eur_whole`] in English notation: `€103,390,000`; an amount with cents is
/// shown in full like [`format_eur_en`].
pub fn format_eur_whole_en(cents: i64) -> String {
    if cents % 100 != 0 {
        return format_eur_en(cents);
    }
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}€{}", group_thousands(abs / 100, ','))
}

/// For large overview amounts: `€ 103.390.000` when the amount is whole euros; an amount
/// with cents is shown in full like [`format_eur`] (never rounded away).
pub fn format_eur_whole(cents: i64) -> String {
    if cents % 100 != 0 {
        return format_eur(cents);
    }
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("€{NBSP}{sign}{}", group_thousands(abs / 100, '.'))
}

/// `1234.56`, `-1234.56`, `0.05`: plain notation, always two decimals
/// (what [`parse_eur_plain`] reads).
pub fn format_plain(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

// ---------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------

fn is_minus(c: char) -> bool {
    // ASCII hyphen-minus, U+2212 MINUS SIGN, U+2013 EN DASH ("– € 12").
    matches!(c, '-' | '\u{2212}' | '\u{2013}')
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | NBSP | '\u{202f}' | '\u{2009}')
}

/// Strips a leading currency marker (`€`, `EUR`) if present.
fn strip_currency_prefix(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_prefix('€') {
        return Some(rest);
    }
    if s.len() >= 3 && s.is_char_boundary(3) && s[..3].eq_ignore_ascii_case("eur") {
        return Some(&s[3..]);
    }
    None
}

/// Strips a trailing currency marker (`€`, `EUR`, `euro`) if present.
fn strip_currency_suffix(s: &str) -> Option<&str> {
    if let Some(rest) = s.strip_suffix('€') {
        return Some(rest);
    }
    for word in ["euro", "eur"] {
        let n = word.len();
        if s.len() >= n && s.is_char_boundary(s.len() - n) {
            let (head, tail) = s.split_at(s.len() - n);
            if tail.eq_ignore_ascii_case(word) {
                return Some(head);
            }
        }
    }
    None
}

/// Digits-only text to a number, with overflow checks.
fn digits_value(digits: &str, acc: i128) -> Option<i128> {
    let mut v = acc;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        if v > i128::from(u64::MAX) {
            return None;
        }
    }
    Some(v)
}

fn finish(negative: bool, magnitude: i128) -> Result<i64, MoneyError> {
    let signed = if negative { -magnitude } else { magnitude };
    i64::try_from(signed).map_err(|_| MoneyError::TooLarge)
}

/// Parses the integer part of a Dutch amount: `1234`, `1.234`, `1.234.567`, `1 234`.
/// Returns the whole euros, or an error.
fn parse_nl_integer(int_part: &str, has_comma: bool) -> Result<i128, MoneyError> {
    if int_part.is_empty() {
        return Err(MoneyError::Invalid(NumberStyle::Dutch));
    }
    if int_part.bytes().all(|b| b.is_ascii_digit()) {
        return digits_value(int_part, 0).ok_or(MoneyError::TooLarge);
    }
    // Grouped: all separators must be the same kind (dot, or a kind of space).
    let seps: Vec<char> = int_part.chars().filter(|c| !c.is_ascii_digit()).collect();
    let dot = seps.iter().all(|&c| c == '.');
    let space = seps.iter().all(|&c| is_group_space(c));
    if !dot && !space {
        return Err(MoneyError::Invalid(NumberStyle::Dutch));
    }
    let groups: Vec<&str> = int_part
        .split(|c: char| !c.is_ascii_digit())
        .collect::<Vec<_>>();
    let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
    let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
    if !(first_ok && rest_ok) {
        // `12.5` or `1234.56`: the user (or a non-Dutch export) used a decimal point.
        let last_len = groups.last().map_or(0, |g| g.len());
        if dot && !has_comma && groups.len() == 2 && (1..=2).contains(&last_len) {
            return Err(MoneyError::DotAsDecimal);
        }
        return Err(MoneyError::Invalid(NumberStyle::Dutch));
    }
    let mut v: i128 = 0;
    for g in groups {
        v = digits_value(g, v).ok_or(MoneyError::TooLarge)?;
    }
    Ok(v)
}

/// The amount's number without its markers (`€`, `EUR`, `euro`, a minus sign) and whether
/// it is negative; shared by the Dutch and the English parser.
fn strip_markers(s: &str, allow_negative: bool) -> Result<(bool, &str), MoneyError> {
    let mut rest = s.trim();
    if rest.is_empty() {
        return Err(MoneyError::Empty);
    }
    let mut negative = false;
    let mut currency = false;
    // Leading markers: `€`, `EUR`, a minus sign, in any order, each at most once.
    loop {
        rest = rest.trim_start();
        if !currency {
            if let Some(r) = strip_currency_prefix(rest) {
                currency = true;
                rest = r;
                continue;
            }
        }
        if !negative {
            if let Some(c) = rest.chars().next() {
                if is_minus(c) {
                    negative = true;
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
            }
        }
        break;
    }
    // Trailing currency marker: `1.234,56 €`.
    rest = rest.trim_end();
    if !currency {
        if let Some(r) = strip_currency_suffix(rest) {
            rest = r.trim_end();
        }
    }
    let number = rest.trim();
    if number.is_empty() {
        return Err(MoneyError::Empty);
    }
    if negative && !allow_negative {
        return Err(MoneyError::Negative);
    }
    Ok((negative, number))
}

fn parse_nl(s: &str, allow_negative: bool) -> Result<i64, MoneyError> {
    let (negative, number) = strip_markers(s, allow_negative)?;

    let mut parts = number.split(',');
    let int_part = parts.next().unwrap_or_default();
    let frac_part = parts.next();
    if parts.next().is_some() {
        return Err(MoneyError::Invalid(NumberStyle::Dutch));
    }
    let euros = parse_nl_integer(int_part, frac_part.is_some())?;
    let cents: i128 = match frac_part {
        None => 0,
        // `€ 5,-` and `€ 5,–`: Dutch notation for whole euros.
        Some("-") | Some("\u{2013}") => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            if f.len() > 2 {
                return Err(MoneyError::TooManyDecimals(NumberStyle::Dutch));
            }
            let v = digits_value(f, 0).ok_or(MoneyError::TooLarge)?;
            if f.len() == 1 {
                v * 10
            } else {
                v
            }
        }
        Some(_) => return Err(MoneyError::Invalid(NumberStyle::Dutch)),
    };
    let magnitude = euros
        .checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or(MoneyError::TooLarge)?;
    finish(negative, magnitude)
}

/// Parses an amount as a Dutch user types it or Excel writes it, into cents.
///
/// Accepted: `1.234,56`, `€ 1.234,56`, `€1234,5`, `1.000` (a dot followed by exactly three
/// digits separates thousands, so this is one thousand euros), `1000`, `12,5`, `€ 5,-`,
/// `1 234,56` (space or NBSP between thousands), `1.234,56 €`, `EUR 12`; spaces and NBSP
/// around the parts are ignored.
///
/// Refused: empty text, more than 2 decimals, a dot used as decimal point (`12.5`), wrongly
/// grouped thousands (`1.23.456`), any other character, amounts that do not fit in `i64`
/// cents, and **any minus sign** ([`MoneyError::Negative`]; use [`parse_eur_nl_signed`]
/// where negative amounts are meaningful). Zero is accepted; callers decide whether zero is
/// allowed.
pub fn parse_eur_nl(s: &str) -> Result<i64, MoneyError> {
    parse_nl(s, false)
}

/// Like [`parse_eur_nl`] but also accepts a negative amount: `-1.234,56`, `€ -1.234,56`,
/// `-€ 12`, `– € 12` (en dash) or `−12` (U+2212).
pub fn parse_eur_nl_signed(s: &str) -> Result<i64, MoneyError> {
    parse_nl(s, true)
}

/// Parses an amount as typed on a page shown in English, into cents.
///
/// Accepted: `1,234.56`, `€1,234.56`, `€ 1234.5`, `1234`, `1,000` (a comma followed by
/// exactly three digits separates thousands, so this is one thousand euros), `1234.56 EUR`.
/// Refused: empty text, more than 2 decimals, a comma used as decimal comma (`12,5`: the
/// message shows the English example), wrongly grouped thousands (`1,23,456`), any other
/// character, any minus sign, amounts that do not fit in `i64` cents.
pub fn parse_eur_en(s: &str) -> Result<i64, MoneyError> {
    let (negative, number) = strip_markers(s, false)?;
    let invalid = MoneyError::Invalid(NumberStyle::English);
    let mut parts = number.split('.');
    let int_part = parts.next().unwrap_or_default();
    let frac_part = parts.next();
    if parts.next().is_some() || int_part.is_empty() {
        return Err(invalid);
    }
    let euros: i128 = if int_part.bytes().all(|b| b.is_ascii_digit()) {
        digits_value(int_part, 0).ok_or(MoneyError::TooLarge)?
    } else {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
        let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
        let digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !(first_ok && rest_ok && digits) {
            return Err(invalid);
        }
        let mut v: i128 = 0;
        for g in groups {
            v = digits_value(g, v).ok_or(MoneyError::TooLarge)?;
        }
        v
    };
    let cents: i128 = match frac_part {
        None => 0,
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
            if f.len() > 2 {
                return Err(MoneyError::TooManyDecimals(NumberStyle::English));
            }
            let v = digits_value(f, 0).ok_or(MoneyError::TooLarge)?;
            if f.len() == 1 {
                v * 10
            } else {
                v
            }
        }
        Some(_) => return Err(invalid),
    };
    let magnitude = euros
        .checked_mul(100)
        .and_then(|v| v.checked_add(cents))
        .ok_or(MoneyError::TooLarge)?;
    finish(negative, magnitude)
}

/// Plain decimal with at most `max_decimals` digits after a `.`, returned scaled to
/// `10^scale` units (e.g. scale 2 = cents of the given unit).
fn parse_plain_scaled(
    s: &str,
    allow_negative: bool,
    max_decimals: usize,
    scale: u32,
) -> Result<i64, MoneyError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(MoneyError::Empty);
    }
    let (negative, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t),
    };
    if negative && !allow_negative {
        return Err(MoneyError::Negative);
    }
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let plain_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !plain_digits(int_part) {
        return Err(MoneyError::Invalid(NumberStyle::Plain));
    }
    let frac = frac_part.unwrap_or("");
    if frac_part.is_some() && !plain_digits(frac) {
        return Err(MoneyError::Invalid(NumberStyle::Plain));
    }
    if frac.len() > max_decimals {
        return Err(MoneyError::TooManyDecimals(NumberStyle::Plain));
    }
    let whole = digits_value(int_part, 0).ok_or(MoneyError::TooLarge)?;
    let mut frac_v = digits_value(frac, 0).ok_or(MoneyError::TooLarge)?;
    for _ in frac.len()..(scale as usize) {
        frac_v *= 10;
    }
    let magnitude = whole
        .checked_mul(10_i128.pow(scale))
        .and_then(|v| v.checked_add(frac_v))
        .ok_or(MoneyError::TooLarge)?;
    finish(negative, magnitude)
}

/// Parses plain notation into cents: `1234.56`, `1234`, `1234.5`. No thousands separators,
/// no euro sign, at most two decimals, no minus sign (see [`parse_eur_plain_signed`]).
pub fn parse_eur_plain(s: &str) -> Result<i64, MoneyError> {
    parse_plain_scaled(s, false, 2, 2)
}

/// Like [`parse_eur_plain`] but accepts a leading `-`.
pub fn parse_eur_plain_signed(s: &str) -> Result<i64, MoneyError> {
    parse_plain_scaled(s, true, 2, 2)
}

/// Parses a figure in **thousands of euros** (as CBS Iv3 open data gives it, "x € 1.000")
/// in plain notation, e.g. `2352`, `-216` or `12.5`, into cents. Up to 5 decimals (one
/// cent) are accepted; a sign is allowed.
pub fn parse_x1000_eur_signed(s: &str) -> Result<i64, MoneyError> {
    parse_plain_scaled(s, true, 5, 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_ten_billion_euros_and_sums_never_wrap() {
        assert!(within_bound(MAX_AMOUNT_CENTS));
        assert!(within_bound(-MAX_AMOUNT_CENTS));
        assert!(!within_bound(MAX_AMOUNT_CENTS + 1));
        assert!(!within_bound(i64::MAX));
        assert!(!within_bound(i64::MIN));
        assert_eq!(format_eur(MAX_AMOUNT_CENTS), "€\u{a0}10.000.000.000,00");
        assert_eq!(checked_sum([1, 2, 3]), Some(6));
        assert_eq!(checked_sum([i64::MAX, 1]), None);
        assert_eq!(checked_sum([i64::MIN, -1]), None);
    }
    use proptest::prelude::*;

    #[test]
    fn formats_like_nl_nl() {
        assert_eq!(format_eur(123_456), "€\u{a0}1.234,56");
        assert_eq!(format_eur(-123_456), "€\u{a0}-1.234,56");
        assert_eq!(format_eur(0), "€\u{a0}0,00");
        assert_eq!(format_eur(5), "€\u{a0}0,05");
        assert_eq!(format_eur(100), "€\u{a0}1,00");
        assert_eq!(format_eur(100_000_000), "€\u{a0}1.000.000,00");
        assert_eq!(format_eur(99_999), "€\u{a0}999,99");
        assert_eq!(format_eur(i64::MIN), "€\u{a0}-92.233.720.368.547.758,08");
        assert_eq!(format_eur(i64::MAX), "€\u{a0}92.233.720.368.547.758,07");
    }

    #[test]
    fn formats_whole_amounts() {
        assert_eq!(format_eur_whole(10_339_000_000), "€\u{a0}103.390.000");
        assert_eq!(format_eur_whole(-1_200), "€\u{a0}-12");
        assert_eq!(format_eur_whole(0), "€\u{a0}0");
        assert_eq!(format_eur_whole(123_456), "€\u{a0}1.234,56");
    }

    #[test]
    fn formats_plain_and_nl_numbers() {
        assert_eq!(format_plain(123_456), "1234.56");
        assert_eq!(format_plain(-5), "-0.05");
        assert_eq!(format_nl_number(123_456_789), "1.234.567,89");
        assert_eq!(format_nl_number(-100), "-1,00");
    }

    #[test]
    fn parses_dutch_amounts() {
        let ok = [
            ("1.234,56", 123_456),
            ("€ 1.234,56", 123_456),
            ("€\u{a0}1.234,56", 123_456),
            ("€1234,5", 123_450),
            ("1.000", 100_000),
            ("1000", 100_000),
            ("12,5", 1_250),
            ("12,05", 1_205),
            ("0", 0),
            ("0,01", 1),
            ("  1.234.567,89  ", 123_456_789),
            ("€ 5,-", 500),
            ("€ 5,–", 500),
            ("1 234,56", 123_456),
            ("1\u{a0}234", 123_400),
            ("1.234,56 €", 123_456),
            ("EUR 12", 1_200),
            ("12 euro", 1_200),
            ("007", 700),
        ];
        for (text, cents) in ok {
            assert_eq!(parse_eur_nl(text), Ok(cents), "{text:?}");
        }
    }

    #[test]
    fn refuses_bad_dutch_amounts() {
        use MoneyError::*;
        let bad = [
            ("", Empty),
            ("   ", Empty),
            ("€", Empty),
            ("abc", Invalid(NumberStyle::Dutch)),
            ("1,234", TooManyDecimals(NumberStyle::Dutch)),
            ("1,2,3", Invalid(NumberStyle::Dutch)),
            ("12.5", DotAsDecimal),
            ("1234.56", DotAsDecimal),
            ("1.23.456", Invalid(NumberStyle::Dutch)),
            ("1234.567", Invalid(NumberStyle::Dutch)),
            ("1.2345", Invalid(NumberStyle::Dutch)),
            (".5", DotAsDecimal),
            (".5", DotAsDecimal),
            ("12,", Invalid(NumberStyle::Dutch)),
            ("1.000 000", Invalid(NumberStyle::Dutch)),
            ("12a", Invalid(NumberStyle::Dutch)),
            ("€ € 12", Invalid(NumberStyle::Dutch)),
            ("+12", Invalid(NumberStyle::Dutch)),
            ("1e5", Invalid(NumberStyle::Dutch)),
            ("-12", Negative),
            ("€ -1.234,56", Negative),
            ("99999999999999999999", TooLarge),
            ("92.233.720.368.547.758,08", TooLarge),
        ];
        for (text, err) in bad {
            assert_eq!(parse_eur_nl(text), Err(err), "{text:?}");
        }
        assert_eq!(
            parse_eur_nl("92.233.720.368.547.758,07"),
            Ok(i64::MAX),
            "largest amount"
        );
    }

    #[test]
    fn parses_signed_dutch_amounts() {
        assert_eq!(parse_eur_nl_signed("€ -1.234,56"), Ok(-123_456));
        assert_eq!(parse_eur_nl_signed("-€ 12"), Ok(-1_200));
        assert_eq!(parse_eur_nl_signed("– € 12"), Ok(-1_200));
        assert_eq!(parse_eur_nl_signed("\u{2212}12,5"), Ok(-1_250));
        assert_eq!(parse_eur_nl_signed("12"), Ok(1_200));
        assert_eq!(
            parse_eur_nl_signed("€ -92.233.720.368.547.758,08"),
            Ok(i64::MIN)
        );
        assert_eq!(
            parse_eur_nl_signed("--12"),
            Err(MoneyError::Invalid(NumberStyle::Dutch))
        );
    }

    #[test]
    fn formats_english_amounts() {
        assert_eq!(format_eur_en(123_456), "€1,234.56");
        assert_eq!(format_eur_en(5), "€0.05");
        assert_eq!(format_eur_en(-123_456), "-€1,234.56");
        assert_eq!(format_eur_en(10_000_000_000), "€100,000,000.00");
        assert_eq!(format_en_number(-123_456_789), "-1,234,567.89");
        assert_eq!(format_eur_whole_en(10_339_000_000), "€103,390,000");
        assert_eq!(format_eur_whole_en(12_345), "€123.45");
    }

    #[test]
    fn parses_english_amounts() {
        for (text, cents) in [
            ("1,234.56", 123_456),
            ("1234.56", 123_456),
            ("1234", 123_400),
            ("€1,234.56", 123_456),
            ("€ 1,234.5", 123_450),
            ("1,000", 100_000),
            ("1,234,567", 123_456_700),
            ("0.05", 5),
            ("12 EUR", 1_200),
            (" 7.1 € ", 710),
        ] {
            assert_eq!(parse_eur_en(text), Ok(cents), "{text}");
        }
        // What the English page shows is what it reads back.
        for cents in [0, 5, 123_456, 987_654_321] {
            let shown = format_eur_en(cents);
            assert_eq!(parse_eur_en(&shown), Ok(cents), "{shown}");
        }
    }

    #[test]
    fn refuses_bad_english_amounts() {
        let invalid = Err(MoneyError::Invalid(NumberStyle::English));
        assert_eq!(parse_eur_en(""), Err(MoneyError::Empty));
        assert_eq!(parse_eur_en("€"), Err(MoneyError::Empty));
        assert_eq!(parse_eur_en("12,5"), invalid, "a decimal comma");
        assert_eq!(parse_eur_en("1,23,456"), invalid);
        assert_eq!(parse_eur_en("1.234,56"), invalid, "Dutch notation");
        assert_eq!(parse_eur_en("1.2.3"), invalid);
        assert_eq!(parse_eur_en("12.x"), invalid);
        assert_eq!(parse_eur_en("12."), invalid);
        assert_eq!(parse_eur_en("abc"), invalid);
        assert_eq!(
            parse_eur_en("1.234"),
            Err(MoneyError::TooManyDecimals(NumberStyle::English))
        );
        assert_eq!(parse_eur_en("-12"), Err(MoneyError::Negative));
        assert_eq!(
            parse_eur_en("99999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn parses_plain_amounts() {
        assert_eq!(parse_eur_plain("1234.56"), Ok(123_456));
        assert_eq!(parse_eur_plain("1234"), Ok(123_400));
        assert_eq!(parse_eur_plain("1234.5"), Ok(123_450));
        assert_eq!(parse_eur_plain(" 0.01 "), Ok(1));
        assert_eq!(
            parse_eur_plain("1234.567"),
            Err(MoneyError::TooManyDecimals(NumberStyle::Plain))
        );
        for bad in [
            "1,234.56", "1.234,56", "€ 12", "12.", ".5", "1e3", "abc", "+1",
        ] {
            assert_eq!(
                parse_eur_plain(bad),
                Err(MoneyError::Invalid(NumberStyle::Plain)),
                "{bad:?}"
            );
        }
        assert_eq!(parse_eur_plain(""), Err(MoneyError::Empty));
        assert_eq!(parse_eur_plain("-1"), Err(MoneyError::Negative));
        assert_eq!(parse_eur_plain_signed("-1.5"), Ok(-150));
        assert_eq!(
            parse_eur_plain("92233720368547758.08"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn parses_thousands() {
        assert_eq!(parse_x1000_eur_signed("2352"), Ok(235_200_000));
        assert_eq!(parse_x1000_eur_signed("-216"), Ok(-21_600_000));
        assert_eq!(parse_x1000_eur_signed("12.5"), Ok(1_250_000));
        assert_eq!(parse_x1000_eur_signed("0.00001"), Ok(1));
        assert_eq!(
            parse_x1000_eur_signed("0.000001"),
            Err(MoneyError::TooManyDecimals(NumberStyle::Plain))
        );
    }

    #[test]
    fn messages_are_dutch() {
        assert_eq!(
            MoneyError::Invalid(NumberStyle::Dutch).to_string(),
            "Dit is geen geldig bedrag. Schrijf het zo: 1.234,56"
        );
        assert!(MoneyError::TooManyDecimals(NumberStyle::Plain)
            .to_string()
            .contains("1234.56"));
    }

    proptest! {
        #[test]
        fn nl_roundtrip(cents in 0..=i64::MAX) {
            prop_assert_eq!(parse_eur_nl(&format_eur(cents)), Ok(cents));
            prop_assert_eq!(parse_eur_nl(&format_nl_number(cents)), Ok(cents));
            prop_assert_eq!(parse_eur_nl(&format_eur_whole(cents)), Ok(cents));
        }

        #[test]
        fn nl_signed_roundtrip(cents in any::<i64>()) {
            prop_assert_eq!(parse_eur_nl_signed(&format_eur(cents)), Ok(cents));
            prop_assert_eq!(parse_eur_nl_signed(&format_eur_whole(cents)), Ok(cents));
        }

        #[test]
        fn plain_roundtrip(cents in any::<i64>()) {
            prop_assert_eq!(parse_eur_plain_signed(&format_plain(cents)), Ok(cents));
            if cents >= 0 {
                prop_assert_eq!(parse_eur_plain(&format_plain(cents)), Ok(cents));
            }
        }

        #[test]
        fn negative_refused_unless_signed(cents in i64::MIN..0) {
            prop_assert_eq!(parse_eur_nl(&format_eur(cents)), Err(MoneyError::Negative));
            prop_assert_eq!(parse_eur_plain(&format_plain(cents)), Err(MoneyError::Negative));
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,24}") {
            let _ = parse_eur_nl_signed(&s);
            let _ = parse_eur_plain_signed(&s);
            let _ = parse_x1000_eur_signed(&s);
        }

        #[test]
        fn parsers_never_panic_on_numberlike(s in "[-€ ,.0-9\u{a0}eEuUrRo]{0,24}") {
            let _ = parse_eur_nl_signed(&s);
            let _ = parse_eur_plain_signed(&s);
        }
    }
}
