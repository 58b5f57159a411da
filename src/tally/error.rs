//! Errors for malformed `.pb` input. Every error names the line it is about, so a coordinator
//! can open the file and fix it.

/// A problem in a `.pb` file at a given (1-based) line; line 0 means "the file as a whole".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct PbError {
    pub line: usize,
    pub message: String,
}

impl PbError {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }

    fn describe(&self) -> String {
        if self.line == 0 {
            self.message.clone()
        } else {
            format!("line {}: {}", self.line, self.message)
        }
    }
}
