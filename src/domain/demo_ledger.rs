//! Demo ledger (work in progress; follows in the next commit).
