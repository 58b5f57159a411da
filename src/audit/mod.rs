//! The tamper-evident audit log, without a database: the Merkle tree, signed checkpoints
//! and proofs in their C2SP text forms, and the offline checks of an export bundle. Pure
//! (no diesel, no actix), so the verifier needs nothing but the files.

pub mod merkle;
