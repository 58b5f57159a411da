//! Ballots summed up for counting: how many voters support each project, their points, and
//! identical ballots merged into groups with a multiplicity. Merging is what makes counting
//! fast: Warsaw 2026 has 61,668 ballots but far fewer distinct ones, and MES only needs to know
//! which projects a voter supports.

use std::hash::BuildHasher as _;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use super::election::{Election, VoteType};
use super::number::Amount;

/// A set of voters with the same supported projects. Its projects are a slice of the
/// profile's one flat array ([`Profile::group_projects`]): Warsaw 2026 has 51,202 distinct
/// ballots among 61,668, and a `Vec` for each was most of the grouping's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Where its projects start in the flat array.
    start: u32,
    /// How many projects it supports.
    len: u32,
    /// Number of voters with exactly this ballot.
    pub voters: u64,
}

/// The counted profile of an election.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// All voters, including those who handed in an empty ballot.
    pub voter_count: u64,
    /// Voters who list the project on their ballot (whatever the points or rank).
    pub votes: Vec<u64>,
    /// Sum of points per project: 1 per approval, the points on cumulative/scoring ballots,
    /// `top − position` on ordinal ballots (the pabulib `score` convention).
    pub points: Vec<Amount>,
    /// Distinct non-empty ballots, in the order they first appear.
    pub groups: Vec<Group>,
    /// The projects of every group one after the other, each group's sorted and without
    /// duplicates.
    group_projects: Vec<u32>,
    /// For each project, the groups that support it ([`Profile::supporters`]): project `p`'s
    /// are `supporter_groups[supporter_starts[p]..supporter_starts[p + 1]]`. One array for
    /// all projects rather than a `Vec` each: the lists of the large pabulib files are of
    /// dozens of different sizes of 10–100 KB, and the allocator put each size in a page of
    /// its own, in as many fresh 2 MB huge pages that the kernel had to clear (see
    /// docs/performance.md, "Warsaw equal shares, end to end").
    supporter_groups: Vec<u32>,
    supporter_starts: Vec<usize>,
    /// Per group, its projects as a set (bit `p` for project `p`), when the ballots were
    /// grouped as sets (approval or choose-1, at most 128 projects); empty otherwise. The
    /// grouping made them anyway; equal shares' traced run walks a paying group's projects
    /// still in the race with them (one read per group instead of two scattered ones, and
    /// only the projects whose money is still needed).
    group_sets: Vec<u128>,
}

impl Profile {
    pub fn new(election: &Election) -> Self {
        // Room for every ballot being distinct (Warsaw 2026: 51,202 of 61,668 are): the
        // table and the arrays then never grow and rehash or copy while grouping.
        let listed: usize = election.ballots.iter().map(|b| b.projects.len()).sum();
        let mut builder = ProfileBuilder::new(election, election.ballots.len(), listed);
        for ballot in &election.ballots {
            builder.add(&ballot.projects, &ballot.points);
        }
        builder.finish()
    }

    /// The groups that support project `p`, in increasing order.
    pub fn supporters(&self, p: usize) -> &[u32] {
        &self.supporter_groups[self.supporter_starts[p]..self.supporter_starts[p + 1]]
    }

    /// The groups' projects as sets (bit `p` for project `p`), one per group, or `None` when
    /// the ballots were not grouped as sets.
    pub(crate) fn group_sets(&self) -> Option<&[u128]> {
        (self.group_sets.len() == self.groups.len()).then_some(&self.group_sets[..])
    }

    /// The projects a group supports, sorted and without duplicates.
    pub fn group_projects(&self, group: &Group) -> &[u32] {
        let start = group.start as usize;
        &self.group_projects[start..start + group.len as usize]
    }
}

/// Builds a [`Profile`] one ballot at a time, so that a file can be read straight into its
/// groups ([`super::count::GroupedElection`]) without a list per ballot, with exactly the
/// result of [`Profile::new`] (which uses it too).
pub(crate) struct ProfileBuilder {
    vote_type: VoteType,
    top: i128,
    voters: u64,
    votes: Vec<u64>,
    /// Points are summed as integers when they are whole numbers (always, in practice):
    /// adding rationals one ballot at a time would reduce a fraction every time.
    whole_points: Vec<i128>,
    other_points: Vec<BigRational>,
    grouping: Grouping,
    scratch: Vec<u32>,
    /// Ballots are kept as sets of at most 128 projects, one bit each ([`Self::add_set`]):
    /// true for approval and choose-1 ballots (no points, so the order written does not
    /// matter) when the election has at most 128 projects. A set is what grouping needs
    /// (sorted, without repeats) without sorting or comparing lists, and it is hashed and
    /// compared as one number.
    sets: bool,
}

impl ProfileBuilder {
    /// For an election's projects and vote type, with room for `ballots` ballots naming
    /// `listed` projects in all (estimates: more are fine).
    pub(crate) fn new(election: &Election, ballots: usize, listed: usize) -> Self {
        let m = election.projects.len();
        let sets = matches!(election.vote_type, VoteType::Approval | VoteType::Choose1) && m <= 128;
        ProfileBuilder {
            vote_type: election.vote_type,
            top: i128::from(election.ordinal_top_points),
            voters: 0,
            votes: vec![0u64; m],
            whole_points: vec![0i128; m],
            other_points: vec![BigRational::zero(); m],
            grouping: Grouping {
                table: hashbrown::HashTable::with_capacity(ballots),
                groups: Vec::with_capacity(ballots),
                projects: Vec::with_capacity(listed),
                sets: Vec::with_capacity(if sets { ballots } else { 0 }),
                ..Grouping::default()
            },
            scratch: Vec::new(),
            sets,
        }
    }

    /// Whether ballots may be given as sets ([`Self::add_set`]).
    pub(crate) fn takes_sets(&self) -> bool {
        self.sets
    }

    /// One more voter whose ballot names exactly the projects whose bits are set (bit `p`
    /// for project `p`). Only when [`Self::takes_sets`]: the same as [`Self::add`] with
    /// those projects in any order.
    pub(crate) fn add_set(&mut self, set: u128) {
        self.voters += 1;
        let mut rest = set;
        while rest != 0 {
            self.votes[rest.trailing_zeros() as usize] += 1;
            rest &= rest - 1;
        }
        if set != 0 {
            self.grouping.add_set(set);
        }
    }

    /// One more voter per set, in this order, as [`Self::add_set`] for each, with the votes
    /// per project (bit number) of all of them already counted (by the thread that read
    /// them). Only when [`Self::takes_sets`].
    pub(crate) fn add_sets(&mut self, sets: &[u128], votes: &[u64; 128]) {
        self.voters += sets.len() as u64;
        for (total, &n) in self.votes.iter_mut().zip(votes) {
            *total += n;
        }
        for &set in sets {
            if set != 0 {
                self.grouping.add_set(set);
            }
        }
    }

    /// One more voter: the projects of the ballot in the order written, without repeats
    /// (empty for an empty ballot), and the points given to each (empty unless the ballots
    /// carry points).
    pub(crate) fn add(&mut self, projects: &[u32], points: &[Amount]) {
        self.voters += 1;
        if matches!(self.vote_type, VoteType::Approval | VoteType::Choose1) {
            // No points to add up: only the votes.
            for &p in projects {
                self.votes[p as usize] += 1;
            }
        } else {
            self.add_points(projects, points);
        }
        if projects.is_empty() {
            return;
        }
        if self.sets {
            // Every project number is below 128 here (`sets`); a set is grouped the same
            // way whichever path of the reader a ballot took.
            let set = projects
                .iter()
                .fold(0u128, |set, &p| set | 1u128.checked_shl(p).unwrap_or(0));
            self.grouping.add_set(set);
            return;
        }
        // Sort into a reused buffer: nothing is allocated for a ballot seen before.
        self.scratch.clear();
        self.scratch.extend_from_slice(projects);
        self.scratch.sort_unstable();
        self.scratch.dedup();
        self.grouping.add(&self.scratch);
    }

    /// The votes and points of a ballot with points or ranks.
    fn add_points(&mut self, projects: &[u32], points: &[Amount]) {
        for (pos, &p) in projects.iter().enumerate() {
            let p = p as usize;
            self.votes[p] += 1;
            match self.vote_type {
                VoteType::Approval | VoteType::Choose1 => {}
                VoteType::Cumulative | VoteType::Scoring => {
                    if let Some(v) = points.get(pos) {
                        match v.to_integer().to_i64().filter(|_| v.is_integer()) {
                            Some(i) => self.whole_points[p] += i128::from(i),
                            None => self.other_points[p] += v,
                        }
                    }
                }
                VoteType::Ordinal => self.whole_points[p] += self.top - pos as i128,
            }
        }
    }

    pub(crate) fn finish(self) -> Profile {
        let m = self.votes.len();
        let grouping = self.grouping;
        let points = (0..m)
            .map(|p| match self.vote_type {
                VoteType::Approval | VoteType::Choose1 => {
                    BigRational::from_integer(BigInt::from(self.votes[p]))
                }
                _ => {
                    BigRational::from_integer(BigInt::from(self.whole_points[p]))
                        + &self.other_points[p]
                }
            })
            .collect();
        // Each project's supporters are counted first, so that every list has its place in
        // the one array; then the groups are written in, in order.
        let mut supporter_starts = vec![0usize; m + 1];
        for &p in &grouping.projects {
            supporter_starts[p as usize + 1] += 1;
        }
        for p in 0..m {
            supporter_starts[p + 1] += supporter_starts[p];
        }
        let mut next = supporter_starts.clone();
        let mut supporter_groups = vec![0u32; grouping.projects.len()];
        for (g, group) in grouping.groups.iter().enumerate() {
            for &p in grouping.slice(group) {
                supporter_groups[next[p as usize]] = g as u32;
                next[p as usize] += 1;
            }
        }
        Profile {
            voter_count: self.voters,
            votes: self.votes,
            points,
            groups: grouping.groups,
            group_projects: grouping.projects,
            supporter_groups,
            supporter_starts,
            group_sets: grouping.sets,
        }
    }
}

/// Identical ballots found with one hash table of group numbers over the flat array (no
/// key of its own per group).
#[derive(Default)]
struct Grouping {
    hasher: foldhash::fast::RandomState,
    table: hashbrown::HashTable<u32>,
    groups: Vec<Group>,
    projects: Vec<u32>,
    /// Per group, its projects as a set, when ballots are grouped as sets.
    sets: Vec<u128>,
}

impl Grouping {
    fn slice(&self, group: &Group) -> &[u32] {
        let start = group.start as usize;
        &self.projects[start..start + group.len as usize]
    }

    /// Counts one more voter with exactly the projects of `set` (not empty). A builder uses
    /// either this or [`Grouping::add`], never both: the table holds the hashes of one kind.
    fn add_set(&mut self, set: u128) {
        let hash = self.hasher.hash_one(set);
        let (groups, sets) = (&mut self.groups, &self.sets);
        if let Some(&g) = self.table.find(hash, |&g| sets[g as usize] == set) {
            groups[g as usize].voters += 1;
            return;
        }
        let g = groups.len() as u32;
        groups.push(Group {
            start: self.projects.len() as u32,
            len: set.count_ones(),
            voters: 1,
        });
        // The bits from the lowest: the projects sorted, as a list would be.
        let mut rest = set;
        while rest != 0 {
            self.projects.push(rest.trailing_zeros());
            rest &= rest - 1;
        }
        self.sets.push(set);
        let (sets, hasher) = (&self.sets, &self.hasher);
        self.table
            .insert_unique(hash, g, |&g| hasher.hash_one(sets[g as usize]));
    }

    /// Counts one more voter with exactly these (sorted, distinct) projects.
    fn add(&mut self, ballot: &[u32]) {
        let hash = self.hasher.hash_one(ballot);
        let (groups, projects) = (&mut self.groups, &self.projects);
        let same = |&g: &u32| {
            let group = &groups[g as usize];
            let start = group.start as usize;
            &projects[start..start + group.len as usize] == ballot
        };
        if let Some(&g) = self.table.find(hash, same) {
            groups[g as usize].voters += 1;
            return;
        }
        let g = groups.len() as u32;
        groups.push(Group {
            start: projects.len() as u32,
            len: ballot.len() as u32,
            voters: 1,
        });
        self.projects.extend_from_slice(ballot);
        let (groups, projects, hasher) = (&self.groups, &self.projects, &self.hasher);
        self.table.insert_unique(hash, g, |&g| {
            let group = &groups[g as usize];
            let start = group.start as usize;
            hasher.hash_one(&projects[start..start + group.len as usize])
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::election::{Ballot, Project};

    fn election(ballots: &[&[u32]]) -> Election {
        Election {
            budget: BigRational::from_integer(100.into()),
            vote_type: VoteType::Approval,
            projects: (0..4)
                .map(|i| Project {
                    id: i.to_string(),
                    cost: BigRational::from_integer(10.into()),
                    name: None,
                    selected: None,
                })
                .collect(),
            ballots: ballots
                .iter()
                .map(|b| Ballot {
                    projects: b.to_vec(),
                    points: Vec::new(),
                })
                .collect(),
            meta_rule: None,
            currency: None,
            score_threshold: None,
            ordinal_top_points: 4,
            description: None,
        }
    }

    #[test]
    fn identical_ballots_in_any_order_make_one_group() {
        let e = election(&[&[2, 0], &[0, 2], &[1], &[], &[0, 2, 3], &[1]]);
        let profile = Profile::new(&e);
        let groups: Vec<(Vec<u32>, u64)> = profile
            .groups
            .iter()
            .map(|g| (profile.group_projects(g).to_vec(), g.voters))
            .collect();
        assert_eq!(
            groups,
            vec![(vec![0, 2], 2), (vec![1], 2), (vec![0, 2, 3], 1)]
        );
        assert_eq!(profile.voter_count, 6);
        assert_eq!(profile.votes, vec![3, 2, 3, 1]);
        let supporters: Vec<&[u32]> = (0..4).map(|p| profile.supporters(p)).collect();
        assert_eq!(supporters, vec![&[0, 2][..], &[1], &[0, 2], &[2]]);
    }
}
