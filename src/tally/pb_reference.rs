//! The `.pb` reader as it was before the borrowed view ([`super::pb_view`]): records as
//! `Vec<String>`, then the owned file, then the election. Kept only for tests, as the oracle
//! that the fast reader accepts the same files with the same result and rejects the same files
//! with the same message.
#![allow(clippy::all)]

use std::collections::HashMap;

use num_traits::Signed;

use super::election::{Ballot, Election, Project, VoteType};
use super::error::PbError;
use super::number::parse_decimal;
use super::pb_csv::Record;
use super::pb_file::{MetaEntry, PbFile, Table};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

/// Splits a whole file into records. A UTF-8 BOM is ignored and CRLF line ends are accepted.
///
/// Almost every line of a real file has no quotes; those are split directly on `;` (fast path),
/// the others go through a small quote-aware state machine that may span several lines.
pub fn read_records(text: &str) -> Result<Vec<Record>, PbError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut pos = 0usize;
    let mut line = 1usize;
    while pos < text.len() {
        let rest = &text[pos..];
        let (raw, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], pos + i + 1),
            None => (rest, text.len()),
        };
        let plain = raw.strip_suffix('\r').unwrap_or(raw);
        if !plain.contains(['"', '\r']) {
            if !plain.is_empty() {
                records.push(Record {
                    line,
                    fields: plain.split(';').map(str::to_string).collect(),
                });
            }
            pos = next;
            line += 1;
            continue;
        }
        let (record, next_pos, next_line) = quoted_record(text, pos, line)?;
        records.extend(record);
        pos = next_pos;
        line = next_line;
    }
    Ok(records)
}

/// Reads one record that contains quotes (or a lone CR) starting at byte `start` of `text`,
/// which is on line `line`. Returns the record (None for a blank line), where the next record
/// starts, and its line number.
fn quoted_record(
    text: &str,
    start: usize,
    line: usize,
) -> Result<(Option<Record>, usize, usize), PbError> {
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut current = line;
    let mut quote_line = line;
    let mut chars = text[start..].char_indices().peekable();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek().map(|&(_, n)| n) == Some('"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    current += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = current;
            }
            ';' => fields.push(std::mem::take(&mut field)),
            // A CR is part of a CRLF (or an old Mac line end); either way it ends the line.
            '\r' if chars.peek().map(|&(_, n)| n) == Some('\n') => {}
            '\r' | '\n' => {
                end = Some(start + i + 1);
                break;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(PbError::new(
            quote_line,
            "a quoted field is never closed (missing '\"')",
        ));
    }
    let next = end.unwrap_or(text.len());
    if fields.is_empty() && field.is_empty() {
        return Ok((None, next, current + 1));
    }
    fields.push(field);
    Ok((Some(Record { line, fields }), next, current + 1))
}

pub fn parse_file(text: &str) -> Result<PbFile, PbError> {
    let records = read_records(text)?;
    let mut file = PbFile::default();
    let mut section = Section::None;
    let mut seen = [false; 3];
    let mut iter = records.into_iter();
    while let Some(record) = iter.next() {
        if record.fields.len() == 1 && record.fields[0].trim().is_empty() {
            continue;
        }
        let first = record.fields[0].trim().to_lowercase();
        let title = match first.as_str() {
            "meta" => Some((Section::Meta, 0)),
            "projects" => Some((Section::Projects, 1)),
            "votes" => Some((Section::Votes, 2)),
            _ => None,
        };
        if let Some((next, slot)) = title {
            if seen[slot] {
                return Err(PbError::new(
                    record.line,
                    format!("section {} appears twice", first.to_uppercase()),
                ));
            }
            seen[slot] = true;
            section = next;
            let header = iter.next().ok_or_else(|| {
                PbError::new(
                    record.line,
                    format!("section {} has no header line", first.to_uppercase()),
                )
            })?;
            match section {
                Section::Meta => {}
                Section::Projects => file.projects.header = header.fields,
                Section::Votes => file.votes.header = header.fields,
                Section::None => {}
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
                if record.fields.len() < 2 {
                    return Err(PbError::new(
                        record.line,
                        "a META line needs a key and a value (key;value)",
                    ));
                }
                file.meta.push(MetaEntry {
                    key: record.fields[0].trim().to_string(),
                    value: record.fields[1].trim().to_string(),
                    line: record.line,
                });
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

fn push_row(table: &mut Table, record: Record, section: &str) -> Result<(), PbError> {
    if table.header.is_empty() {
        return Err(PbError::new(
            record.line,
            format!("{section} has no header"),
        ));
    }
    if record.fields.len() > table.header.len() {
        return Err(PbError::new(
            record.line,
            format!(
                "{} fields in {section}, but the header has only {} columns (a ';' inside a name must be quoted)",
                record.fields.len(),
                table.header.len()
            ),
        ));
    }
    table.rows.push(record);
    Ok(())
}

pub fn parse_election(text: &str) -> Result<Election, PbError> {
    from_pb(&parse_file(text)?)
}

fn vote_type_of(text: &str) -> Option<VoteType> {
    Some(match text.trim() {
        "approval" => VoteType::Approval,
        "choose-1" => VoteType::Choose1,
        "cumulative" => VoteType::Cumulative,
        "scoring" => VoteType::Scoring,
        "ordinal" => VoteType::Ordinal,
        _ => return None,
    })
}

fn from_pb(file: &PbFile) -> Result<Election, PbError> {
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
    let vote_type = vote_type_of(vote_type_text).ok_or_else(|| {
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
    let index: HashMap<&str, u32> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i as u32))
        .collect();
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

fn field(fields: &[String], col: Option<usize>) -> Option<&str> {
    let value = fields.get(col?)?.trim();
    if value.eq_ignore_ascii_case("none") {
        None
    } else {
        Some(value)
    }
}

fn read_projects(file: &PbFile) -> Result<Vec<Project>, PbError> {
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
        let id = row.fields.first().map(|s| s.trim()).unwrap_or("");
        if id.is_empty() {
            return Err(PbError::new(row.line, "a project has an empty id"));
        }
        if let Some(first) = seen.insert(id.to_string(), row.line) {
            return Err(PbError::new(
                row.line,
                format!("project id '{id}' already used on line {first}"),
            ));
        }
        let cost_text = field(&row.fields, Some(cost_col))
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
            name: field(&row.fields, name_col).map(str::to_string),
            selected: field(&row.fields, selected_col).map(str::to_string),
        });
    }
    Ok(projects)
}

fn read_ballots(
    file: &PbFile,
    vote_type: VoteType,
    index: &HashMap<&str, u32>,
) -> Result<Vec<Ballot>, PbError> {
    let table = &file.votes;
    let vote_col = table
        .column("vote")
        .ok_or_else(|| PbError::new(0, "VOTES has no 'vote' column"))?;
    let points_col = table.column("points");
    let mut ballots = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut ballot = Ballot::default();
        let vote = field(&row.fields, Some(vote_col)).unwrap_or("");
        let ids: Vec<&str> = vote
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let points: Vec<&str> = if vote_type.has_points() {
            field(&row.fields, points_col)
                .map(|p| p.split(',').map(str::trim).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        if vote_type.has_points() && !ids.is_empty() && points.len() != ids.len() {
            return Err(PbError::new(
                row.line,
                format!(
                    "{} projects in 'vote' but {} numbers in 'points'",
                    ids.len(),
                    points.len()
                ),
            ));
        }
        for (k, id) in ids.iter().enumerate() {
            let p = *index.get(id).ok_or_else(|| {
                PbError::new(
                    row.line,
                    format!("the vote names project '{id}', which is not in PROJECTS"),
                )
            })?;
            let value = if vote_type.has_points() {
                let text = points[k];
                Some(parse_decimal(text).ok_or_else(|| {
                    PbError::new(row.line, format!("points '{text}' is not a number"))
                })?)
            } else {
                None
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
        ballots.push(ballot);
    }
    Ok(ballots)
}
