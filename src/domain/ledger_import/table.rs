//! Shared reading: bytes → text → header + rows (with the `csv` crate), and the checks
//! every format uses (field count, year, text fields, column mapping).

use super::problems::{ImportProblem, COLUMN_FILE, COLUMN_HEADER, COLUMN_LINE};
use crate::domain::message::Msg;
use crate::domain::taakveld;
use crate::msg_key;

/// Highest fiscal year accepted in an import file.
pub const MAX_YEAR: i32 = 2099;
/// Longest budget-line code, in characters.
pub const MAX_CODE_CHARS: usize = 64;
/// Longest name (omschrijving) or funder, in characters.
pub const MAX_NAME_CHARS: usize = 200;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes to text. A UTF-8 BOM is removed. Anything that is not UTF-8 (Windows-1252 "ANSI"
/// as older Excel writes it, or UTF-16 "Unicode-tekst") is refused with a message that
/// says how to save the file as UTF-8, naming the first line with a wrong character.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, ImportProblem> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportProblem::file(
            1,
            Msg::new(msg_key!("error-import-utf16")),
        ));
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let valid = body.get(..e.valid_up_to()).unwrap_or_default();
        let line_no = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        ImportProblem::file(
            line_no,
            Msg::new(msg_key!("error-import-not-utf8")).arg("line", line_no),
        )
    })
}

/// The separator of the header line: `;` if it has more `;` than `,`, else `,`.
pub(crate) fn guess_delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let semis = first.matches(';').count();
    let commas = first.matches(',').count();
    if semis > commas {
        b';'
    } else {
        b','
    }
}

/// One header cell: as written, and the key it is matched on (trimmed, lower case).
#[derive(Debug, Clone)]
pub(crate) struct HeaderCell {
    pub raw: String,
    pub key: String,
}

/// One data line.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line_no: usize,
    pub fields: Vec<String>,
}

impl Row {
    /// The cell in column `idx`, or "" when the column is missing.
    pub fn get(&self, idx: Option<usize>) -> &str {
        idx.and_then(|i| self.fields.get(i))
            .map_or("", |s| s.as_str())
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub delimiter: u8,
    pub header_line_no: usize,
    pub header: Vec<HeaderCell>,
    /// Data lines with the wrong number of fields are already reported and left out.
    pub rows: Vec<Row>,
}

impl Table {
    /// The header as one line, for messages.
    pub fn header_text(&self) -> String {
        let sep = char::from(self.delimiter).to_string();
        self.header
            .iter()
            .map(|h| h.raw.as_str())
            .collect::<Vec<_>>()
            .join(&sep)
    }
}

/// Byte offset → 1-based line number. (The `csv` crate's own line counter is one behind
/// after a CRLF line end, so we count ourselves.)
struct LineIndex<'a> {
    text: &'a str,
    newlines: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let newlines = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i)
            .collect();
        LineIndex { text, newlines }
    }

    /// The line of the first character of a record starting at `byte` (line-end characters
    /// left over from the previous record are skipped).
    fn line_of(&self, byte: u64) -> usize {
        let mut b = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        let bytes = self.text.as_bytes();
        while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
            b += 1;
        }
        1 + self.newlines.partition_point(|&nl| nl < b)
    }
}

fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// Reads all records. Lines that are completely empty (also `;;;;;`, as Excel writes rows
/// that only have formatting) are skipped. Trailing empty header cells and trailing empty
/// cells beyond the header are ignored (Excel adds them when a cell further right was ever
/// used). A line with another number of fields than the header is a problem.
pub(crate) fn read_table(
    text: &str,
    delimiter: u8,
    problems: &mut Vec<ImportProblem>,
) -> Option<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let lines = LineIndex::new(text);
    let mut header: Option<(usize, Vec<HeaderCell>)> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = lines.line_of(e.position().map_or(start, |p| p.byte()));
                problems.push(ImportProblem::new(
                    line,
                    COLUMN_LINE,
                    Msg::new(msg_key!("error-import-line-unreadable")),
                    "",
                ));
                continue;
            }
        }
        let line_no = lines.line_of(record.position().map_or(start, |p| p.byte()));
        let mut fields: Vec<String> = record.iter().map(str::to_owned).collect();
        if is_blank(&fields) {
            continue;
        }
        match &header {
            None => {
                while fields.last().is_some_and(|f| f.is_empty()) {
                    fields.pop();
                }
                let cells = fields
                    .into_iter()
                    .map(|raw| HeaderCell {
                        key: raw.trim().trim_start_matches('\u{feff}').to_lowercase(),
                        raw,
                    })
                    .collect();
                header = Some((line_no, cells));
            }
            Some((_, cells)) => {
                let width = cells.len();
                if fields.len() > width && fields[width..].iter().all(|f| f.is_empty()) {
                    fields.truncate(width);
                }
                if fields.len() != width {
                    let sep = char::from(delimiter);
                    problems.push(ImportProblem::new(
                        line_no,
                        COLUMN_LINE,
                        Msg::new(msg_key!("error-import-field-count"))
                            .arg("fields", fields.len())
                            .arg("width", width)
                            .arg("sep", sep.to_string()),
                        fields.join(&sep.to_string()),
                    ));
                    continue;
                }
                rows.push(Row { line_no, fields });
            }
        }
    }
    let Some((header_line_no, header)) = header else {
        problems.push(ImportProblem::file(
            1,
            Msg::new(msg_key!("error-import-empty")),
        ));
        return None;
    };
    Some(Table {
        delimiter,
        header_line_no,
        header,
        rows,
    })
}

/// One expected column of a format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnSpec {
    pub name: &'static str,
    pub required: bool,
}

/// Finds each expected column in the header (any order). Missing required columns, unknown
/// columns and columns named twice are problems on the header line.
pub(crate) fn map_columns(
    table: &Table,
    spec: &[ColumnSpec],
    expected_header: &str,
    problems: &mut Vec<ImportProblem>,
) -> Vec<Option<usize>> {
    let line = table.header_line_no;
    for (i, cell) in table.header.iter().enumerate() {
        if cell.key.is_empty() {
            problems.push(ImportProblem::new(
                line,
                COLUMN_HEADER,
                Msg::new(msg_key!("error-import-column-unnamed"))
                    .arg("number", i + 1)
                    .arg("header", expected_header),
                table.header_text(),
            ));
        } else if !spec.iter().any(|c| c.name == cell.key) {
            problems.push(ImportProblem::new(
                line,
                cell.raw.clone(),
                Msg::new(msg_key!("error-import-column-unknown"))
                    .arg("column", &cell.raw)
                    .arg("header", expected_header),
                table.header_text(),
            ));
        } else if table.header[..i].iter().any(|c| c.key == cell.key) {
            problems.push(ImportProblem::new(
                line,
                cell.raw.clone(),
                Msg::new(msg_key!("error-import-column-twice")).arg("column", &cell.raw),
                table.header_text(),
            ));
        }
    }
    spec.iter()
        .map(|c| {
            let idx = table.header.iter().position(|h| h.key == c.name);
            if idx.is_none() && c.required {
                problems.push(ImportProblem::new(
                    line,
                    c.name,
                    Msg::new(msg_key!("error-import-column-missing"))
                        .arg("column", c.name)
                        .arg("header", expected_header),
                    table.header_text(),
                ));
            }
            idx
        })
        .collect()
}

/// A fiscal year: exactly 4 digits, from 2017 (the first taakvelden year) to [`MAX_YEAR`].
pub(crate) fn check_year(value: &str, line_no: usize, column: &str) -> Result<i32, ImportProblem> {
    let problem = |msg: Msg| ImportProblem::new(line_no, column, msg, value);
    if value.is_empty() {
        return Err(problem(Msg::new(msg_key!("error-import-year-empty"))));
    }
    if value.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(problem(Msg::new(msg_key!("error-import-year-digits"))));
    }
    let year: i32 = value
        .parse()
        .map_err(|_| problem(Msg::new(msg_key!("error-import-year-number"))))?;
    if year < taakveld::FIRST_YEAR {
        return Err(problem(
            Msg::new(msg_key!("error-import-year-too-early"))
                .arg("year", year)
                .arg("first", taakveld::FIRST_YEAR),
        ));
    }
    if year > MAX_YEAR {
        return Err(problem(
            Msg::new(msg_key!("error-import-year-too-late"))
                .arg("year", year)
                .arg("last", MAX_YEAR),
        ));
    }
    Ok(year)
}

/// A text cell (code, name, funder): not empty (unless `optional`), no line breaks or other
/// control characters, not longer than `max_chars`.
pub(crate) fn check_text(
    value: &str,
    line_no: usize,
    column: &str,
    // Which text: `code`, `name`, `funder` or `taakveld_name` (the catalogue names it).
    what: &str,
    max_chars: usize,
    optional: bool,
) -> Result<Option<String>, ImportProblem> {
    let problem = |msg: Msg| ImportProblem::new(line_no, column, msg, value);
    if value.is_empty() {
        return if optional {
            Ok(None)
        } else {
            Err(problem(
                Msg::new(msg_key!("error-import-text-empty")).arg("what", what),
            ))
        };
    }
    if value.chars().any(char::is_control) {
        return Err(problem(
            Msg::new(msg_key!("error-import-text-control")).arg("what", what),
        ));
    }
    let n = value.chars().count();
    if n > max_chars {
        return Err(problem(
            Msg::new(msg_key!("error-import-text-long"))
                .arg("what", what)
                .arg("length", n)
                .arg("max", max_chars),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// A file-level problem when there are no data lines.
pub(crate) fn no_data(table: &Table) -> ImportProblem {
    ImportProblem::new(
        table.header_line_no,
        COLUMN_FILE,
        Msg::new(msg_key!("error-import-header-only")),
        "",
    )
}
