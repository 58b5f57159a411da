//! Problems found in an import file. Every problem names the line (1-based, as a
//! spreadsheet program or text editor counts lines) and the column; messages (B1) are shown
//! in the language of the page that shows them.

use serde::Serialize;

use crate::domain::message::Msg;
use crate::msg_key;

/// Column name used for a problem about the file as a whole (empty file, not UTF-8, no data).
pub const COLUMN_FILE: &str = "(bestand)";
/// Column name used for a problem about the header line as a whole.
pub const COLUMN_HEADER: &str = "(kopregel)";
/// Column name used for a problem about a whole line (wrong number of fields).
pub const COLUMN_LINE: &str = "(hele regel)";

/// One thing wrong in an import file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImportProblem {
    /// 1-based line number in the file (line 1 is the header).
    pub line_no: usize,
    /// The column as named in the header (`bedrag`, `amount`, `lasten_x1000_eur` ...), or
    /// one of [`COLUMN_FILE`], [`COLUMN_HEADER`], [`COLUMN_LINE`].
    pub column: String,
    /// What is wrong and how to fix it (B1).
    pub message: Msg,
    /// What was in the cell (or the line / header), as read.
    pub value: String,
}

impl ImportProblem {
    /// A new problem.
    pub fn new(
        line_no: usize,
        column: impl Into<String>,
        message: impl Into<Msg>,
        value: impl Into<String>,
    ) -> Self {
        ImportProblem {
            line_no,
            column: column.into(),
            message: message.into(),
            value: value.into(),
        }
    }

    /// A problem about the whole file.
    pub fn file(line_no: usize, message: impl Into<Msg>) -> Self {
        ImportProblem::new(line_no, COLUMN_FILE, message, "")
    }
}

impl ImportProblem {
    /// `Regel 7, kolom bedrag: Dit is geen geldig bedrag. ... (waarde: "12.5")`
    pub fn msg(&self) -> Msg {
        let msg = if self.value.is_empty() {
            Msg::new(msg_key!("error-import-problem"))
        } else {
            Msg::new(msg_key!("error-import-problem-value")).arg("value", &self.value)
        };
        msg.arg("line", self.line_no)
            .arg("column", &self.column)
            .arg("message", self.message.clone())
    }
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.msg(), f)
    }
}

/// Sorts problems by line (stable: the order of columns within a line is kept).
pub(crate) fn sort_problems(problems: &mut [ImportProblem]) {
    problems.sort_by_key(|p| p.line_no);
}
