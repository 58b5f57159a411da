//! What kind of area (village or neighbourhood) and what kind of funder: enums from the row
//! on, so no page shows a stored code ("housing_corporation") and no service compares
//! against a string literal. An unknown stored value is an error where the row is read.

use serde::{Deserialize, Serialize};

use super::ledger::UnknownValue;

/// An enum stored as text: its stored word, reading one back (`None` for an unknown word),
/// the Dutch label a page shows, and the two conversions `db::models` uses at the boundary.
macro_rules! stored_enum {
    ($t:ident, $what:literal, { $($v:ident => ($s:literal, $nl:literal)),+ $(,)? }) => {
        impl $t {
            pub const ALL: &'static [$t] = &[$($t::$v),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$v => $s),+
                }
            }

            pub fn parse(s: &str) -> Option<$t> {
                match s {
                    $($s => Some($t::$v),)+
                    _ => None,
                }
            }

            /// The word on the pages (B1 Dutch).
            pub fn label_nl(self) -> &'static str {
                match self {
                    $($t::$v => $nl),+
                }
            }
        }

        impl TryFrom<String> for $t {
            type Error = UnknownValue;
            fn try_from(s: String) -> Result<Self, UnknownValue> {
                $t::parse(&s).ok_or(UnknownValue { what: $what, value: s })
            }
        }

        impl From<$t> for String {
            fn from(k: $t) -> String {
                k.as_str().to_string()
            }
        }
    };
}

/// A village or a neighbourhood: each has its own pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKind {
    Dorp,
    Wijk,
}

stored_enum!(AreaKind, "area kind", {
    Dorp => ("dorp", "dorp"),
    Wijk => ("wijk", "wijk"),
});

/// Where money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunderKind {
    /// The municipality itself: its budget lines come from the ledger import.
    Municipality,
    HousingCorporation,
    Other,
}

stored_enum!(FunderKind, "funder kind", {
    Municipality => ("municipality", "gemeente"),
    HousingCorporation => ("housing_corporation", "woningcorporatie"),
    Other => ("other", "anders"),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_and_an_unknown_word_is_an_error() {
        for k in AreaKind::ALL {
            assert_eq!(AreaKind::try_from(String::from(*k)), Ok(*k));
        }
        for k in FunderKind::ALL {
            assert_eq!(FunderKind::try_from(String::from(*k)), Ok(*k));
        }
        assert!(AreaKind::try_from("stad".to_string()).is_err());
        assert!(FunderKind::try_from("bank".to_string()).is_err());
        assert_eq!(
            FunderKind::HousingCorporation.label_nl(),
            "woningcorporatie"
        );
    }
}
