//! The raw `.pb` container: a META key/value list and two tables (PROJECTS, VOTES), kept as
//! text exactly as read so that writing it back loses nothing (extra columns, comments,
//! Polish and Dutch characters). Typed interpretation lives in [`super::election`].

use std::io::{Read, Write};

use super::error::PbError;
use super::pb_csv::{write_record, Record};
use super::pb_view::PbView;

/// One META line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaEntry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// A section table: its header and its data rows (each with its line number).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Record>,
}

impl Table {
    /// A table to write: its header and its rows (line numbers belong to parsed files).
    pub fn new(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Self {
        Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: rows
                .into_iter()
                .map(|fields| Record { line: 0, fields })
                .collect(),
        }
    }

    /// Position of a column, comparing trimmed names as pabutools does.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim() == name)
    }
}

/// A whole `.pb` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PbFile {
    pub meta: Vec<MetaEntry>,
    pub projects: Table,
    pub votes: Table,
}

impl PbFile {
    /// A file to write: the META keys and values in this order, then the two tables.
    pub fn new(meta: Vec<(String, String)>, projects: Table, votes: Table) -> Self {
        PbFile {
            meta: meta
                .into_iter()
                .map(|(key, value)| MetaEntry {
                    key,
                    value,
                    line: 0,
                })
                .collect(),
            projects,
            votes,
        }
    }

    /// Reads a `.pb` file from text.
    pub fn parse(text: &str) -> Result<Self, PbError> {
        Ok(PbView::parse(text)?.into_file())
    }

    /// Reads a `.pb` file from any reader (must be UTF-8).
    pub fn read_from(reader: impl Read) -> Result<Self, PbError> {
        Self::parse(&read_text(reader)?)
    }

    /// Value of a META key (trimmed), if present.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_str())
    }

    /// Line of a META key, for error messages.
    pub fn meta_line(&self, key: &str) -> usize {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map_or(0, |m| m.line)
    }

    /// Sets (or adds) a META value.
    pub fn set_meta(&mut self, key: &str, value: &str) {
        match self.meta.iter_mut().find(|m| m.key == key) {
            Some(entry) => entry.value = value.to_string(),
            None => self.meta.push(MetaEntry {
                key: key.to_string(),
                value: value.to_string(),
                line: 0,
            }),
        }
    }

    /// Writes the file as pabulib text (LF line ends, UTF-8, no BOM).
    pub fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "META")?;
        writeln!(out, "key;value")?;
        for m in &self.meta {
            writeln!(out, "{}", write_record(&[m.key.clone(), m.value.clone()]))?;
        }
        for (title, table) in [("PROJECTS", &self.projects), ("VOTES", &self.votes)] {
            writeln!(out, "{title}")?;
            writeln!(out, "{}", write_record(&table.header))?;
            for row in &table.rows {
                writeln!(out, "{}", write_record(&row.fields))?;
            }
        }
        Ok(())
    }

    /// The file as a string.
    pub fn to_pb_string(&self) -> String {
        let mut buf = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_to(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }
}

/// Reads all of a `.pb` file's text (which must be UTF-8).
pub fn read_text(mut reader: impl Read) -> Result<String, PbError> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| PbError::new(0, format!("cannot read the file: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        PbError::new(line, "the file is not valid UTF-8 text")
    })
}
