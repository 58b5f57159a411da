//! Rounds on an embedded SQLite file: storing one ballot (the whole `cast` transaction:
//! code checks, ballot check, participation, ballot, choices, audit event) and closing a
//! round of 5,000 ballots (writing its `.pb` file, counting it, storing the result).
//!
//! `cargo bench --bench rounds`

use std::hint::black_box;
use std::time::Duration;

use burgerbegroting::config::Settings;
use burgerbegroting::domain::audit::Actor;
use burgerbegroting::domain::role::Role;
use burgerbegroting::domain::round::{BallotRule, CountRule, RoundId};
use burgerbegroting::domain::voting_code::VotingCode;
use burgerbegroting::service::rounds::{self as r, Channel, InitiativeInput, RoundInput};
use burgerbegroting::service::{ledger, voting_codes, Principal};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};

const PLANS: usize = 12;

fn admin() -> Principal {
    Principal {
        actor: Actor::User {
            id: "bench".into(),
            email: "bench@example.nl".into(),
        },
        roles: vec![Role::Admin],
        coordinator_areas: Vec::new(),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    pool: burgerbegroting::db::DbPool,
    slug: String,
    quarter: i32,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("dir");
        let settings = Settings {
            database_url: format!("sqlite://{}", dir.path().join("bench.db").display()),
            ..Settings::default()
        };
        let pool = burgerbegroting::startup::prepare_database(&settings).expect("pool");
        let mut c = pool.get().expect("conn");
        let area = ledger::create_area(&mut c, &admin(), "'t Loo", "dorp").expect("area");
        // Money for every round's winners: a funder's contribution is posted at once.
        let funder = ledger::create_funder(&mut c, &admin(), "Fonds", "housing_corporation")
            .expect("funder");
        let clerk = Principal {
            roles: vec![Role::FinanceClerk],
            ..admin()
        };
        ledger::propose_transfer(
            &mut c,
            &clerk,
            &ledger::TransferInput {
                id: uuid::Uuid::new_v4(),
                kind: Some(burgerbegroting::domain::ledger::TransferKind::FunderContribution),
                from_account: funder.account_id,
                to_account: area.account_id.clone(),
                amount_cents: 100_000_000_000,
                memo: "bench".into(),
                decision_ref: None,
            },
        )
        .expect("contribution");
        Fixture {
            _dir: dir,
            pool,
            slug: area.slug,
            quarter: 0,
        }
    }

    /// A new round in voting with PLANS plans (next quarter, next year after four).
    fn round(&mut self) -> (RoundId, Vec<String>, i32) {
        self.quarter += 1;
        let year = 2030 + (self.quarter - 1) / 4;
        let mut c = self.pool.get().expect("conn");
        let round = r::create_round(
            &mut c,
            &admin(),
            &RoundInput {
                area_slug: self.slug.clone(),
                year,
                quarter: (self.quarter - 1) % 4 + 1,
                title: "Bench".into(),
                budget_cents: 5_000_000,
                ballot_rule: BallotRule::Approval { max_choices: None },
                count_rule: CountRule::EqualShares,
                calendar: None,
            },
        )
        .expect("round");
        let mut plans = Vec::new();
        for i in 0..PLANS {
            let p = r::submit_initiative(
                &mut c,
                &admin(),
                &round.round.id,
                &InitiativeInput {
                    title: format!("Plan {i}"),
                    summary: "bench".into(),
                    amount_cents: 300_000 + 50_000 * i as i64,
                    taakveld: "5.7".into(),
                },
            )
            .expect("plan");
            nominate(&mut c, &p.id);
            plans.push(p.id.to_string());
        }
        r::open_voting(&mut c, &admin(), &round.round.id).expect("open");
        (round.round.id, plans, year)
    }

    fn codes(&self, year: i32, n: i32) -> Vec<VotingCode> {
        let mut c = self.pool.get().expect("conn");
        voting_codes::generate_batch(&mut c, &admin(), &self.slug, year, n)
            .expect("codes")
            .codes
    }
}

/// A ballot of 1 to 4 plans, spread so that the count has work to do.
fn choice(i: usize, plans: &[String]) -> Vec<String> {
    (0..1 + i % 4)
        .map(|k| plans[(i * 7 + k * 3) % plans.len()].clone())
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("rounds");
    g.sample_size(20).measurement_time(Duration::from_secs(20));

    let mut fx = Fixture::new();
    let (round, plans, year) = fx.round();
    let codes = fx.codes(year, 20_000);
    let mut next = 0usize;
    g.bench_function("cast one ballot (sqlite)", |b| {
        b.iter_batched(
            || {
                next += 1;
                (codes[next % codes.len()].handle().to_string(), next)
            },
            |(handle, i)| {
                let mut conn = fx.pool.get().expect("conn");
                // A code that already voted (after 20,000 iterations) is refused quickly;
                // criterion's sample counts stay far below that.
                black_box(r::cast(
                    &mut conn,
                    &Principal::resident(),
                    &round,
                    Channel::Online { handle: &handle },
                    &choice(i, &plans),
                ))
            },
            BatchSize::SmallInput,
        )
    });

    // One close per sample: each needs a fresh round of 5,000 ballots first (not timed).
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(1));
    let pool = fx.pool.clone();
    g.bench_function("close a round of 5000 ballots (sqlite, mes)", |b| {
        b.iter_batched(
            || {
                let (round, plans, year) = fx.round();
                let codes = fx.codes(year, 5_000);
                let mut conn = fx.pool.get().expect("conn");
                for (i, code) in codes.iter().enumerate() {
                    r::cast(
                        &mut conn,
                        &Principal::resident(),
                        &round,
                        Channel::Online {
                            handle: code.handle(),
                        },
                        &choice(i, &plans),
                    )
                    .expect("ballot");
                }
                round
            },
            |round| {
                let mut conn = pool.get().expect("conn");
                r::count_round(&mut conn, &admin(), &round).expect("count");
                black_box(r::close_round(&mut conn, &admin(), &round).expect("close"))
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

/// Nominates a plan the way a coordinator does: every criterion of the checklist met.
fn nominate(c: &mut burgerbegroting::db::DbConn, plan: &burgerbegroting::domain::round::PlanId) {
    use burgerbegroting::domain::review::{Decision, Verdict, VerdictInput};
    use burgerbegroting::service::plan_review as pr;
    let criteria = pr::review_page(c, &admin(), plan).expect("page").criteria;
    let input = pr::ReviewInput {
        decision: Decision::Nominate,
        verdicts: criteria
            .iter()
            .map(|_| VerdictInput {
                verdict: Some(Verdict::Meets),
                note: String::new(),
            })
            .collect(),
        taakveld: String::new(),
        amount_cents: None,
        explanation: String::new(),
        reason: String::new(),
    };
    pr::save_review(c, &admin(), plan, &input, Vec::new()).expect("nominate");
}
