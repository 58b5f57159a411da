//! burgerbegroting: participatory citizens' budget platform for Dutch municipalities.
//!
//! Layers (dependencies point one way): `domain` (pure rules) <- `db` (diesel) <-
//! `service` (units of work, permissions, audit) <- `web` (actix: pages and API) with
//! `views` (maud). `tally` is the independent counting engine.

pub mod audit;
pub mod audit_export;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod i18n;
pub mod keys;
pub mod service;
pub mod startup;
pub mod state;
pub mod tally;
pub mod theme;
pub mod views;
pub mod web;
