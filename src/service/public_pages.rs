//! Versions of public pages, so that a page whose content cannot have changed is served from
//! a copy (`web::page_cache`) instead of being read and rendered again.

use crate::db::repo::page_version;
use crate::db::DbConn;
use crate::domain::round::{RoundId, RoundStatus};

use super::{Principal, ServiceError};

/// What a round's public page depends on. Any write anywhere changes `generation`, so two
/// equal versions mean nothing was written in between, by this process or another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundPageVersion {
    pub status: RoundStatus,
    pub generation: i64,
}

impl RoundPageVersion {
    /// Only counted and closed rounds are kept: their page no longer changes while residents
    /// vote elsewhere (during voting every ballot is a write, so a copy would not last).
    pub fn worth_keeping(&self) -> bool {
        matches!(self.status, RoundStatus::Counted | RoundStatus::Closed)
    }
}

/// The version of a round's public page (rounds are public: anyone may ask), or `None` for
/// an unknown round.
pub fn round_page_version(
    conn: &mut DbConn,
    _who: &Principal,
    id: &RoundId,
) -> Result<Option<RoundPageVersion>, ServiceError> {
    Ok(page_version::round_status_and_generation(conn, id)?
        .map(|(status, generation)| RoundPageVersion { status, generation }))
}

/// The version of the home page for a visitor who is not signed in: the write counter. It
/// shows the open rounds and the latest results, which change only with a write.
pub fn home_page_version(conn: &mut DbConn, _who: &Principal) -> Result<i64, ServiceError> {
    Ok(page_version::generation(conn)?)
}
