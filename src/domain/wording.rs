//! Dutch words that depend on a count: "1 plan", "3 plannen", never "plan(nen)". The one
//! helper for the pages, the confirmation questions and the command line alike.

use std::fmt::Display;

/// `n` with the word that fits: `one` for exactly 1, else `many` ("0 plannen").
pub fn count_of<N: Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_right_word() {
        assert_eq!(count_of(1usize, "plan", "plannen"), "1 plan");
        assert_eq!(count_of(0usize, "plan", "plannen"), "0 plannen");
        assert_eq!(count_of(4i64, "stem", "stemmen"), "4 stemmen");
        assert_eq!(count_of(2u64, "ronde", "rondes"), "2 rondes");
        assert_eq!(count_of(1i32, "probleem", "problemen"), "1 probleem");
    }
}
