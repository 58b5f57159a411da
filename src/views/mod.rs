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
pub mod finance;
pub mod home;
pub mod layout;
pub mod plan;
pub mod report;
pub mod rounds;
pub mod users;
pub mod village;

pub const STYLESHEET: &str = include_str!("app.css");
