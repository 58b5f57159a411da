//! Pure domain logic: no actix, no diesel, no I/O.

pub mod audit;
pub mod count_explanation;
pub mod csv_cell;
pub mod demo_ledger;
pub mod eligibility;
pub mod form_errors;
pub mod ids;
pub mod kinds;
pub mod landing;
pub mod ledger;
pub mod ledger_import;
pub mod money;
pub mod nl_time;
pub mod objection;
pub mod password;
pub mod permissions;
pub mod photo;
pub mod plan_money;
pub mod plan_standing;
pub mod review;
pub mod role;
pub mod round;
pub mod sealed_secret;
pub mod taakveld;
pub mod voting_code;
pub mod wording;
