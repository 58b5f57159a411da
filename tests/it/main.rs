//! Integration tests: a real database per test (a temporary SQLite file, and PostgreSQL
//! when TEST_DATABASE_URL is set) and real HTTP against the running application.

mod accounts;
mod api;
mod audit_export;
mod audit_log;
mod ballot_pages;
mod cli;
mod concurrency;
mod council_pages;
mod crash;
mod forms;
mod helpers;
mod hostile;
mod ledger_props;
mod ledger_service;
mod migrations;
mod money_bounds;
mod multi_server;
mod openapi_conformance;
mod page_cache;
mod pages;
mod payments;
mod permissions;
mod pool_holds;
mod processes;
mod report;
mod request_log;
mod round_calendar;
mod rounds_pages;
mod rounds_service;
mod routes;
mod scheduled;
mod security;
mod start_pages;
mod theme;
mod voting_codes;
