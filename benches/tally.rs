//! Counting speed on the largest real pabulib files and on generated elections.
//!
//! `cargo bench --bench tally` runs everything (a few minutes on 2 cores);
//! `cargo bench --bench tally -- real/` or `-- generated/voters` runs a part.
//! Real files are read from `tests/data/pabulib/real/`; missing files are skipped.

use std::hint::black_box;
use std::time::Duration;

use burgerbegroting::tally::{
    tally_profile, Ballot, Completion, Election, Profile, Project, Rule, TallyOptions, TieBreak,
    VoteType,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use num_bigint::BigInt;
use num_rational::BigRational;

const REAL_FILES: [&str; 5] = [
    "Poland_Warszawa_2026.pb",
    "Poland_Lodz_2022.pb",
    "Poland_Wroclaw_2015_150_-_500.pb",
    "Poland_Krakow_2024.pb",
    "Poland_Katowice_2023.pb",
];

fn rules() -> [(&'static str, TallyOptions); 3] {
    [
        (
            "greedy",
            TallyOptions::new(Rule::Greedy, Completion::None, TieBreak::Id),
        ),
        (
            "mes-cost",
            TallyOptions::new(Rule::MesCost, Completion::None, TieBreak::Id),
        ),
        (
            "mes-approval",
            TallyOptions::new(Rule::MesApproval, Completion::None, TieBreak::Id),
        ),
    ]
}

fn real_files(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pabulib/real/");
    let mut group = c.benchmark_group("real");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    for file in REAL_FILES {
        let Ok(text) = std::fs::read_to_string(format!("{dir}{file}")) else {
            eprintln!("skipping {file}: not found");
            continue;
        };
        group.bench_function(BenchmarkId::new("parse", file), |b| {
            b.iter(|| Election::parse(black_box(&text)).map(|e| e.ballots.len()))
        });
        let Ok(election) = Election::parse(&text) else {
            continue;
        };
        group.bench_function(BenchmarkId::new("profile", file), |b| {
            b.iter(|| Profile::new(black_box(&election)).groups.len())
        });
        let profile = Profile::new(&election);
        for (name, options) in rules() {
            group.bench_function(BenchmarkId::new(name, file), |b| {
                b.iter(|| {
                    tally_profile(black_box(&election), &profile, &options)
                        .map(|o| o.selected.len())
                })
            });
        }
    }
    // The completions that rerun MES many times, on the real MES elections.
    for (file, completion) in [
        (
            "Poland_Wieliczka_2023_Green_Budget.pb",
            Completion::Add1Last,
        ),
        ("Poland_Swiecie_2023.pb", Completion::Add1),
        ("Poland_Warszawa_2026.pb", Completion::Exh),
    ] {
        let Ok(text) = std::fs::read_to_string(format!("{dir}{file}")) else {
            continue;
        };
        let Ok(election) = Election::parse(&text) else {
            continue;
        };
        let profile = Profile::new(&election);
        let options = TallyOptions::new(Rule::MesCost, completion, TieBreak::Id);
        group.bench_function(
            BenchmarkId::new(format!("mes-cost+{}", completion.name()), file),
            |b| {
                b.iter(|| {
                    tally_profile(black_box(&election), &profile, &options)
                        .map(|o| o.selected.len())
                })
            },
        );
    }
    group.finish();
}

/// Small deterministic generator (xorshift64*), so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `voters` approval ballots over `projects` initiatives: 1–5 choices each, popular
/// initiatives chosen more often (so there are real winners and many distinct ballots).
/// Costs 10,000–500,000; budget = 30% of the total cost.
fn generated(voters: usize, projects: usize) -> Election {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (voters as u64) << 8 ^ projects as u64);
    let costs: Vec<u64> = (0..projects).map(|_| 10_000 + rng.below(490_000)).collect();
    let total: u64 = costs.iter().sum();
    let ballots = (0..voters)
        .map(|_| {
            let k = 1 + rng.below(5) as usize;
            let mut chosen: Vec<u32> = Vec::with_capacity(k);
            while chosen.len() < k.min(projects) {
                // Square of a uniform number: skewed towards low indices.
                let r = rng.below(projects as u64);
                let p = (r * r / projects as u64) as u32;
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            Ballot {
                projects: chosen,
                points: Vec::new(),
            }
        })
        .collect();
    Election {
        budget: BigRational::from_integer(BigInt::from(total * 3 / 10)),
        vote_type: VoteType::Approval,
        projects: costs
            .iter()
            .enumerate()
            .map(|(i, &c)| Project {
                id: format!("{}", i + 1),
                cost: BigRational::from_integer(BigInt::from(c)),
                name: None,
                selected: None,
            })
            .collect(),
        ballots,
        meta_rule: None,
        currency: None,
        score_threshold: None,
        ordinal_top_points: projects as u64,
        description: None,
    }
}

fn generated_elections(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .warm_up_time(Duration::from_secs(1));
    let sizes: Vec<(&str, usize, usize)> = vec![
        ("voters", 1_000, 100),
        ("voters", 10_000, 100),
        ("voters", 100_000, 100),
        ("voters", 1_000_000, 100),
        ("projects", 10_000, 20),
        ("projects", 10_000, 100),
        ("projects", 10_000, 500),
    ];
    for (axis, voters, projects) in sizes {
        let election = generated(voters, projects);
        let profile = Profile::new(&election);
        let label = format!("{voters}v_{projects}p");
        group.bench_function(BenchmarkId::new(format!("{axis}/profile"), &label), |b| {
            b.iter(|| Profile::new(black_box(&election)).groups.len())
        });
        for (name, options) in rules() {
            group.bench_function(BenchmarkId::new(format!("{axis}/{name}"), &label), |b| {
                b.iter(|| {
                    tally_profile(black_box(&election), &profile, &options)
                        .map(|o| o.selected.len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, real_files, generated_elections);
criterion_main!(benches);
