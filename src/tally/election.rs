//! Typed view of a `.pb` file: budget, projects with exact costs, and ballots as lists of
//! project indices. Follows pabutools 1.2.3's parser (see `docs/counting.md`): fields equal to
//! `none` are treated as missing, costs and budget are exact decimals, duplicate entries in an
//! approval ballot count once, and an empty ballot still counts as a voter.

use std::collections::HashMap;

use num_rational::BigRational;
use num_traits::{Signed, Zero};

use super::error::PbError;
use super::number::{parse_decimal, Amount};
use super::pb_file::PbFile;
use super::pb_view::{split_byte, PbView, Row};
use super::profile::{Profile, ProfileBuilder};

/// How residents voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteType {
    Approval,
    Choose1,
    Cumulative,
    Scoring,
    Ordinal,
}

impl VoteType {
    fn parse(text: &str) -> Option<Self> {
        Some(match text.trim() {
            "approval" => Self::Approval,
            "choose-1" => Self::Choose1,
            "cumulative" => Self::Cumulative,
            "scoring" => Self::Scoring,
            "ordinal" => Self::Ordinal,
            _ => return None,
        })
    }

    /// Whether ballots carry points (a `points` column).
    pub fn has_points(self) -> bool {
        matches!(self, Self::Cumulative | Self::Scoring)
    }
}

/// One initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: String,
    pub cost: Amount,
    pub name: Option<String>,
    /// The `selected` column (real winners under the city's rule), if present.
    pub selected: Option<String>,
}

/// One ballot: the projects it lists (in the order written, duplicates removed) and, for
/// cumulative/scoring ballots, the points given to each of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ballot {
    pub projects: Vec<u32>,
    pub points: Vec<Amount>,
}

/// A complete election.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    pub budget: Amount,
    pub vote_type: VoteType,
    pub projects: Vec<Project>,
    pub ballots: Vec<Ballot>,
    /// META `rule` (the city's own counting rule), if given.
    pub meta_rule: Option<String>,
    pub currency: Option<String>,
    /// META `min_project_score_threshold`.
    pub score_threshold: Option<Amount>,
    /// Points of the first place on an ordinal ballot (META `max_length`, else #projects).
    pub ordinal_top_points: u64,
    pub description: Option<String>,
}

impl Election {
    /// Parses and interprets `.pb` text. Rows without quotes are read straight from the
    /// text (no `String` per field), so this is much faster than
    /// `from_pb(&PbFile::parse(text)?)`, with the same result and the same errors.
    pub fn parse(text: &str) -> Result<Self, PbError> {
        Self::from_view(&PbView::parse(text)?)
    }

    /// Interprets a raw `.pb` file.
    pub fn from_pb(file: &PbFile) -> Result<Self, PbError> {
        Self::from_view(&PbView::of(file))
    }

    /// Interprets the sections of a `.pb` file.
    pub fn from_view(file: &PbView) -> Result<Self, PbError> {
        let budget_text = file
            .meta_value("budget")
            .ok_or_else(|| PbError::new(0, "META has no budget"))?;
        let budget = parse_decimal(budget_text).ok_or_else(|| {
            PbError::new(
                file.meta_line("budget"),
                format!("budget '{budget_text}' is not a number"),
            )
        })?;
        if budget.is_negative() {
            return Err(PbError::new(
                file.meta_line("budget"),
                "the budget is negative",
            ));
        }
        let vote_type_text = file
            .meta_value("vote_type")
            .ok_or_else(|| PbError::new(0, "META has no vote_type"))?;
        let vote_type = VoteType::parse(vote_type_text).ok_or_else(|| {
            PbError::new(
                file.meta_line("vote_type"),
                format!("unknown vote_type '{vote_type_text}' (approval, choose-1, cumulative, scoring or ordinal)"),
            )
        })?;
        let score_threshold = match file.meta_value("min_project_score_threshold") {
            Some(t) if !t.eq_ignore_ascii_case("none") && !t.is_empty() => {
                Some(parse_decimal(t).ok_or_else(|| {
                    PbError::new(
                        file.meta_line("min_project_score_threshold"),
                        format!("min_project_score_threshold '{t}' is not a number"),
                    )
                })?)
            }
            _ => None,
        };
        let projects = read_projects(file)?;
        let ordinal_top_points = match file.meta_value("max_length") {
            Some(t) => t.trim().parse::<u64>().map_err(|_| {
                PbError::new(
                    file.meta_line("max_length"),
                    format!("max_length '{t}' is not a whole number"),
                )
            })?,
            None => projects.len() as u64,
        };
        let index = IdIndex::new(&projects);
        let ballots = read_ballots(file, vote_type, &index)?;
        let text_meta = |key: &str| file.meta_value(key).map(str::to_string);
        Ok(Election {
            budget,
            vote_type,
            projects,
            ballots,
            meta_rule: text_meta("rule"),
            currency: text_meta("currency"),
            score_threshold,
            ordinal_top_points,
            description: text_meta("description"),
        })
    }

    /// Number of voters, including empty ballots (they count for the equal shares, as in
    /// pabutools).
    pub fn voter_count(&self) -> u64 {
        self.ballots.len() as u64
    }

    /// Position of a project by id.
    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }
}

/// `str::trim`, without looking at the characters when both ends are plain ASCII that is
/// not whitespace (every id and number of a real file): the same result, much cheaper for
/// the hundreds of thousands of fields of a large file.
fn trim(s: &str) -> &str {
    // `char::is_whitespace` (what `trim` uses) also counts U+000B, unlike
    // `u8::is_ascii_whitespace`.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    let bytes = s.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        s
    } else {
        s.trim()
    }
}

/// Finds a project by the id a ballot names. The ids of most real files are numbers (`214`,
/// `1109`): then a ballot's id is read as a number and looked up in a table by that number,
/// which is much cheaper than hashing the text for the 250,000 ids of a large file.
enum IdIndex<'a> {
    /// Every project id is a number written the usual way (digits, no leading zero): the
    /// project with that number, `u32::MAX` for none.
    Numbers(Vec<u32>),
    Text(foldhash::HashMap<&'a str, u32>),
}

impl<'a> IdIndex<'a> {
    fn new(projects: &'a [Project]) -> Self {
        // A table up to this size costs less than the hash map would (at most 4 MB more).
        let limit = 1 << 20;
        let numbers: Option<Vec<u32>> = projects
            .iter()
            .map(|p| plain_number(p.id.as_bytes()).filter(|&n| (n as usize) < limit))
            .collect();
        match numbers {
            Some(numbers) => {
                let size = numbers.iter().max().map_or(0, |&n| n as usize + 1);
                let mut table = vec![u32::MAX; size];
                for (i, &n) in numbers.iter().enumerate() {
                    table[n as usize] = i as u32;
                }
                IdIndex::Numbers(table)
            }
            None => IdIndex::Text(
                projects
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.as_str(), i as u32))
                    .collect(),
            ),
        }
    }

    fn get(&self, id: &str) -> Option<u32> {
        match self {
            // An id that is not written as a plain number cannot equal any project's id,
            // all of which are.
            IdIndex::Numbers(table) => plain_number(id.as_bytes())
                .and_then(|n| table.get(n as usize).copied())
                .filter(|&p| p != u32::MAX),
            IdIndex::Text(map) => map.get(id).copied(),
        }
    }
}

/// The value of a number written as decimal digits without a leading zero (`0` itself
/// allowed), at most nine digits; `None` for any other text. Two such texts are equal exactly
/// when their values are.
fn plain_number(text: &[u8]) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || (text[0] == b'0' && text.len() > 1) {
        return None;
    }
    let mut value = 0u32;
    for &b in text {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u32::from(digit);
    }
    Some(value)
}

/// A ballot's list of plain numbers (`1822,322,1992`) read in one pass over its bytes, each
/// looked up in the table of numbered projects, repeated ids kept once (the first mention):
/// the ballot the general path gives for such a list. Returns false, leaving `projects` half
/// filled, for any other text (a space, an empty piece, a leading zero, a number of ten
/// digits or more, an id that is no project), which the general path then reads.
fn plain_number_ids(vote: &[u8], numbers: &[u32], projects: &mut Vec<u32>) -> bool {
    plain_numbers(vote, numbers, |p| {
        if !projects.contains(&p) {
            projects.push(p);
        }
        true
    })
}

/// [`plain_number_ids`] as a set of projects (bit `p` for project `p`), for ballots whose
/// order does not matter: the same text is accepted, and the set holds the same projects.
/// `None` where that returns false, or for a project number of 128 or more.
fn plain_number_set(vote: &[u8], numbers: &[u32]) -> Option<u128> {
    let mut set = 0u128;
    plain_numbers(vote, numbers, |p| match 1u128.checked_shl(p) {
        Some(bit) => {
            set |= bit;
            true
        }
        None => false,
    })
    .then_some(set)
}

/// The reading shared by [`plain_number_ids`] and [`plain_number_set`]: each project named,
/// in the order written, to `found` (which may refuse it by returning false).
#[inline(always)]
fn plain_numbers(vote: &[u8], numbers: &[u32], mut found: impl FnMut(u32) -> bool) -> bool {
    let n = vote.len();
    if n == 0 {
        return true;
    }
    let mut i = 0usize;
    loop {
        // One piece: its digits, up to a comma or the end.
        let start = i;
        let mut value = 0u32;
        while let Some(&b) = vote.get(i) {
            let digit = b.wrapping_sub(b'0');
            if digit > 9 {
                break;
            }
            // Wrapping: a number of ten digits or more is refused below anyway.
            value = value.wrapping_mul(10).wrapping_add(u32::from(digit));
            i += 1;
        }
        let digits = i - start;
        if digits == 0 || digits > 9 || (vote[start] == b'0' && digits > 1) {
            return false;
        }
        let p = match numbers.get(value as usize) {
            Some(&p) if p != u32::MAX => p,
            _ => return false,
        };
        if !found(p) {
            return false;
        }
        match vote.get(i) {
            None => return true,
            // A comma must be followed by another piece (an empty one is not plain).
            Some(b',') if i + 1 < n => i += 1,
            Some(_) => return false,
        }
    }
}

/// A ballot's list of ids that are not numbers (`L005,L007`, `BO.OM.63/24`), read straight
/// from the vote field: every piece non-empty, without spaces around it and a project's id,
/// the field not `none`; repeated ids kept once (the first mention), as the general path
/// does. Returns false, leaving `projects` half filled, for anything else, which the general
/// path then reads (with the same result or message).
fn plain_text_ids(vote: &str, map: &foldhash::HashMap<&str, u32>, projects: &mut Vec<u32>) -> bool {
    if vote.is_empty() {
        return true;
    }
    // `field` reads a vote of `none` (any case, trimmed) as no vote at all.
    if vote.eq_ignore_ascii_case("none") {
        return false;
    }
    for id in split_byte(vote, b',') {
        // `trim` would change it (or drop it): not plain.
        if id.is_empty() || trim(id).len() != id.len() {
            return false;
        }
        match map.get(id) {
            Some(&p) => {
                if !projects.contains(&p) {
                    projects.push(p);
                }
            }
            None => return false,
        }
    }
    true
}

fn field<'r>(row: &'r Row, col: Option<usize>) -> Option<&'r str> {
    let value = trim(row.get(col?)?);
    if value.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(value)
    }
}

fn read_projects(file: &PbView) -> Result<Vec<Project>, PbError> {
    let table = &file.projects;
    let cost_col = table
        .column("cost")
        .ok_or_else(|| PbError::new(0, "PROJECTS has no 'cost' column"))?;
    let name_col = table.column("name");
    let selected_col = table.column("selected");
    let mut seen = HashMap::new();
    let mut projects = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        // pabutools takes the first column as the id, whatever its name.
        let id = row.first().trim();
        if id.is_empty() {
            return Err(PbError::new(row.line, "a project has an empty id"));
        }
        if let Some(first) = seen.insert(id.to_string(), row.line) {
            return Err(PbError::new(
                row.line,
                format!("project id '{id}' already used on line {first}"),
            ));
        }
        let cost_text = field(row, Some(cost_col))
            .ok_or_else(|| PbError::new(row.line, format!("project '{id}' has no cost")))?;
        let cost = parse_decimal(cost_text).ok_or_else(|| {
            PbError::new(
                row.line,
                format!("cost '{cost_text}' of project '{id}' is not a number"),
            )
        })?;
        if cost.is_negative() {
            return Err(PbError::new(
                row.line,
                format!("project '{id}' has a negative cost"),
            ));
        }
        projects.push(Project {
            id: id.to_string(),
            cost,
            name: field(row, name_col).map(str::to_string),
            selected: field(row, selected_col).map(str::to_string),
        });
    }
    Ok(projects)
}

/// Where a ballot's fields are in the VOTES table, and how it is read.
struct VoteColumns {
    vote: usize,
    points: Option<usize>,
    with_points: bool,
}

impl VoteColumns {
    fn of(file: &PbView, vote_type: VoteType) -> Result<Self, PbError> {
        let table = &file.votes;
        Ok(VoteColumns {
            vote: table
                .column("vote")
                .ok_or_else(|| PbError::new(0, "VOTES has no 'vote' column"))?,
            points: table.column("points"),
            with_points: vote_type.has_points(),
        })
    }
}

fn read_ballots(
    file: &PbView,
    vote_type: VoteType,
    index: &IdIndex,
) -> Result<Vec<Ballot>, PbError> {
    let columns = VoteColumns::of(file, vote_type)?;
    let mut ballots = Vec::with_capacity(file.votes.rows.len());
    for row in &file.votes.rows {
        let vote = field(row, Some(columns.vote)).unwrap_or("");
        // Room for every listed id at once: one allocation per ballot.
        let listed = if vote.is_empty() {
            0
        } else {
            super::pb_view::count_byte(vote.as_bytes(), b',') + 1
        };
        let mut ballot = Ballot {
            projects: Vec::with_capacity(listed),
            points: Vec::new(),
        };
        if !columns.with_points {
            if let IdIndex::Numbers(numbers) = index {
                if plain_number_ids(vote.as_bytes(), numbers, &mut ballot.projects) {
                    ballots.push(ballot);
                    continue;
                }
                // Anything unusual (spaces, empty pieces, an unknown id): the general path
                // below reads it again and gives the same ballot or the same message.
                ballot.projects.clear();
            }
        }
        read_ballot(row, &columns, index, &mut ballot)?;
        ballots.push(ballot);
    }
    Ok(ballots)
}

/// The general reading of one ballot (any ids, points, spaces, repeats) into an empty
/// `ballot`.
fn read_ballot(
    row: &Row,
    columns: &VoteColumns,
    index: &IdIndex,
    ballot: &mut Ballot,
) -> Result<(), PbError> {
    let vote = field(row, Some(columns.vote)).unwrap_or("");
    let with_points = columns.with_points;
    let ids = || split_byte(vote, b',').map(trim).filter(|s| !s.is_empty());
    let points_text = if with_points {
        field(row, columns.points)
    } else {
        None
    };
    // `split` always yields at least one (maybe empty) piece, as the list of texts did.
    let points = || {
        points_text
            .into_iter()
            .flat_map(|p| split_byte(p, b',').map(str::trim))
    };
    if with_points {
        let n_ids = ids().count();
        let n_points = points().count();
        if n_ids != 0 && n_points != n_ids {
            return Err(PbError::new(
                row.line,
                format!("{n_ids} projects in 'vote' but {n_points} numbers in 'points'"),
            ));
        }
    }
    let mut texts = points();
    for id in ids() {
        let p = index.get(id).ok_or_else(|| {
            PbError::new(
                row.line,
                format!("the vote names project '{id}', which is not in PROJECTS"),
            )
        })?;
        let value = match texts.next() {
            Some(text) => Some(parse_points(text).ok_or_else(|| {
                PbError::new(row.line, format!("points '{text}' is not a number"))
            })?),
            None => None,
        };
        match ballot.projects.iter().position(|&q| q == p) {
            // A repeated id: approval/ordinal keep the first mention, cumulative/scoring
            // ballots are dictionaries in pabutools, so the last value wins.
            Some(pos) => {
                if let Some(v) = value {
                    ballot.points[pos] = v;
                }
            }
            None => {
                ballot.projects.push(p);
                if let Some(v) = value {
                    ballot.points.push(v);
                }
            }
        }
    }
    Ok(())
}

/// One line of the VOTES section as [`parse_grouped`] needs it.
struct LineScan {
    /// End of the line's text (before a final CR, as `read_rows` takes it).
    end: usize,
    /// Start of the next line.
    next: usize,
    /// Number of `;`.
    semicolons: usize,
    /// A quote or a CR inside the line: the quote-aware reader's business.
    odd: bool,
    /// Where the vote field starts and ends (empty when the line has fewer fields).
    vote: (usize, usize),
}

/// Which bytes [`scan_line`] stops at.
const STOP: [bool; 256] = {
    let mut stop = [false; 256];
    stop[b';' as usize] = true;
    stop[b'"' as usize] = true;
    stop[b'\r' as usize] = true;
    stop[b'\n' as usize] = true;
    stop
};

/// The first byte at or after `i` that [`scan_line`] stops at (`bytes.len()` for none).
/// Eight bytes are looked at together (a ballot line has some 50 bytes and five or six
/// stops): a byte of `word` equals `c` where `x = word ^ c·0x01…01` has a zero byte, and
/// `(x − 0x01…01) & !x & 0x80…80` marks the lowest zero byte of `x` exactly (a borrow can
/// only mark bytes above a zero byte, never below), so the lowest mark over the four bytes
/// searched is the first stop. The last bytes of the text, fewer than eight, one by one.
#[inline(always)]
fn next_stop(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(LO) & !x & HI;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let found = zero_byte(word ^ (LO * u64::from(b';')))
            | zero_byte(word ^ (LO * u64::from(b'"')))
            | zero_byte(word ^ (LO * u64::from(b'\r')))
            | zero_byte(word ^ (LO * u64::from(b'\n')));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if STOP[usize::from(b)] {
            return i;
        }
        i += 1;
    }
    i
}

/// Reads the line starting at `pos` in one pass: its end, its `;` count, whether it has a
/// quote or a stray CR, and where field number `vote_col` is. (Before, the line was searched
/// for its end, then for quotes, then its `;` counted, then split again to find the vote.)
fn scan_line(bytes: &[u8], pos: usize, vote_col: usize) -> LineScan {
    let mut scan = LineScan {
        end: bytes.len(),
        next: bytes.len(),
        semicolons: 0,
        odd: false,
        vote: (0, 0),
    };
    let mut field_start = pos;
    let mut i = pos;
    loop {
        i = next_stop(bytes, i);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        match b {
            b';' => {
                if scan.semicolons == vote_col {
                    scan.vote = (field_start, i);
                }
                scan.semicolons += 1;
                field_start = i + 1;
            }
            b'\n' => {
                // A CR right before the line end belongs to the line end.
                scan.end = if i > pos && bytes[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                scan.next = i + 1;
                break;
            }
            // So does a CR at the very end of the text.
            b'\r' if matches!(bytes.get(i + 1), None | Some(b'\n')) => {
                if i + 1 == bytes.len() {
                    scan.end = i;
                }
            }
            _ => scan.odd = true,
        }
        i += 1;
    }
    if scan.semicolons == vote_col {
        scan.vote = (field_start, scan.end);
    }
    scan
}

/// Reads `.pb` text straight into the grouped profile, without a [`Ballot`] per voter: the
/// part of the file up to the VOTES header is read by [`PbView::parse`] and interpreted by
/// [`Election::from_view`] as always; then every ballot line is read from the text and added
/// to the groups at once. Returns `None` (the caller then takes the general path, which gives
/// the result or the error) for anything this does not handle in exactly the same way:
/// sections after VOTES, quotes or stray CRs in a ballot line, blank or title-like lines,
/// more fields than the header, and every error. The returned election has no `ballots`:
/// they are only in the profile.
pub(crate) fn parse_grouped(text: &str) -> Option<(Election, Profile)> {
    let bytes = text.as_bytes();
    let line_end = |from: usize| memchr::memchr(b'\n', &bytes[from..]).map(|i| from + i);
    // The first line whose first field is the VOTES title, then its header line.
    let mut pos = 0usize;
    let mut line = 1usize;
    let header_start = loop {
        let end = line_end(pos)?;
        // `pos` and `end` are next to '\n' or the ends of the text: character boundaries.
        let first = split_byte(text.get(pos..end)?, b';').next().unwrap_or("");
        if first.trim().eq_ignore_ascii_case("VOTES") {
            break end + 1;
        }
        pos = end + 1;
        line += 1;
    };
    let header_end = line_end(header_start)?;
    let view = PbView::parse(text.get(..header_end + 1)?).ok()?;
    // The header read from the part is the record that starts on the line after the title
    // (and ends there): the records up to it are those of the whole text.
    let header_line = view.votes.header.as_ref()?.line;
    if header_line != line + 1 || !view.votes.rows.is_empty() {
        return None;
    }
    let header_len = view.votes.header.as_ref()?.len();
    let election = Election::from_view(&view).ok()?;
    let columns = VoteColumns::of(&view, election.vote_type).ok()?;
    let rest = text.get(header_end + 1..)?;
    let lines = memchr::memchr_iter(b'\n', rest.as_bytes()).count() + 1;
    // Room for every listed project (each takes at least a digit and a separator), so that
    // the groups' array of projects never grows: Warsaw 2026's distinct ballots list 9.6
    // projects each, and growing from an estimate of 4 a line copied it to a new block.
    let mut builder = ProfileBuilder::new(&election, lines, rest.len() / 2 + 1);
    {
        let index = IdIndex::new(&election.projects);
        let rest_bytes = rest.as_bytes();
        let ballot_lines = BallotLines {
            rest,
            vote_col: columns.vote,
            header_len,
        };
        // The ballot lines of a large file are read on two threads: the last 55 % on a
        // second one, as sets (see `BallotLines::sets`), while this one reads the first 45 %
        // into the groups; the second part's sets are then grouped here, in the order of
        // the file. (This thread's part is the smaller one because it also groups the
        // other's sets afterwards: with 45 % both threads finish reading at about the same
        // time on Warsaw 2026.) A part the second thread does not read alike is read here
        // by the general loop instead.
        let numbers = match &index {
            IdIndex::Numbers(numbers) if builder.takes_sets() && !columns.with_points => {
                Some(numbers.as_slice())
            }
            _ => None,
        };
        let split = match numbers {
            Some(_) if rest_bytes.len() >= SPLIT_AT_BYTES => {
                // Right after a line end: no line is cut, and both parts start a line.
                memchr::memchr(b'\n', &rest_bytes[rest_bytes.len() * 9 / 20..])
                    .map(|i| rest_bytes.len() * 9 / 20 + i + 1)
            }
            _ => None,
        };
        match (split, numbers) {
            (Some(split), Some(numbers)) => std::thread::scope(|scope| {
                let lines = &ballot_lines;
                // No second thread (the system refused one): all on this one.
                let worker = std::thread::Builder::new()
                    .spawn_scoped(scope, move || lines.sets(split, numbers))
                    .ok();
                lines.read(0, split, &columns, &index, &mut builder)?;
                // A worker that panicked gives `None` too: its part is then read here.
                match worker.and_then(|w| w.join().ok()).flatten() {
                    Some(part) => builder.add_sets(&part.sets, &part.votes),
                    None => lines.read(split, rest_bytes.len(), &columns, &index, &mut builder)?,
                }
                Some(())
            })?,
            _ => ballot_lines.read(0, rest_bytes.len(), &columns, &index, &mut builder)?,
        }
    }
    Some((election, builder.finish()))
}

/// From this size of the ballot lines on (bytes), [`parse_grouped`] reads a part of them on
/// a second thread: starting a thread costs some 50 µs, reading 256 KB of ballot lines about
/// ten times that.
const SPLIT_AT_BYTES: usize = 256 * 1024;

/// The ballot lines of a `.pb` text (everything after the VOTES header) as
/// [`parse_grouped`] reads them.
struct BallotLines<'t> {
    rest: &'t str,
    vote_col: usize,
    header_len: usize,
}

/// What the second thread read ([`BallotLines::sets`]): each ballot as a set (in the order of the file) and the
/// votes per project (bit number) they hold.
struct SetPart {
    sets: Vec<u128>,
    votes: [u64; 128],
}

impl BallotLines<'_> {
    /// Reads the lines starting at byte `from` (a line start) up to `to` (a line start or
    /// the end) into `builder`. `None` for anything the general path must read.
    fn read(
        &self,
        from: usize,
        to: usize,
        columns: &VoteColumns,
        index: &IdIndex,
        builder: &mut ProfileBuilder,
    ) -> Option<()> {
        let rest = self.rest;
        let rest_bytes = rest.as_bytes();
        // Ballots without points are read from the vote field alone when it is a plain list.
        let plain_lists = !columns.with_points;
        let mut ids: Vec<u32> = Vec::new();
        let mut ballot = Ballot::default();
        let sets = builder.takes_sets();
        let mut pos = from;
        while pos < to {
            let scan = scan_line(rest_bytes, pos, self.vote_col);
            let start = pos;
            pos = scan.next;
            // Next to '\n', '\r' or the ends of the text: character boundaries. The text of
            // the line is only made (with its check of them) where it is read as text.
            let plain = rest_bytes.get(start..scan.end)?;
            // An empty line is no record (as in `read_rows`).
            if plain.is_empty() {
                continue;
            }
            if scan.odd || scan.semicolons >= self.header_len {
                return None;
            }
            // A blank record or a section title begins with a space or a letter; a voter id
            // that begins with a digit is neither.
            if !plain[0].is_ascii_digit() {
                let first = split_byte(rest.get(start..scan.end)?, b';')
                    .next()
                    .unwrap_or("");
                let word = first.trim();
                if word.is_empty()
                    || ["META", "PROJECTS", "VOTES"]
                        .iter()
                        .any(|t| word.eq_ignore_ascii_case(t))
                {
                    return None;
                }
            }
            if plain_lists {
                if let (true, IdIndex::Numbers(numbers)) = (sets, index) {
                    // The vote's bytes: a set is only read from ASCII digits and commas.
                    let vote = rest_bytes.get(scan.vote.0..scan.vote.1).unwrap_or(&[]);
                    if let Some(set) = plain_number_set(vote, numbers) {
                        builder.add_set(set);
                        continue;
                    }
                }
                // At ';' or the line's end: character boundaries.
                let vote = rest.get(scan.vote.0..scan.vote.1).unwrap_or("");
                ids.clear();
                let read = match index {
                    IdIndex::Numbers(numbers) => {
                        plain_number_ids(vote.as_bytes(), numbers, &mut ids)
                    }
                    IdIndex::Text(map) => plain_text_ids(vote, map, &mut ids),
                };
                if read {
                    builder.add(&ids, &[]);
                    continue;
                }
            }
            let line_text = rest.get(start..scan.end)?;
            let row = Row::line_row(0, line_text);
            ballot.projects.clear();
            ballot.points.clear();
            read_ballot(&row, columns, index, &mut ballot).ok()?;
            builder.add(&ballot.projects, &ballot.points);
        }
        Some(())
    }

    /// The second thread's part of [`BallotLines::read`]: the lines from `from` (a line
    /// start) to the end, when every one is a plain line whose vote is read as a set by
    /// [`plain_number_set`] (what `read` does with such a line). `None` as soon as one is
    /// not, or looks like a record `read` treats otherwise (a first field that does not
    /// begin with a digit): `read` then reads the part itself, with its result or error.
    fn sets(&self, from: usize, numbers: &[u32]) -> Option<SetPart> {
        let bytes = self.rest.as_bytes();
        let mut part = SetPart {
            // About 50 bytes a line in the large files: room for all without growing.
            sets: Vec::with_capacity((bytes.len() - from) / 32 + 1),
            votes: [0; 128],
        };
        let mut pos = from;
        while pos < bytes.len() {
            let scan = scan_line(bytes, pos, self.vote_col);
            let start = pos;
            pos = scan.next;
            let plain = bytes.get(start..scan.end)?;
            if plain.is_empty() {
                continue;
            }
            if scan.odd || scan.semicolons >= self.header_len || !plain[0].is_ascii_digit() {
                return None;
            }
            let vote = bytes.get(scan.vote.0..scan.vote.1).unwrap_or(&[]);
            let set = plain_number_set(vote, numbers)?;
            let mut rest = set;
            while rest != 0 {
                part.votes[rest.trailing_zeros() as usize] += 1;
                rest &= rest - 1;
            }
            part.sets.push(set);
        }
        Some(part)
    }
}

/// Points on a ballot are almost always small whole numbers: read those directly, the rest
/// (decimals, exponents, fractions) as [`parse_decimal`] does. Same value either way.
fn parse_points(text: &str) -> Option<Amount> {
    let t = text.trim();
    if !t.is_empty() && t.len() <= 18 && t.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = t.parse().ok()?;
        return Some(BigRational::from_integer(n.into()));
    }
    parse_decimal(text)
}

/// Sum of a list of amounts.
pub fn total(amounts: impl IntoIterator<Item = Amount>) -> Amount {
    amounts
        .into_iter()
        .fold(BigRational::zero(), |acc, a| acc + a)
}

impl Election {
    /// A `.pb` file for this election (META with the obligatory keys, PROJECTS with id, cost,
    /// name and selected when known, VOTES numbered from 1). This is how the platform
    /// publishes a round's anonymised ballots so that anyone can recount them.
    pub fn to_pb(&self) -> PbFile {
        use super::number::pb_string;
        use super::pb_file::Table;
        let vote_type = match self.vote_type {
            VoteType::Approval => "approval",
            VoteType::Choose1 => "choose-1",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Ordinal => "ordinal",
        };
        let mut meta: Vec<(String, String)> = vec![
            (
                "description".into(),
                self.description
                    .clone()
                    .unwrap_or_else(|| "burgerbegroting".into()),
            ),
            ("num_projects".into(), self.projects.len().to_string()),
            ("num_votes".into(), self.ballots.len().to_string()),
            ("budget".into(), pb_string(&self.budget)),
            ("vote_type".into(), vote_type.into()),
            (
                "rule".into(),
                self.meta_rule.clone().unwrap_or_else(|| "unknown".into()),
            ),
        ];
        if let Some(c) = &self.currency {
            meta.push(("currency".into(), c.clone()));
        }
        if let Some(t) = &self.score_threshold {
            meta.push(("min_project_score_threshold".into(), pb_string(t)));
        }
        if self.vote_type == VoteType::Ordinal {
            meta.push(("max_length".into(), self.ordinal_top_points.to_string()));
        }
        let with_name = self.projects.iter().any(|p| p.name.is_some());
        let with_selected = self.projects.iter().any(|p| p.selected.is_some());
        let mut header = vec!["project_id", "cost"];
        if with_name {
            header.push("name");
        }
        if with_selected {
            header.push("selected");
        }
        let rows = self.projects.iter().map(|p| {
            let mut fields = vec![p.id.clone(), pb_string(&p.cost)];
            if with_name {
                fields.push(p.name.clone().unwrap_or_else(|| "none".into()));
            }
            if with_selected {
                fields.push(p.selected.clone().unwrap_or_else(|| "none".into()));
            }
            fields
        });
        let mut vote_header = vec!["voter_id", "vote"];
        if self.vote_type.has_points() {
            vote_header.push("points");
        }
        let votes = self.ballots.iter().enumerate().map(|(i, b)| {
            let ids: Vec<&str> = b
                .projects
                .iter()
                .map(|&p| self.projects[p as usize].id.as_str())
                .collect();
            let mut fields = vec![(i + 1).to_string(), ids.join(",")];
            if self.vote_type.has_points() {
                fields.push(b.points.iter().map(pb_string).collect::<Vec<_>>().join(","));
            }
            fields
        });
        PbFile::new(
            meta,
            Table::new(&header, rows),
            Table::new(&vote_header, votes),
        )
    }
}
