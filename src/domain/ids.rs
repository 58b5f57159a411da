//! Ids with their own types, so one cannot be mixed up with another on its way between
//! the layers (a transfer's id where an account's is wanted). The database stores them as
//! text; `db::models` maps them at the boundary. Reading an id as text (addresses,
//! templates) is fine; making one from text is explicit (`From`).

use serde::{Deserialize, Serialize};

/// The conversions every id type has.
macro_rules! string_id {
    ($t:ident) => {
        impl $t {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> Self {
                $t(s)
            }
        }
        impl From<$t> for String {
            fn from(id: $t) -> String {
                id.0
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                $t(s.to_string())
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }
        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self == &other.0
            }
        }
        /// Maps keyed by an id can be asked with text.
        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
        /// Reading an id as text (addresses, templates) is fine; making one from text is
        /// explicit (`From`).
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
    };
}

/// The id of a transfer in the ledger (a UUID, chosen by the client: its idempotency key).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TransferId(pub String);

/// The id of a ledger account (a budget line's, a pool's, a funder's or a plan's).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountId(pub String);

/// The id of a round (a UUID), typed so it cannot be mixed up with a plan's or an
/// area's id on its way between the layers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoundId(pub String);

/// The id of a plan (initiative).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlanId(pub String);

/// The id of a staff account (a UUID); `Actor::User` and the audit key `user:<id>` carry it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub String);

/// The id of an area (a village or district with its own pool and rounds).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AreaId(pub String);

/// The id of a budget line (one line of the imported municipal budget).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BudgetLineId(pub String);

/// The id of a funder (the municipality, a province, a fund).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FunderId(pub String);

string_id!(TransferId);
string_id!(AccountId);
string_id!(RoundId);
string_id!(PlanId);
string_id!(UserId);
string_id!(AreaId);
string_id!(BudgetLineId);
string_id!(FunderId);
