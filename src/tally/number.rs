//! Exact numbers for money and points.
//!
//! Amounts in `.pb` files are written as decimals (`12000`, `4000.0`, `12,50`). pabutools reads
//! them as exact rationals (gmpy2 `mpq`), so we do the same: a decimal string becomes a
//! [`BigRational`] without ever passing through a float.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// An exact amount of money (or points).
pub type Amount = BigRational;

/// Parses a decimal such as `-12`, `4000.0`, `12,5`, `.5` or `1e3` into an exact rational.
/// A comma is read as the decimal mark, as pabutools does (`","` → `"."`).
pub fn parse_decimal(text: &str) -> Option<Amount> {
    let s = text.trim().replace(',', ".");
    if s.is_empty() {
        return None;
    }
    // Our writer emits non-terminating rationals as `a/b` (gmpy2 reads that form too).
    if let Some((num, den)) = s.split_once('/') {
        let num: BigInt = num.trim().parse().ok()?;
        let den: BigInt = den.trim().parse().ok()?;
        if den.is_zero() {
            return None;
        }
        return Some(BigRational::new(num, den));
    }
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(pos) => (&s[..pos], s[pos + 1..].parse::<i32>().ok()?),
        None => (s.as_str(), 0),
    };
    let (negative, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // Bound the exponent so a hostile file cannot make us allocate a gigantic power of ten.
    if exponent.abs() > 60 {
        return None;
    }
    let all_digits = format!("{int_part}{frac_part}");
    let mut numer: BigInt = if all_digits.is_empty() {
        BigInt::zero()
    } else {
        all_digits.parse().ok()?
    };
    if negative {
        numer = -numer;
    }
    let scale = exponent - i32::try_from(frac_part.len()).ok()?;
    let ten = BigInt::from(10u32);
    let value = if scale >= 0 {
        BigRational::from_integer(numer * num_traits::pow(ten, scale.unsigned_abs() as usize))
    } else {
        BigRational::new(numer, num_traits::pow(ten, scale.unsigned_abs() as usize))
    };
    Some(value)
}

/// Exact text form used in JSON: `"12000"` for integers, `"25/3"` otherwise.
pub fn exact_string(value: &Amount) -> String {
    if value.is_integer() {
        value.numer().to_string()
    } else {
        format!("{}/{}", value.numer(), value.denom())
    }
}

/// Text form used in `.pb` files we write: integers plainly, terminating decimals as decimals,
/// anything else as an exact fraction (never rounded, so a re-read gives the same value).
pub fn pb_string(value: &Amount) -> String {
    if value.is_integer() {
        return value.numer().to_string();
    }
    let mut den = value.denom().clone();
    let two = BigInt::from(2u32);
    let five = BigInt::from(5u32);
    let mut places = 0usize;
    let mut twos = 0usize;
    let mut fives = 0usize;
    while (&den % &two).is_zero() {
        den /= &two;
        twos += 1;
    }
    while (&den % &five).is_zero() {
        den /= &five;
        fives += 1;
    }
    if den != BigInt::from(1u32) {
        return exact_string(value);
    }
    places = places.max(twos).max(fives);
    let scaled = value * BigRational::from_integer(num_traits::pow(BigInt::from(10u32), places));
    let digits = scaled.numer().abs().to_string();
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (int_part, frac_part) = padded.split_at(padded.len() - places);
    let sign = if value.is_negative() { "-" } else { "" };
    format!("{sign}{int_part}.{frac_part}")
}

/// Whole cents as a `.pb` amount in euros: "1250", "1250.5", "1250.05" (exact: the same
/// writer as every other amount in a `.pb` file we write).
pub fn cents_pb_string(cents: i64) -> String {
    pb_string(&BigRational::new(BigInt::from(cents), BigInt::from(100u32)))
}

/// Human text with two decimals and Dutch separators, e.g. `12.000` or `1.234,56`.
/// Rounded half away from zero with integer arithmetic (display only).
pub fn dutch_money(value: &Amount) -> String {
    let cents_r = value * BigRational::from_integer(BigInt::from(100u32));
    let cents = cents_r.round().to_integer();
    let negative = cents.is_negative();
    let (whole, rest) = cents.abs().div_rem(&BigInt::from(100u32));
    let whole_digits = whole.to_string();
    let mut grouped = String::new();
    for (i, ch) in whole_digits.chars().enumerate() {
        if i > 0 && (whole_digits.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    let rest = rest.to_u32().unwrap_or(0);
    if rest == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i64, d: i64) -> Amount {
        BigRational::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn parses_decimals_exactly() {
        assert_eq!(parse_decimal("4000.0"), Some(r(4000, 1)));
        assert_eq!(parse_decimal("12,5"), Some(r(25, 2)));
        assert_eq!(parse_decimal("-0.1"), Some(r(-1, 10)));
        assert_eq!(parse_decimal("1e3"), Some(r(1000, 1)));
        assert_eq!(parse_decimal(".5"), Some(r(1, 2)));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal(""), None);
        assert_eq!(parse_decimal("1e999"), None);
        assert_eq!(parse_decimal("1/3"), Some(r(1, 3)));
        assert_eq!(parse_decimal("1/0"), None);
    }

    #[test]
    fn formats() {
        assert_eq!(pb_string(&r(25, 2)), "12.5");
        assert_eq!(pb_string(&r(1, 3)), "1/3");
        assert_eq!(pb_string(&r(-1, 20)), "-0.05");
        assert_eq!(dutch_money(&r(1234567, 100)), "12.345,67");
        assert_eq!(dutch_money(&r(12000, 1)), "12.000");
    }

    #[test]
    fn cents_are_exact_euros() {
        assert_eq!(cents_pb_string(125_000), "1250");
        assert_eq!(cents_pb_string(125_050), "1250.5");
        assert_eq!(cents_pb_string(125_005), "1250.05");
        assert_eq!(cents_pb_string(7), "0.07");
    }
}
