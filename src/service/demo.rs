//! A realistic demo municipality: Oldebroek's villages, its 2025 budget from CBS open data
//! (Bron: CBS), staff accounts, some transfers done and one waiting for approval.

use uuid::Uuid;

use super::auth::add_user;
use super::ledger::{
    create_area, create_funder, decide_transfer, import_ledger, pools, propose_transfer,
    TransferInput,
};
use super::{Principal, ServiceError};
use crate::db::repo::users;
use crate::db::DbConn;
use crate::domain::audit::Actor;
use crate::domain::demo_ledger::demo_ledger_file;
use crate::domain::ledger::TransferKind;
use crate::domain::ledger_import::ImportOptions;
use crate::domain::role::Role;

/// A staff login made by the demo, printed once for the person starting it.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub role: Role,
    pub password: String,
}

fn demo_password() -> String {
    // 20 characters from an unambiguous alphabet, generated per demo database.
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..20)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect()
}

/// What the demo prints once: staff logins and a few unused voting codes.
#[derive(Debug, Clone)]
pub struct DemoSeed {
    pub logins: Vec<DemoLogin>,
    /// (area name, formatted code) of letters nobody has used yet.
    pub voting_codes: Vec<(String, String)>,
}

/// Fill an empty database. Returns None when it already holds data (the demo is then
/// served as it is).
pub fn seed(conn: &mut DbConn) -> Result<Option<DemoSeed>, ServiceError> {
    if !users::list(conn)?.is_empty() {
        return Ok(None);
    }
    let cli = Principal::cli();
    let mut logins = Vec::new();
    let mut principals = Vec::new();
    for (email, name, role) in [
        ("beheer@oldebroek.example", "Beheerder", Role::Admin),
        (
            "financien@oldebroek.example",
            "Fatima de Vries",
            Role::FinanceClerk,
        ),
        (
            "fiatteur@oldebroek.example",
            "Jan Bosch",
            Role::FinanceApprover,
        ),
        (
            "bewoner@oldebroek.example",
            "Henk van 't Loo",
            Role::Initiator,
        ),
        // Read-only: the council's dashboard, the report and the export bundle.
        ("raad@oldebroek.example", "Mirjam Jansen", Role::Council),
        (
            "stuurgroep@oldebroek.example",
            "Kees Hendriks",
            Role::SteeringGroup,
        ),
    ] {
        let password = demo_password();
        let user = add_user(conn, &cli, email, name, role, &password)?;
        principals.push(Principal {
            actor: Actor::User {
                id: user.id.clone(),
                email: user.email.clone(),
            },
            roles: vec![role],
            coordinator_areas: Vec::new(),
        });
        logins.push(DemoLogin {
            email: email.to_string(),
            role,
            password,
        });
    }
    let (admin, clerk, approver) = (&principals[0], &principals[1], &principals[2]);
    let initiator = principals[3].clone();

    create_funder(conn, admin, "Gemeente Oldebroek", "municipality")?;
    let corporation = create_funder(
        conn,
        admin,
        "Woonstichting Noord-Veluwe (demo)",
        "housing_corporation",
    )?;
    for (name, kind) in [
        ("'t Loo", "dorp"),
        ("Oosterwolde", "dorp"),
        ("Wezep", "dorp"),
        ("Hattemerbroek", "dorp"),
        ("Oldebroek", "dorp"),
        ("Noordeinde", "dorp"),
    ] {
        create_area(conn, admin, name, kind)?;
    }
    import_ledger(
        conn,
        clerk,
        "oldebroek-begroting-cbs.csv",
        demo_ledger_file(),
        &ImportOptions::default(),
    )?;

    let lines = super::ledger::list_budget_lines(conn, clerk, Some(2025))?;
    let find_line = |tv: &str| {
        lines
            .iter()
            .find(|l| l.taakveld == tv)
            .map(|l| l.account_id.clone())
            .ok_or(ServiceError::NotFound(crate::msg_key!(
                "error-missing-budget-line"
            )))
    };
    let groen = find_line("5.7")?;
    let wegen = find_line("2.1")?;
    let pools = pools(conn, clerk)?;
    let pool = |slug: &str| {
        pools
            .iter()
            .find(|p| p.slug == slug)
            .map(|p| p.account_id.clone())
            .ok_or(ServiceError::NotFound(crate::msg_key!(
                "error-missing-pool"
            )))
    };
    let done = [
        (
            groen.clone(),
            pool("t-loo")?,
            2_400_000,
            "Groenonderhoud 't Loo 2025 (burgerbegroting)",
        ),
        (
            groen,
            pool("oosterwolde")?,
            2_000_000,
            "Groenonderhoud Oosterwolde 2025 (burgerbegroting)",
        ),
    ];
    for (from, to, cents, memo) in done {
        let t = propose_transfer(
            conn,
            clerk,
            &TransferInput {
                id: Uuid::new_v4(),
                kind: Some(TransferKind::BudgetToPool),
                from_account: from,
                to_account: to,
                amount_cents: cents,
                memo: memo.into(),
                decision_ref: Some("RB 2024-112 burgerbegroting".into()),
            },
        )?;
        decide_transfer(conn, approver, &t.id, true, "Volgens raadsbesluit")?;
    }
    propose_transfer(
        conn,
        clerk,
        &TransferInput {
            id: Uuid::new_v4(),
            kind: Some(TransferKind::FunderContribution),
            from_account: corporation.account_id,
            to_account: pool("wezep")?,
            amount_cents: 500_000,
            memo: "Bijdrage leefbaarheid Wezep 2025".into(),
            decision_ref: None,
        },
    )?;
    propose_transfer(
        conn,
        clerk,
        &TransferInput {
            id: Uuid::new_v4(),
            kind: Some(TransferKind::BudgetToPool),
            from_account: wegen,
            to_account: pool("hattemerbroek")?,
            amount_cents: 750_000,
            memo: "Verkeersveiligheid rond de school, Smederij Q1".into(),
            decision_ref: Some("RB 2024-112 burgerbegroting".into()),
        },
    )?;
    let steering = principals[5].clone();
    let voting_codes = seed_rounds(conn, admin, &initiator, &steering, &mut logins)?;
    super::demo_money::seed_execution(
        conn,
        clerk,
        approver,
        &initiator,
        crate::config::Settings::default().payment_approval_threshold_cents,
    )?;
    Ok(Some(DemoSeed {
        logins,
        voting_codes,
    }))
}

/// Casts a demo ballot; a refusal stops the demo with its reason.
fn cast(
    conn: &mut DbConn,
    who: &Principal,
    round: &crate::domain::round::RoundId,
    channel: super::rounds::Channel<'_>,
    choice: &[String],
) -> Result<(), ServiceError> {
    use super::rounds::CastError;
    super::rounds::cast(conn, who, round, channel, choice)
        .map(|_| ())
        .map_err(|e| match e {
            CastError::Failed(e) => e,
            other => ServiceError::invalid(
                "demo",
                crate::domain::message::Msg::verbatim(other.to_string()),
            ),
        })
}

/// Rounds in three stages: 't Loo's summer round counted, its autumn round in voting,
/// and Oosterwolde open for plans. Returns three unused 't Loo codes to try voting with.
fn seed_rounds(
    conn: &mut DbConn,
    admin: &Principal,
    initiator: &Principal,
    steering: &Principal,
    logins: &mut Vec<DemoLogin>,
) -> Result<Vec<(String, String)>, ServiceError> {
    use super::demo_review::{correct, nominate, review, waiting_time, with_breakdown, Judgement};
    use super::rounds::{self as r, Channel, InitiativeInput, RoundInput};
    use crate::domain::review::Decision;
    use crate::domain::round::{BallotRule, CountRule};

    let password = demo_password();
    let email = "regisseur@oldebroek.example";
    let user = super::auth::add_user_in_area(
        conn,
        admin,
        email,
        "Anouk Mulder",
        Role::AreaCoordinator,
        Some("t-loo"),
        &password,
    )?;
    super::users::grant_role(
        conn,
        admin,
        &user.id,
        Role::AreaCoordinator,
        Some("oosterwolde"),
    )?;
    logins.push(DemoLogin {
        email: email.into(),
        role: Role::AreaCoordinator,
        password,
    });
    let mut coordinator = Principal {
        actor: Actor::User {
            id: user.id.clone(),
            email: user.email.clone(),
        },
        roles: vec![Role::AreaCoordinator],
        coordinator_areas: Vec::new(),
    };
    coordinator.coordinator_areas = crate::db::repo::ledger::list_areas(conn)?
        .into_iter()
        .filter(|a| a.slug == "t-loo" || a.slug == "oosterwolde")
        .map(|a| a.id)
        .collect();
    let year = 2026;
    let round = |quarter, title: &str, slug: &str, budget, ballot_rule, count_rule| RoundInput {
        area_slug: slug.into(),
        year,
        quarter,
        title: title.into(),
        budget_cents: budget,
        ballot_rule,
        count_rule,
        calendar: None,
    };
    // Dates around today, so the demo's phases hold whenever it is started: the
    // calendar of `serve` only moves a round once a date has passed.
    let today = r::today_nl(crate::db::repo::now());
    let day = |n: i64| {
        today
            .checked_add_signed(chrono::Duration::days(n))
            .unwrap_or(today)
    };
    let dates = |a: i64, b: i64, c: i64, d: i64, e: i64| {
        crate::domain::round::Calendar::new(day(a), day(b), day(c), day(d), day(e)).ok()
    };
    // Residents describe their plan; the coordinator assigns the taakveld at review.
    let plan = |title: &str, summary: &str, amount| InitiativeInput {
        title: title.into(),
        summary: summary.into(),
        amount_cents: amount,
        taakveld: String::new(),
    };
    let mut codes = super::voting_codes::generate_batch(conn, admin, "t-loo", year, 40)?.codes;

    // Summer: counted with equal shares.
    let summer = r::create_round(
        conn,
        &coordinator,
        &round(
            3,
            "Smederij zomer: groen en spelen",
            "t-loo",
            1_200_000,
            BallotRule::Approval {
                max_choices: Some(3),
            },
            CountRule::EqualShares,
        ),
    )?;
    let mut plans = Vec::new();
    for (title, summary, amount) in [
        (
            "Bloemenlint langs de Zuiderzeestraatweg",
            "Inheemse bloemen en bollen in de bermen, geplant door de buurt.",
            450_000,
        ),
        (
            "Speeltoestel voor peuters",
            "Een klimtoestel met valdempende ondergrond op het grasveld aan de Kerkweg.",
            600_000,
        ),
        (
            "Fruitbomen in het hofje",
            "Tien hoogstamfruitbomen; de buurtvereniging snoeit en oogst.",
            250_000,
        ),
        (
            "Nieuwe bestrating schoolplein",
            "Het schoolplein opnieuw bestraten.",
            1_100_000,
        ),
    ] {
        plans.push(r::submit_initiative(
            conn,
            initiator,
            &summer.round.id,
            &plan(title, summary, amount),
        )?);
    }
    // A plan with its cost breakdown, second on the list as before.
    plans.insert(
        1,
        with_breakdown(
            conn,
            initiator,
            &summer.round.id,
            "Jeu-de-boulesbaan bij het dorpshuis",
            "Een baan van 4 bij 15 meter met verlichting en twee bankjes.",
            &[
                ("Aanleg van de baan (4 bij 15 meter)", 520_000),
                ("Twee lantaarnpalen op zonne-energie", 180_000),
                ("Twee bankjes", 100_000),
            ],
        )?,
    );
    for p in &plans[..4] {
        nominate(conn, &coordinator, p, "5.7")?;
    }
    review(conn, &coordinator, &plans[4], &Judgement { decision: Decision::Reject, judged: 5, fails: &[(3, "Bestraten is regulier onderhoud van de school.")], taakveld: "5.7", reason: "Het schoolplein is van de school; dit is regulier onderhoud en past niet in de burgerbegroting." })?;
    // The initiator objected to the rejection; the steering group decided before voting
    // opened (a decided objection, public on the plan and round pages).
    let objection = super::objections::object_to_rejection(
        conn,
        initiator,
        &plans[4].id,
        "Op het schoolplein spelen na schooltijd alle kinderen van het dorp; het is meer dan onderhoud.",
    )?;
    super::objections::decide(
        conn,
        steering,
        &objection.id,
        "rejected",
        "Het plein is van de school en de school onderhoudt het. De afwijzing blijft staan; \
         vraag de school om het plein na schooltijd open te stellen.",
    )?;
    r::open_voting(conn, &coordinator, &summer.round.id)?;
    // 24 ballots: a realistic village spread over the four plans.
    let patterns: [&[usize]; 8] = [
        &[0, 3],
        &[1],
        &[2, 3],
        &[0, 2],
        &[1, 3],
        &[0],
        &[2],
        &[0, 1, 3],
    ];
    let used: Vec<_> = codes.drain(..24).collect();
    for (i, code) in used.iter().enumerate() {
        let choice: Vec<String> = patterns[i % patterns.len()]
            .iter()
            .map(|&k| plans[k].id.to_string())
            .collect();
        let resident = Principal::resident();
        let formatted = code.formatted();
        let (who, channel) = if i % 6 == 5 {
            (
                &coordinator,
                Channel::Paper {
                    code: &formatted,
                    assisted: i == 11,
                },
            )
        } else {
            (
                &resident,
                Channel::Online {
                    handle: code.handle(),
                },
            )
        };
        cast(conn, who, &summer.round.id, channel, &choice)?;
    }
    r::count_round(conn, &coordinator, &summer.round.id)?;
    // The summer round is history in the demo: its objection window is over. Committing
    // waits for that window, so 't Loo's window is 0 days while it closes, then 7 again
    // (both changes audited like any other).
    super::objections::set_window(conn, admin, "t-loo", 0)?;
    r::close_round(conn, &coordinator, &summer.round.id)?;
    super::objections::set_window(conn, admin, "t-loo", crate::domain::objection::DEFAULT_DAYS)?;

    // Autumn: voting now (opened by the coordinator on the last day of plans), knapsack
    // ballot, greedy count; the calendar counts it after the last voting day.
    let autumn = r::create_round(
        conn,
        &coordinator,
        &RoundInput {
            calendar: dates(-21, 0, 0, 0, 14),
            ..round(
                4,
                "Smederij najaar: veilig en gezellig",
                "t-loo",
                1_000_000,
                BallotRule::Knapsack,
                CountRule::Greedy,
            )
        },
    )?;
    for (title, summary, amount, tv) in [
        (
            "Verlichting fietspad naar Wezep",
            "Zes lantaarnpalen op zonne-energie langs het donkere stuk fietspad.",
            650_000,
            "2.1",
        ),
        (
            "Kerstmarkt op het dorpsplein",
            "Kraampjes, verlichting en een kerstboom voor de hele buurt.",
            200_000,
            "5.7",
        ),
        (
            "AED aan de gevel van het dorpshuis",
            "Een AED in een verwarmde kast, 24 uur per dag bereikbaar.",
            300_000,
            "1.2",
        ),
    ] {
        let p = r::submit_initiative(
            conn,
            initiator,
            &autumn.round.id,
            &plan(title, summary, amount),
        )?;
        nominate(conn, &coordinator, &p, tv)?;
    }
    r::open_voting(conn, &coordinator, &autumn.round.id)?;

    // Oosterwolde, spring: counted, waiting for the coordinator to commit the money.
    let spring = r::create_round(
        conn,
        &coordinator,
        &round(
            2,
            "Smederij Oosterwolde voorjaar",
            "oosterwolde",
            500_000,
            BallotRule::Approval {
                max_choices: Some(2),
            },
            CountRule::Greedy,
        ),
    )?;
    let mut spring_plans = Vec::new();
    for (title, summary, amount) in [
        (
            "Picknickbanken bij de vijver",
            "Vier picknickbanken van robiniahout.",
            240_000,
        ),
        (
            "Jeu-de-boulesbaan bij de kerk",
            "Een baan met een bank erbij.",
            300_000,
        ),
    ] {
        let p = r::submit_initiative(
            conn,
            initiator,
            &spring.round.id,
            &plan(title, summary, amount),
        )?;
        nominate(conn, &coordinator, &p, "5.7")?;
        spring_plans.push(p);
    }
    r::open_voting(conn, &coordinator, &spring.round.id)?;
    let oost_codes =
        super::voting_codes::generate_batch(conn, admin, "oosterwolde", year, 10)?.codes;
    for (i, code) in oost_codes.iter().take(5).enumerate() {
        let choice = vec![spring_plans[usize::from(i % 3 == 0)].id.to_string()];
        cast(
            conn,
            &Principal::resident(),
            &spring.round.id,
            Channel::Online {
                handle: code.handle(),
            },
            &choice,
        )?;
    }
    r::count_round(conn, &coordinator, &spring.round.id)?;

    // Oosterwolde, summer: in review (plans closed early by the coordinator), one plan
    // nominated after its amount was corrected, one judged on two of the five points.
    let in_review = r::create_round(
        conn,
        &coordinator,
        &RoundInput {
            calendar: dates(-30, 2, 9, 10, 24),
            ..round(
                3,
                "Smederij Oosterwolde zomer",
                "oosterwolde",
                600_000,
                BallotRule::Approval { max_choices: None },
                CountRule::EqualShares,
            )
        },
    )?;
    let waiting = [
        ("Zitbank bij de bushalte", "Een overdekte bank.", 150_000),
        (
            "Fietsenrek bij het dorpshuis",
            "Een rek voor twintig fietsen, met een afdak.",
            120_000,
        ),
        (
            "Bloembakken in de Dorpsstraat",
            "Twaalf bakken met vaste planten.",
            200_000,
        ),
    ]
    .into_iter()
    .map(|(t, d, a)| r::submit_initiative(conn, initiator, &in_review.round.id, &plan(t, d, a)))
    .collect::<Result<Vec<_>, _>>()?;
    let corrected = correct(
        conn,
        &coordinator,
        &waiting[0],
        135_000,
        "De offerte van de leverancier is lager uitgevallen: € 1.350,00 in plaats van € 1.500,00.",
    )?;
    nominate(conn, &coordinator, &corrected, "5.7")?;
    review(
        conn,
        &coordinator,
        &waiting[1],
        &Judgement {
            decision: Decision::Save,
            judged: 2,
            fails: &[],
            taakveld: "",
            reason: "",
        },
    )?;
    r::close_submissions(conn, &coordinator, &in_review.round.id)?;
    // The third plan rejected, and its initiator's objection waits for the steering
    // group: voting in this round does not open until it is decided.
    review(
        conn,
        &coordinator,
        &waiting[2],
        &Judgement {
            decision: Decision::Reject,
            judged: 5,
            fails: &[(3, "Bloembakken vragen elk jaar nieuw onderhoud.")],
            taakveld: "5.7",
            reason: "Bloembakken in de Dorpsstraat vragen elk jaar nieuw onderhoud; de burgerbegroting betaalt eenmalige plannen.",
        },
    )?;
    super::objections::object_to_rejection(
        conn,
        initiator,
        &waiting[2].id,
        "De buurt onderhoudt de bakken zelf; de gemeente hoeft er niets voor te doen.",
    )?;

    // Money put apart in Oosterwolde's pool.
    super::pool_holds::earmark(
        conn,
        &coordinator,
        "oosterwolde",
        250_000,
        "apart voor de speeltuin",
    )?;

    // Wezep: next year scheduled at once, four rounds with dates.
    r::schedule_year(
        conn,
        admin,
        &r::ScheduleInput {
            year: year + 1,
            quarters: vec![1, 2, 3, 4],
            areas: r::AreaChoice::Slugs(vec!["wezep".into()]),
            title: "Smederij Wezep".into(),
            budget_cents: 400_000,
            ballot_rule: BallotRule::Approval {
                max_choices: Some(3),
            },
            count_rule: CountRule::EqualShares,
            plan_weeks: 6,
            review_weeks: 2,
            voting_weeks: 2,
        },
    )?;

    // Oosterwolde, autumn: open for plans, one submitted, waiting for review.
    let open = r::create_round(
        conn,
        &coordinator,
        &RoundInput {
            calendar: dates(-7, 21, 35, 36, 49),
            ..round(
                4,
                "Smederij Oosterwolde najaar",
                "oosterwolde",
                800_000,
                BallotRule::Approval { max_choices: None },
                CountRule::Greedy,
            )
        },
    )?;
    r::submit_initiative(
        conn,
        initiator,
        &open.round.id,
        &plan(
            "Moestuin bij de basisschool",
            "Bakken, grond en gereedschap voor een schoolmoestuin die ouders en buren samen onderhouden.",
            350_000,
        ),
    )?;
    // 't Loo follows Hoogeveen: whoever got money for a plan waits twelve months.
    waiting_time(conn, admin, "t-loo", 12)?;

    Ok(codes
        .into_iter()
        .take(3)
        .map(|c| ("'t Loo".to_string(), c.formatted()))
        .collect())
}
