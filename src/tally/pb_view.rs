//! A borrowed view of a `.pb` file: the same sections, rows and line numbers as
//! [`super::pb_file::PbFile`], but a row without quotes stays a slice of the text (its fields
//! are split on `;` when they are read) instead of a `String` per field. Counting reads a
//! large file through this view (Wrocław 2015: 131,778 ballot lines); [`PbFile::parse`] builds
//! its owned rows from the same view, so both accept and reject exactly the same files with
//! the same messages.
//!
//! [`PbFile::parse`]: super::pb_file::PbFile::parse

use std::borrow::Cow;

use super::error::PbError;
use super::pb_csv::quoted_record;
use super::pb_file::PbFile;

/// The fields of one record.
#[derive(Debug, Clone)]
pub enum Fields<'a> {
    /// A line without quotes or stray CR (almost every line): split on `;` when read.
    Line(&'a str),
    /// A record that needed the quote-aware reader.
    Owned(Vec<String>),
    /// The rows of an already parsed [`PbFile`].
    Borrowed(&'a [String]),
}

/// One record with the (1-based) line where it starts.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub line: usize,
    fields: Fields<'a>,
    /// Number of fields (for `Line`, one more than the number of `;`).
    len: usize,
}

impl<'a> Row<'a> {
    pub(crate) fn line_row(line: usize, text: &'a str) -> Self {
        let len = count_byte(text.as_bytes(), b';') + 1;
        Row {
            line,
            fields: Fields::Line(text),
            len,
        }
    }

    fn owned(line: usize, fields: Vec<String>) -> Self {
        let len = fields.len();
        Row {
            line,
            fields: Fields::Owned(fields),
            len,
        }
    }

    fn borrowed(line: usize, fields: &'a [String]) -> Self {
        Row {
            line,
            fields: Fields::Borrowed(fields),
            len: fields.len(),
        }
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Always false: a record has at least one (maybe empty) field.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The field at position `i`, untrimmed.
    pub fn get(&self, i: usize) -> Option<&str> {
        match &self.fields {
            Fields::Line(text) => split_byte(text, b';').nth(i),
            Fields::Owned(v) => v.get(i).map(String::as_str),
            Fields::Borrowed(v) => v.get(i).map(String::as_str),
        }
    }

    /// The first field, untrimmed.
    pub fn first(&self) -> &str {
        match &self.fields {
            Fields::Line(text) => split_byte(text, b';').next().unwrap_or(""),
            Fields::Owned(v) => v.first().map_or("", String::as_str),
            Fields::Borrowed(v) => v.first().map_or("", String::as_str),
        }
    }

    /// All fields as owned strings (for [`PbFile`]).
    pub fn to_vec(&self) -> Vec<String> {
        match &self.fields {
            Fields::Line(text) => text.split(';').map(str::to_string).collect(),
            Fields::Owned(v) => v.clone(),
            Fields::Borrowed(v) => v.to_vec(),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<String> {
        match self.fields {
            Fields::Owned(v) => v,
            _ => self.to_vec(),
        }
    }

    /// A blank record (one field of only whitespace) is skipped wherever it is.
    fn is_blank(&self) -> bool {
        self.len == 1 && self.first().trim().is_empty()
    }
}

/// One META line, trimmed.
#[derive(Debug, Clone)]
pub struct MetaRef<'a> {
    pub key: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub line: usize,
}

/// A section table: its header and its data rows.
#[derive(Debug, Clone, Default)]
pub struct TableView<'a> {
    pub header: Option<Row<'a>>,
    pub rows: Vec<Row<'a>>,
}

impl TableView<'_> {
    /// Position of a column, comparing trimmed names as pabutools does.
    pub fn column(&self, name: &str) -> Option<usize> {
        let header = self.header.as_ref()?;
        (0..header.len()).position(|i| header.get(i).is_some_and(|h| h.trim() == name))
    }

    fn header_len(&self) -> usize {
        self.header.as_ref().map_or(0, Row::len)
    }
}

/// A whole `.pb` file, borrowed from its text (or from a [`PbFile`]).
#[derive(Debug, Clone, Default)]
pub struct PbView<'a> {
    pub meta: Vec<MetaRef<'a>>,
    pub projects: TableView<'a>,
    pub votes: TableView<'a>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

/// Which section a record's first field names, if any: the trimmed field compared without
/// case, as `to_lowercase()` would (no other character lowercases into these ASCII words).
fn section_title(first: &str) -> Option<(Section, usize, &'static str)> {
    let word = first.trim();
    if word.len() > 8 {
        return None;
    }
    [
        (Section::Meta, 0, "META"),
        (Section::Projects, 1, "PROJECTS"),
        (Section::Votes, 2, "VOTES"),
    ]
    .into_iter()
    .find(|(_, _, name)| word.eq_ignore_ascii_case(name))
}

impl<'a> PbView<'a> {
    /// Reads the structure of `.pb` text: every record, then the sections.
    pub fn parse(text: &'a str) -> Result<Self, PbError> {
        Self::from_records(read_rows(text)?)
    }

    fn from_records(records: Vec<Row<'a>>) -> Result<Self, PbError> {
        let mut file = PbView::default();
        let mut section = Section::None;
        let mut seen = [false; 3];
        let mut iter = records.into_iter();
        while let Some(record) = iter.next() {
            if record.is_blank() {
                continue;
            }
            if let Some((next, slot, name)) = section_title(record.first()) {
                if seen[slot] {
                    return Err(PbError::new(
                        record.line,
                        format!("section {name} appears twice"),
                    ));
                }
                seen[slot] = true;
                section = next;
                let header = iter.next().ok_or_else(|| {
                    PbError::new(record.line, format!("section {name} has no header line"))
                })?;
                // The rest of the records are (almost all) this section's rows: room for
                // them at once instead of doubling (and copying) 61,668 rows of Warsaw.
                match section {
                    Section::Projects => {
                        file.projects.header = Some(header);
                        file.projects.rows.reserve(iter.len());
                    }
                    Section::Votes => {
                        file.votes.header = Some(header);
                        file.votes.rows.reserve(iter.len());
                    }
                    Section::Meta | Section::None => {}
                }
                continue;
            }
            match section {
                Section::None => {
                    return Err(PbError::new(
                        record.line,
                        "data before the first section title (expected META)",
                    ));
                }
                Section::Meta => {
                    if record.len() < 2 {
                        return Err(PbError::new(
                            record.line,
                            "a META line needs a key and a value (key;value)",
                        ));
                    }
                    let line = record.line;
                    let (key, value) = match record.fields {
                        Fields::Line(text) => {
                            let mut parts = split_byte(text, b';');
                            let key = parts.next().unwrap_or("");
                            let value = parts.next().unwrap_or("");
                            (Cow::Borrowed(key.trim()), Cow::Borrowed(value.trim()))
                        }
                        Fields::Owned(v) => {
                            let mut parts = v.into_iter();
                            let key = parts.next().unwrap_or_default();
                            let value = parts.next().unwrap_or_default();
                            (
                                Cow::Owned(key.trim().to_string()),
                                Cow::Owned(value.trim().to_string()),
                            )
                        }
                        Fields::Borrowed(v) => (
                            Cow::Borrowed(v[0].trim()),
                            Cow::Borrowed(v.get(1).map_or("", |s| s.trim())),
                        ),
                    };
                    file.meta.push(MetaRef { key, value, line });
                }
                Section::Projects => push_row(&mut file.projects, record, "PROJECTS")?,
                Section::Votes => push_row(&mut file.votes, record, "VOTES")?,
            }
        }
        for (slot, name) in ["META", "PROJECTS", "VOTES"].iter().enumerate() {
            if !seen[slot] {
                return Err(PbError::new(0, format!("the file has no {name} section")));
            }
        }
        Ok(file)
    }

    /// A view of an already parsed file (no copies).
    pub fn of(file: &'a PbFile) -> Self {
        let table = |t: &'a super::pb_file::Table| TableView {
            header: (!t.header.is_empty()).then(|| Row::borrowed(0, &t.header)),
            rows: t
                .rows
                .iter()
                .map(|r| Row::borrowed(r.line, &r.fields))
                .collect(),
        };
        PbView {
            meta: file
                .meta
                .iter()
                .map(|m| MetaRef {
                    key: Cow::Borrowed(m.key.as_str()),
                    value: Cow::Borrowed(m.value.as_str()),
                    line: m.line,
                })
                .collect(),
            projects: table(&file.projects),
            votes: table(&file.votes),
        }
    }

    /// The owned form, as [`PbFile::parse`] returns it.
    pub fn into_file(self) -> PbFile {
        use super::pb_csv::Record;
        use super::pb_file::{MetaEntry, Table};
        let table = |t: TableView| Table {
            header: t.header.map(Row::into_vec).unwrap_or_default(),
            rows: t
                .rows
                .into_iter()
                .map(|r| Record {
                    line: r.line,
                    fields: r.into_vec(),
                })
                .collect(),
        };
        PbFile {
            meta: self
                .meta
                .into_iter()
                .map(|m| MetaEntry {
                    key: m.key.into_owned(),
                    value: m.value.into_owned(),
                    line: m.line,
                })
                .collect(),
            projects: table(self.projects),
            votes: table(self.votes),
        }
    }

    /// Value of a META key (trimmed), if present.
    pub fn meta_value(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map(|m| m.value.as_ref())
    }

    /// Line of a META key, for error messages.
    pub fn meta_line(&self, key: &str) -> usize {
        self.meta
            .iter()
            .find(|m| m.key == key)
            .map_or(0, |m| m.line)
    }
}

fn push_row<'a>(table: &mut TableView<'a>, record: Row<'a>, section: &str) -> Result<(), PbError> {
    // A header read from an empty record (`Vec` of no fields) cannot occur from text, but a
    // `PbFile` built in code may have one: both count as "no header".
    if table.header_len() == 0 {
        return Err(PbError::new(
            record.line,
            format!("{section} has no header"),
        ));
    }
    if record.len() > table.header_len() {
        return Err(PbError::new(
            record.line,
            format!(
                "{} fields in {section}, but the header has only {} columns (a ';' inside a name must be quoted)",
                record.len(),
                table.header_len()
            ),
        ));
    }
    table.rows.push(record);
    Ok(())
}

/// `str::split` on an ASCII byte, as a plain byte loop: the fields of a `.pb` line are a few
/// bytes long, where `str::split(char)` spent more on setting up its search (`memchr` per
/// piece) than on the search itself. Same pieces, including empty ones, always at least one.
pub(crate) fn split_byte(text: &str, sep: u8) -> SplitByte<'_> {
    debug_assert!(sep.is_ascii());
    SplitByte {
        rest: Some(text),
        sep,
    }
}

/// Iterator of [`split_byte`].
pub(crate) struct SplitByte<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        match text.bytes().position(|b| b == self.sep) {
            Some(i) => {
                // `sep` is ASCII, so `i` and `i + 1` are character boundaries.
                self.rest = text.get(i + 1..);
                text.get(..i)
            }
            None => {
                self.rest = None;
                Some(text)
            }
        }
    }
}

/// Number of bytes equal to `b`, eight at a time: each byte of `x ^ b×8` is zero exactly where
/// the text has `b`, and `((y & 0x7f…) + 0x7f…) | y` has its top bit clear exactly in the zero
/// bytes (no carry crosses a byte, unlike the shorter `(y − 0x01…) & !y` test).
pub(crate) fn count_byte(bytes: &[u8], b: u8) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = u64::from(b) * 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0usize;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let y = u64::from_le_bytes(word) ^ pattern;
        let t = ((y & LOW7).wrapping_add(LOW7)) | y;
        n += (!t & HIGH).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&x| x == b).count()
}

/// Splits a whole file into records. A UTF-8 BOM is ignored and CRLF line ends are accepted.
///
/// Almost every line of a real file has no quotes; such a line stays a slice of the text
/// (fast path, found with `memchr`), the others go through the quote-aware reader, which may
/// span several lines.
pub fn read_rows(text: &str) -> Result<Vec<Row<'_>>, PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    // About one record per 25 bytes in the large real files.
    let mut records = Vec::with_capacity(bytes.len() / 24 + 4);
    let mut pos = 0usize;
    let mut line = 1usize;
    while pos < bytes.len() {
        let (end, next) = match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(i) => (pos + i, pos + i + 1),
            None => (bytes.len(), bytes.len()),
        };
        let mut plain_end = end;
        if plain_end > pos && bytes[plain_end - 1] == b'\r' {
            plain_end -= 1;
        }
        let plain = &bytes[pos..plain_end];
        if memchr::memchr2(b'"', b'\r', plain).is_none() {
            if !plain.is_empty() {
                // `pos` and `plain_end` sit next to ASCII bytes ('\n', '\r') or the ends of
                // the text, so they are character boundaries.
                records.push(Row::line_row(line, &text[pos..plain_end]));
            }
            pos = next;
            line += 1;
            continue;
        }
        let (record, next_pos, next_line) = quoted_record(text, pos, line)?;
        if let Some(r) = record {
            records.push(Row::owned(r.line, r.fields));
        }
        pos = next_pos;
        line = next_line;
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::count::GroupedElection;
    use super::super::election::Election;
    use super::super::pb_file::PbFile;
    use super::super::pb_reference as reference;
    use super::super::profile::Profile;

    /// The fast reader and the reference reader agree on `text`: the same file or the same
    /// error, and the same election or the same error.
    fn agree(text: &str) -> Result<(), TestCaseError> {
        prop_assert_eq!(
            PbFile::parse(text),
            reference::parse_file(text),
            "file of {:?}",
            text
        );
        prop_assert_eq!(
            Election::parse(text),
            reference::parse_election(text),
            "election of {:?}",
            text
        );
        if let Ok(file) = PbFile::parse(text) {
            prop_assert_eq!(Election::from_pb(&file), reference::parse_election(text));
        }
        grouped_agrees(text)
    }

    /// Reading straight into groups gives the profile of the general reading, the same
    /// election apart from its ballot list, or the same error.
    fn grouped_agrees(text: &str) -> Result<(), TestCaseError> {
        let general = Election::parse(text);
        match (super::super::election::parse_grouped(text), &general) {
            (Some((election, profile)), Ok(expected)) => {
                prop_assert_eq!(&profile, &Profile::new(expected), "profile of {:?}", text);
                let without = Election {
                    ballots: Vec::new(),
                    ..expected.clone()
                };
                prop_assert_eq!(election, without, "election of {:?}", text);
            }
            (Some(_), Err(e)) => {
                prop_assert!(false, "read straight although {e:?}: {text:?}");
            }
            (None, _) => {}
        }
        let grouped = GroupedElection::parse(text);
        prop_assert_eq!(
            grouped.as_ref().err(),
            general.as_ref().err(),
            "error of {:?}",
            text
        );
        if let (Ok(grouped), Ok(general)) = (&grouped, &general) {
            prop_assert_eq!(grouped.profile(), &Profile::new(general));
        }
        Ok(())
    }

    const GOOD: &str = "META\nkey;value\nbudget;100\nvote_type;cumulative\n\
        PROJECTS\nproject_id;cost;name\nA;60;Speeltuin\nB;50;\"Bank; hout\"\n\
        VOTES\nvoter_id;vote;points\n1;A,B;3,2\n2;B;5\n";

    #[test]
    fn every_real_file_reads_as_before() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pabulib/real");
        let mut read = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "pb") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let fast = Election::parse(&text);
                assert!(fast.is_ok(), "{}: {:?}", path.display(), fast.err());
                assert_eq!(fast, reference::parse_election(&text), "{}", path.display());
                grouped_agrees(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                // Every real file is plain enough for the direct path.
                assert!(
                    super::super::election::parse_grouped(&text).is_some(),
                    "{} not read straight into groups",
                    path.display()
                );
                read += 1;
            }
        }
        assert!(
            read >= 15,
            "only {read} real files found in {}",
            dir.display()
        );
    }

    /// Files large enough for the reader's second thread (a few hundred KB of ballot
    /// lines), plain and with one line the second thread does not read (an odd vote, a
    /// quote, a blank record, an unknown id, CRLF line ends, a last line without a line
    /// end) early, late or right at the end: read alike, the groups in the same order.
    #[test]
    fn large_files_read_alike_on_two_threads() {
        let head = "META\nkey;value\nbudget;1000\nvote_type;approval\nPROJECTS\n\
            project_id;cost\n3;100\n14;200\n15;300\n92;400\n65;500\n358;600\nVOTES\n\
            voter_id;vote;age\n";
        let ids = ["3", "14", "15", "92", "65", "358"];
        let mut lines = Vec::new();
        for i in 0..20_000usize {
            // Votes of one to four projects in changing order, so that groups repeat.
            let vote: Vec<&str> = (0..1 + i % 4).map(|k| ids[(i * 7 + k * 5) % 6]).collect();
            lines.push(format!("{};{};{}\n", 100_000 + i, vote.join(","), i % 90));
        }
        let plain = format!("{head}{}", lines.concat());
        assert!(plain.len() > 256 * 1024, "too small for two threads");
        let with = |at: usize, line: &str| {
            let mut changed = lines.clone();
            changed[at] = line.to_string();
            format!("{head}{}", changed.concat())
        };
        let mut cases = vec![
            plain.clone(),
            plain.replace('\n', "\r\n"),
            plain.trim_end().to_string(),
            format!("{plain}\n\n"),
        ];
        for at in [100, 10_000, 19_999] {
            cases.push(with(at, "5; 3,14;20\n"));
            cases.push(with(at, "5;\"3,14\";20\n"));
            cases.push(with(at, " ;3;20\n"));
            cases.push(with(at, "5;3,77;20\n"));
            cases.push(with(at, "5;;20\n"));
            cases.push(with(at, "5;3,3,14;20\r\n"));
        }
        for (i, text) in cases.iter().enumerate() {
            // The message holds the whole text: only its start is shown.
            grouped_agrees(text).unwrap_or_else(|e| {
                panic!(
                    "case {i}: {}",
                    e.to_string().chars().take(300).collect::<String>()
                )
            });
        }
    }

    #[test]
    fn malformed_files_get_the_same_messages() {
        let cases = [
            GOOD.to_string(),
            GOOD.replace("META\n", ""),
            GOOD.replace("PROJECTS\nproject_id;cost;name\n", ""),
            GOOD.replace("VOTES\n", ""),
            GOOD.replace("\"Bank; hout\"", "\"Bank; hout"),
            GOOD.replace("\"Bank; hout\"", "Bank; hout"),
            GOOD.replace("3,2", "3"),
            GOOD.replace("3,2", "3,x"),
            GOOD.replace("2;B;5", "2;C;5"),
            GOOD.replace("budget;100", "budget;honderd"),
            GOOD.replace("budget;100", "budget"),
            GOOD.replace("A;60", "A;-60"),
            GOOD.replace("B;50", "A;50"),
            GOOD.replace("cumulative", "borda"),
            GOOD.replace("\n", "\r\n"),
            GOOD.replace("\n", "\r"),
            format!("\u{feff}{GOOD}"),
            format!("{GOOD}votes\nvoter_id;vote\n"),
            format!("{GOOD}  Meta ;x\n"),
            format!("{GOOD}PROJECTS"),
            "hello\n".to_string(),
            String::new(),
            "\n\n  \n".to_string(),
        ];
        for text in &cases {
            agree(text).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn byte_split_and_count_match_the_standard_library() {
        let texts = [
            "",
            ";",
            ";;",
            "a",
            "a;b;c",
            ";a;",
            "12345678;2345678;45",
            "ł;ó;€;\u{feff};x",
            "a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;q",
            ";;;;;;;;;;;;;;;;;;",
        ];
        for text in texts {
            let ours: Vec<&str> = super::split_byte(text, b';').collect();
            let std: Vec<&str> = text.split(';').collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(
                super::count_byte(text.as_bytes(), b';'),
                text.matches(';').count(),
                "{text:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The byte splitter and counter agree with `str::split` and `matches` on any text
        /// (all byte values that matter: the separator, its neighbours 0x3a/0x3c, bytes
        /// with the top bit set).
        #[test]
        fn byte_split_agrees_with_str_split(text in "[;:<,a0\u{80}-\u{7ff}\u{feff} ]{0,40}") {
            for sep in [b';', b','] {
                let ours: Vec<&str> = super::split_byte(&text, sep).collect();
                let std: Vec<&str> = text.split(char::from(sep)).collect();
                prop_assert_eq!(ours, std);
                prop_assert_eq!(
                    super::count_byte(text.as_bytes(), sep),
                    text.matches(char::from(sep)).count()
                );
            }
        }

        /// Files pieced together from the parts of real files, quotes, CRs, blank lines and
        /// wrong values: read alike by both readers.
        #[test]
        fn pieced_files_read_alike(parts in prop::collection::vec(prop::sample::select(vec![
            "META\n", "PROJECTS\n", "VOTES\n", "meta\n", "Votes ;\n", "key;value\n",
            "budget;100\n", "budget;1,5e2\n", "budget;x\n", "vote_type;approval\n",
            "vote_type;cumulative\n", "vote_type;ordinal\n", "vote_type;scoring\n",
            "max_length;3\n", "min_project_score_threshold;2\n", "min_project_score_threshold;none\n",
            "project_id;cost;name\n", "project_id;cost\n", "cost;project_id\n",
            "A;60;Speeltuin\n", "B;50;\"Bank; \"\"hout\"\"\"\n", "C;none\n", "D;1/3;x\n",
            "A;60;a;b\n", "voter_id;vote;points\n", "voter_id;vote\n", "1;A,B;3,2\n",
            "2;B;5\n", "3; A , A ;1,2\n", "4;;\n", "5;A,C;1\n", "6;Z\n", "7;A;0.5\n",
            "8;B,A,B;1,2,3\n", "9;\"A,B\";\"1,1\"\n", "10;A;\"2\n", "\n", "  \n", "\r\n",
            "\r", "\"\"\n", "x\"y;z\n", "\"a\"b;c\n", "\u{feff}", "Ł;1\n", "11;Ł\n",
        ]), 0..24)) {
            agree(&parts.concat())?;
        }

        /// Files whose project ids are all numbers (read through the number table and the
        /// one-pass reader of plain lists), with votes that are plain, odd (spaces, empty
        /// pieces, leading zeros, long numbers, unknown ids) or repeated: read alike.
        #[test]
        fn numbered_projects_read_alike(
            ids in prop::collection::vec(prop::sample::select(vec![
                "0", "1", "7", "12", "214", "1109", "1048575", "1048576", "4294967297",
            ]), 1..5),
            votes in prop::collection::vec(prop::collection::vec(prop::sample::select(vec![
                "0", "00", "1", "01", " 1", "7 ", "12", "214", "1109", "1048575", "1048576",
                "4294967297", "1234567890", "", "x", "1e3", "+1", "none",
            ]), 0..6), 0..8),
            vote_type in prop::sample::select(vec!["approval", "ordinal", "cumulative"]),
        ) {
            let mut text = format!("META\nkey;value\nbudget;100\nvote_type;{vote_type}\nPROJECTS\nproject_id;cost\n");
            let mut seen = std::collections::HashSet::new();
            for id in &ids {
                if seen.insert(*id) {
                    text.push_str(&format!("{id};10\n"));
                }
            }
            text.push_str(if vote_type == "cumulative" { "VOTES\nvoter_id;vote;points\n" } else { "VOTES\nvoter_id;vote\n" });
            for (i, vote) in votes.iter().enumerate() {
                let points = vec!["1"; vote.len()].join(",");
                if vote_type == "cumulative" {
                    text.push_str(&format!("{i};{};{points}\n", vote.join(",")));
                } else {
                    text.push_str(&format!("{i};{}\n", vote.join(",")));
                }
            }
            agree(&text)?;
        }

        /// Arbitrary short texts over the characters that matter to the reader.
        #[test]
        fn arbitrary_texts_read_alike(text in "(META\n|PROJECTS\n|VOTES\n|key;value\n|budget;[0-9]{1,3}\n|vote_type;(approval|cumulative|ordinal)\n|project_id;cost\n|voter_id;vote;points\n|[ABab0-9;,\"\r\n .-]{0,12})*") {
            agree(&text)?;
        }
    }
}
