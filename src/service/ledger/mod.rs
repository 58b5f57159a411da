//! The money path, one concern per file:
//!
//! * `read`: the read models of the finance pages and the API (every read takes the
//!   caller; the `actions` fields say what that caller may do next);
//! * `areas`: areas (with their pool) and funders (with their account);
//! * `import`: the ledger import (budget lines and their allocations);
//! * `transfers`: proposals, corrections, approvals and the round commitments;
//! * `export`: the transfers CSV for spreadsheets.

mod areas;
mod export;
mod import;
mod read;
mod transfers;

pub use areas::{check_new_area, check_new_funder, create_area, create_funder};
pub use export::transfers_csv;
pub use import::{import_ledger, ImportOutcome};
pub use read::*;
pub(crate) use transfers::{
    commit_to_plan, open_paid_out_account, pay_from_plan, pool_available, return_to_pool,
};
pub use transfers::{
    decide_transfer, propose_correction, propose_transfer, CorrectionInput, TransferInput,
};

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
