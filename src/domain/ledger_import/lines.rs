//! The checks shared by the two "one line = one budget line" formats
//! ([`super::dutch_spreadsheet`] and [`super::plain_csv`]): they differ only in column
//! names, separator and amount notation.

use crate::domain::message::Msg;
use crate::msg_key;
use std::collections::HashMap;

use super::problems::ImportProblem;
use super::table::{
    check_text, check_year, map_columns, no_data, ColumnSpec, Table, MAX_CODE_CHARS, MAX_NAME_CHARS,
};
use super::{ImportedLine, LedgerFormat};
use crate::domain::money::MoneyError;
use crate::domain::taakveld;

/// Column names of a line format, in the order year, code, name, taakveld, funder, amount.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineFormatSpec {
    pub format: LedgerFormat,
    pub columns: [&'static str; 6],
    /// The header as written by the writer, shown in messages.
    pub header: &'static str,
    /// Signed amount parser (the sign is checked here, to give one clear message).
    pub parse_amount: fn(&str) -> Result<i64, MoneyError>,
}

const YEAR: usize = 0;
const CODE: usize = 1;
const NAME: usize = 2;
const TAAKVELD: usize = 3;
const FUNDER: usize = 4;
const AMOUNT: usize = 5;

impl LineFormatSpec {
    fn column_specs(&self) -> [ColumnSpec; 6] {
        self.columns.map(|name| ColumnSpec {
            name,
            // The funder column may be left out entirely: a funder is optional.
            required: name != self.columns[FUNDER],
        })
    }
}

/// Checks every line and returns the budget lines, or all problems found.
pub(crate) fn parse_lines(
    table: &Table,
    spec: &LineFormatSpec,
    mut problems: Vec<ImportProblem>,
) -> Result<Vec<ImportedLine>, Vec<ImportProblem>> {
    let idx = map_columns(table, &spec.column_specs(), spec.header, &mut problems);
    let col = |i: usize| spec.columns[i];
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut seen: HashMap<(i32, String), usize> = HashMap::new();

    for row in &table.rows {
        let n = row.line_no;
        let mut ok = true;
        let mut keep = Keep {
            problems: &mut problems,
            ok: &mut ok,
        };
        let year = idx[YEAR].and_then(|_| keep.take(check_year(row.get(idx[YEAR]), n, col(YEAR))));
        // A text column checked: what it holds, its length, whether it may be empty.
        let text = |i: usize, what: &str, max: usize, optional: bool| {
            check_text(row.get(idx[i]), n, col(i), what, max, optional)
        };
        let code = idx[CODE]
            .and_then(|_| keep.take(text(CODE, "code", MAX_CODE_CHARS, false)))
            .flatten();
        let name = idx[NAME]
            .and_then(|_| keep.take(text(NAME, "name", MAX_NAME_CHARS, false)))
            .flatten();
        let funder = keep
            .take(text(FUNDER, "funder", MAX_NAME_CHARS, true))
            .flatten();
        let taakveld_value = row.get(idx[TAAKVELD]);
        let taakveld = match (idx[TAAKVELD], year) {
            (Some(_), Some(year)) => keep.take(
                taakveld::check(year, taakveld_value)
                    .map(|t| t.code.to_owned())
                    .map_err(|e| ImportProblem::new(n, col(TAAKVELD), e.msg(), taakveld_value)),
            ),
            // Without a valid year we cannot say which list applies; the year is reported.
            _ => None,
        };
        let amount_value = row.get(idx[AMOUNT]);
        let amount = idx[AMOUNT].and_then(|_| {
            keep.take(
                amount_cents(spec, amount_value)
                    .map_err(|message| ImportProblem::new(n, col(AMOUNT), message, amount_value)),
            )
        });

        if let (Some(year), Some(code)) = (year, &code) {
            if let Some(first) = seen.get(&(year, code.clone())) {
                problems.push(ImportProblem::new(
                    n,
                    col(CODE),
                    Msg::new(msg_key!("error-import-code-twice"))
                        .arg("year", year)
                        .arg("code", code.as_str())
                        .arg("first", *first)
                        .arg("line", n),
                    code.clone(),
                ));
                ok = false;
            } else {
                seen.insert((year, code.clone()), n);
            }
        }
        if let (true, Some(year), Some(code), Some(name), Some(taakveld), Some(amount_cents)) =
            (ok, year, code, name, taakveld, amount)
        {
            lines.push(ImportedLine {
                line_no: n,
                year,
                code,
                name,
                taakveld,
                funder,
                amount_cents,
            });
        }
    }
    if table.rows.is_empty() && problems.is_empty() {
        problems.push(no_data(table));
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

/// Collects the problem of a failed check and remembers that the line is not usable.
struct Keep<'a> {
    problems: &'a mut Vec<ImportProblem>,
    ok: &'a mut bool,
}

impl Keep<'_> {
    fn take<T>(&mut self, r: Result<T, ImportProblem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(p) => {
                self.problems.push(p);
                *self.ok = false;
                None
            }
        }
    }
}

/// The amount of a budget line: parsed in the format's notation and greater than zero.
fn amount_cents(spec: &LineFormatSpec, value: &str) -> Result<i64, Msg> {
    let cents = (spec.parse_amount)(value).map_err(|e| e.msg())?;
    if cents <= 0 {
        return Err(Msg::new(msg_key!("error-import-amount-not-positive")));
    }
    crate::domain::money::check_bound(cents)
}
