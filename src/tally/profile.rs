//! Ballots summed up for counting: how many voters support each project, their points, and
//! identical ballots merged into groups with a multiplicity. Merging is what makes counting
//! fast: Warsaw 2026 has 61,668 ballots but far fewer distinct ones, and MES only needs to know
//! which projects a voter supports.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use super::election::{Election, VoteType};
use super::number::Amount;

/// A set of voters with the same supported projects.
#[derive(Debug, Clone)]
pub struct Group {
    /// Supported projects, sorted and without duplicates.
    pub projects: Vec<u32>,
    /// Number of voters with exactly this ballot.
    pub voters: u64,
}

/// The counted profile of an election.
#[derive(Debug, Clone)]
pub struct Profile {
    /// All voters, including those who handed in an empty ballot.
    pub voter_count: u64,
    /// Voters who list the project on their ballot (whatever the points or rank).
    pub votes: Vec<u64>,
    /// Sum of points per project: 1 per approval, the points on cumulative/scoring ballots,
    /// `top − position` on ordinal ballots (the pabulib `score` convention).
    pub points: Vec<Amount>,
    /// Distinct non-empty ballots.
    pub groups: Vec<Group>,
    /// For each project, the groups that support it.
    pub supporters: Vec<Vec<u32>>,
}

impl Profile {
    pub fn new(election: &Election) -> Self {
        let m = election.projects.len();
        let mut votes = vec![0u64; m];
        // Points are summed as integers when they are whole numbers (always, in practice):
        // adding rationals one ballot at a time would reduce a fraction every time.
        let mut whole_points = vec![0i128; m];
        let mut other_points = vec![BigRational::zero(); m];
        // foldhash instead of SipHash: one lookup per ballot is most of the grouping's time.
        let mut group_of: foldhash::HashMap<Vec<u32>, usize> = foldhash::HashMap::default();
        let mut groups: Vec<Group> = Vec::new();
        let top = i128::from(election.ordinal_top_points);
        let mut scratch: Vec<u32> = Vec::new();
        for ballot in &election.ballots {
            for (pos, &p) in ballot.projects.iter().enumerate() {
                let p = p as usize;
                votes[p] += 1;
                match election.vote_type {
                    VoteType::Approval | VoteType::Choose1 => {}
                    VoteType::Cumulative | VoteType::Scoring => {
                        if let Some(v) = ballot.points.get(pos) {
                            match v.to_integer().to_i64().filter(|_| v.is_integer()) {
                                Some(i) => whole_points[p] += i128::from(i),
                                None => other_points[p] += v,
                            }
                        }
                    }
                    VoteType::Ordinal => whole_points[p] += top - pos as i128,
                }
            }
            if ballot.projects.is_empty() {
                continue;
            }
            // Sort into a reused buffer and look it up as a slice: a new Vec is only
            // allocated for a ballot not seen before.
            scratch.clear();
            scratch.extend_from_slice(&ballot.projects);
            scratch.sort_unstable();
            scratch.dedup();
            match group_of.get(scratch.as_slice()) {
                Some(&g) => groups[g].voters += 1,
                None => {
                    group_of.insert(scratch.clone(), groups.len());
                    groups.push(Group {
                        projects: scratch.clone(),
                        voters: 1,
                    });
                }
            }
        }
        let points = (0..m)
            .map(|p| match election.vote_type {
                VoteType::Approval | VoteType::Choose1 => {
                    BigRational::from_integer(BigInt::from(votes[p]))
                }
                _ => BigRational::from_integer(BigInt::from(whole_points[p])) + &other_points[p],
            })
            .collect();
        let mut supporters = vec![Vec::new(); m];
        for (g, group) in groups.iter().enumerate() {
            for &p in &group.projects {
                supporters[p as usize].push(g as u32);
            }
        }
        Profile {
            voter_count: election.voter_count(),
            votes,
            points,
            groups,
            supporters,
        }
    }
}
