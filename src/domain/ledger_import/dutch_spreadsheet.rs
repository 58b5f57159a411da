//! The Dutch spreadsheet export: `jaar;code;omschrijving;taakveld;financier;bedrag`,
//! `;`-separated, amounts in Dutch notation (`1.234,56`, `€ 1.234,56`, `1.000`), as Excel
//! writes it with "CSV UTF-8": UTF-8 BOM, CRLF line ends, quotes around cells with `;` or `"`.

use super::lines::LineFormatSpec;
use super::{write_with, ImportedLine, LedgerFormat};
use crate::domain::money::{format_nl_number, parse_eur_nl_signed};

/// The header line.
pub const HEADER: &str = "jaar;code;omschrijving;taakveld;financier;bedrag";

pub(crate) const SPEC: LineFormatSpec = LineFormatSpec {
    format: LedgerFormat::DutchSpreadsheet,
    columns: [
        "jaar",
        "code",
        "omschrijving",
        "taakveld",
        "financier",
        "bedrag",
    ],
    header: HEADER,
    parse_amount: parse_eur_nl_signed,
};

/// Writes budget lines in the Dutch spreadsheet format, the way Excel does (UTF-8 BOM, CRLF,
/// `;`, quotes only where needed, amounts like `1.234,56` without euro sign). `line_no` is
/// ignored. The result is accepted by [`parse_ledger`](super::parse_ledger).
pub fn write_dutch_spreadsheet(lines: &[ImportedLine]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    write_with(
        &mut out,
        b';',
        csv::Terminator::CRLF,
        &SPEC.columns,
        lines,
        format_nl_number,
    );
    out
}
