//! maud views: pure functions from read models to HTML. No database, no actix.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod ballot;
pub mod codes;
pub mod components;
pub mod confirm;
pub mod council;
pub mod errors;
pub mod explanation;
pub mod finance;
pub mod home;
pub mod layout;
pub mod objections;
pub mod plan;
pub mod plan_review;
pub mod report;
pub mod round_result;
pub mod rounds;
pub mod staff_labels;
pub mod timeline;
pub mod transfers_list;
pub mod users;
pub mod village;

pub const STYLESHEET: &str = include_str!("app.css");
