//! The plain CSV format: `year,code,name,taakveld,funder,amount`, `,`-separated, amounts
//! with a decimal point and no thousands separator (`1234.56`).

use super::lines::LineFormatSpec;
use super::{write_with, ImportedLine, LedgerFormat};
use crate::domain::money::{format_plain, parse_eur_plain_signed};

/// The header line.
pub const HEADER: &str = "year,code,name,taakveld,funder,amount";

pub(crate) const SPEC: LineFormatSpec = LineFormatSpec {
    format: LedgerFormat::PlainCsv,
    columns: ["year", "code", "name", "taakveld", "funder", "amount"],
    header: HEADER,
    parse_amount: parse_eur_plain_signed,
};

/// Writes budget lines as plain CSV (no BOM, `\n` line ends, amounts like `1234.56`).
/// `line_no` is ignored. The result is accepted by [`parse_ledger`](super::parse_ledger).
pub fn write_plain_csv(lines: &[ImportedLine]) -> Vec<u8> {
    let mut out = Vec::new();
    write_with(
        &mut out,
        b',',
        csv::Terminator::Any(b'\n'),
        &SPEC.columns,
        lines,
        format_plain,
    );
    out
}
