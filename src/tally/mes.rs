//! The Method of Equal Shares (MES), exactly as pabutools 1.2.3 computes it for approval-type
//! ballots (one utility value per project, shared by all its supporters).
//!
//! Every voter starts with the same share of the budget. In each round, every initiative that
//! its supporters can still pay for gets a price ρ: the smallest amount such that, if every
//! supporter pays ρ·u (or everything they have left when that is less), the cost is covered.
//! The initiative with the lowest ρ is funded, its supporters pay, and the next round starts.
//! It stops when no initiative can be paid by its own supporters any more.
//!
//! Speed without floats: voters are kept in *budget classes* (all voters whose money left is
//! the same number), and all money is stored as integers over one common denominator `D`,
//! which grows only when a payment needs a finer unit. Comparisons are then integer
//! comparisons; no rounding ever happens.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::number::Amount;
use super::profile::Profile;

/// Utility of a supporter for an initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Utility {
    /// u = cost of the initiative (pabutools `Cost_Sat`; "mes-cost").
    Cost,
    /// u = 1 (pabutools `Cardinality_Sat`; "mes-approval", equalshares.net's default).
    Approval,
}

/// What MES needs to know about the election.
pub(crate) struct MesSetup<'a> {
    pub profile: &'a Profile,
    pub costs: &'a [Amount],
    pub utility: Utility,
    /// Tie-break rank per project (lower wins).
    pub ranks: &'a [usize],
    /// Projects MES may fund: supported and with a positive cost.
    pub candidates: Vec<usize>,
}

/// One funded initiative.
#[derive(Debug, Clone)]
pub(crate) struct MesRound {
    pub project: usize,
    /// The most any supporter paid (ρ·u).
    pub max_payment: Amount,
    /// Supporters who still had money when it was funded.
    pub payers: u64,
    /// Of those, how many paid everything they had left.
    pub paying_all: u64,
    /// Other initiatives with exactly the same price that lost the tie-break.
    pub tied: Vec<usize>,
}

/// The outcome of one MES run.
#[derive(Debug, Clone, Default)]
pub(crate) struct MesRun {
    pub rounds: Vec<MesRound>,
    /// Only filled when tracing: for each unfunded candidate, after how many rounds its
    /// supporters no longer had enough money (0 = never had).
    pub dropped_after: Vec<Option<usize>>,
    /// Only filled when tracing: per unfunded candidate, its supporters' money when they could
    /// no longer pay for it.
    pub money_left: Vec<Option<Amount>>,
    /// Only filled when tracing: the first initiative that won a tie against this one.
    pub lost_tie_to: Vec<Option<usize>>,
}

impl MesRun {
    pub fn selected(&self) -> Vec<usize> {
        self.rounds.iter().map(|r| r.project).collect()
    }
}

/// A price ρ as an unreduced fraction; compared by cross-multiplication.
#[derive(Debug, Clone)]
struct Price {
    num: BigInt,
    den: BigInt,
}

impl Price {
    fn cmp(&self, other: &Price) -> std::cmp::Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }
}

/// The length of a number in 64-bit digits, its top digit and the next one.
type TopBits = (usize, u64, u64);

/// A key that orders non-negative numbers as they are ordered (money is never negative): the
/// number of 64-bit digits, then the top two of them. Numbers with the same key may still
/// differ further down, which is why the heap compares the numbers themselves after it.
fn top_bits(money: &BigInt) -> TopBits {
    let digits = money.iter_u64_digits();
    let len = digits.len();
    let mut from_top = digits.rev();
    let hi = from_top.next().unwrap_or(0);
    let lo = from_top.next().unwrap_or(0);
    (len, hi, lo)
}

/// Mutable state of a run: money per budget class, all over the common denominator
/// `scales.last()`.
///
/// The denominator is refined (multiplied) when a payment needs a finer unit. Rescaling
/// thousands of classes every round would dominate the run time, so a class remembers the
/// denominator version its numerator is written in and is brought up to date only when it is
/// next looked at.
struct State {
    /// Denominator history; the last one is current.
    scales: Vec<BigInt>,
    /// Budget numerator per class, over `scales[version[c]]`. Class 0 is "no money left".
    budget: Vec<BigInt>,
    version: Vec<u32>,
    size: Vec<u64>,
    group_class: Vec<u32>,
    /// Per project, its supporting groups that still have money, with their number of voters
    /// side by side (the inner loop reads both for every supporter; together they cost one
    /// memory access). A run's own copy: groups that ran out of money are dropped from it as
    /// we meet them, which makes later rounds (when most supporters have paid everything)
    /// much cheaper. Made from the profile when the project is first looked at (`range`):
    /// on Warsaw 2026 these lists are 4 MB, and building them once for the setup and then
    /// cloning them for the run was two copies (and their page faults) where one does.
    ///
    /// All lists are in this one array, each project's in its own stretch (`range`), with
    /// room reserved for all candidates' lists at the start: a `Vec` per project put dozens
    /// of blocks of different sizes (20–100 KB on Warsaw 2026) in as many pages of the
    /// allocator, and each page touched in a fresh 2 MB huge page made the kernel clear all
    /// of it (see docs/performance.md, "Warsaw equal shares, end to end").
    lists: Vec<(u32, u64)>,
    /// Per project, where its list is in `lists` (start, length); `None` until first looked at.
    range: Vec<Option<(usize, usize)>>,
    /// Scratch for [`State::price`]: the array of its heap of classes, and the classes with
    /// the same key (kept from one pricing to the next for the same reason as `lists`).
    heap: Vec<Reverse<(TopBits, u32)>>,
    same_top: Vec<u32>,
    /// Per version, the number its scale was multiplied by to make it (`refine[0]` = 1).
    refine: Vec<u64>,
    /// Cache of `scales.last() / scales[v]`, valid for the current version only.
    factor: Vec<Option<Factor>>,
    /// The classes and counts of the last [`State::keep_gathered`], and its project.
    kept: Vec<(u32, u64)>,
    kept_for: Option<usize>,
    /// Scratch: supporters per class for the project being looked at.
    count: Vec<u64>,
    touched: Vec<u32>,
    /// Tracing only: per project, the money its supporters have left (numerator over the
    /// current scale), kept up to date as each winner is paid: only the winner's supporters
    /// pay, so only the projects on their ballots change. Checking after every round whether
    /// a candidate's supporters can still pay for it is then one comparison instead of a
    /// pass over all its supporting groups.
    money: Option<Vec<BigInt>>,
    /// Tracing only: the projects whose `money` is still needed (candidates not yet funded
    /// nor found unaffordable). Paying walks the projects of every payer group; the money
    /// of a funded or dropped project is never read again, so its `BigInt` is not updated
    /// (on Warsaw 2026 most of the subtractions of a traced run were for such projects).
    in_race: Vec<bool>,
    /// Scratch for [`State::pay`]: per project, how many of its supporters paid the full
    /// payment (the others paid everything they had).
    paid_full: Vec<u64>,
    /// Cache of [`State::cost`] per project, for the current scale only.
    cost_at: Vec<Option<BigInt>>,
}

/// A number that brings a class's money to the current scale ([`State::normalize`]).
#[derive(Clone)]
enum Factor {
    Word(u64),
    Big(BigInt),
}

/// Result of pricing one initiative: `x / (k · scale)` is the payment per full-paying supporter.
struct Pricing {
    x: BigInt,
    k: u64,
}

impl State {
    fn new(setup: &MesSetup, per_voter: &Amount, trace: bool) -> Self {
        // Common denominator: the per-voter budget's and every candidate cost's.
        let mut scale = per_voter.denom().clone();
        for &p in &setup.candidates {
            scale = scale.lcm(setup.costs[p].denom());
        }
        let start = per_voter.numer() * (&scale / per_voter.denom());
        let groups = &setup.profile.groups;
        let voters: u64 = groups.iter().map(|g| g.voters).sum();
        let m = setup.costs.len();
        let money = trace.then(|| {
            (0..m)
                .map(|p| {
                    let list = setup.profile.supporters(p);
                    &start * list.iter().map(|&g| groups[g as usize].voters).sum::<u64>()
                })
                .collect()
        });
        let mut in_race = vec![false; m];
        if trace {
            for &p in &setup.candidates {
                in_race[p] = true;
            }
        }
        // Room for the classes made by the payments, so that the arrays per class do not
        // grow by doubling: each new size was a new block in a new page of the allocator
        // (see `lists`). As many as there are groups is plenty for the real files (Warsaw
        // 2026 ends with 12,631 classes for 51,202 groups); more are made room for as they
        // come.
        let classes = groups.len().min(1 << 20) + 2;
        let mut budget = Vec::with_capacity(classes);
        budget.extend([BigInt::zero(), start]);
        let mut version = Vec::with_capacity(classes);
        version.extend([0, 0]);
        let mut size = Vec::with_capacity(classes);
        size.extend([0, voters]);
        let mut count = Vec::with_capacity(classes);
        count.extend([0, 0]);
        State {
            scales: vec![scale],
            budget,
            version,
            size,
            group_class: vec![1; setup.profile.groups.len()],
            lists: Vec::with_capacity(
                setup
                    .candidates
                    .iter()
                    .map(|&p| setup.profile.supporters(p).len())
                    .sum(),
            ),
            range: vec![None; m],
            heap: Vec::new(),
            same_top: Vec::new(),
            refine: vec![1],
            factor: vec![None],
            count,
            touched: Vec::new(),
            kept: Vec::new(),
            kept_for: None,
            money,
            in_race,
            paid_full: vec![0; m],
            cost_at: vec![None; m],
        }
    }

    fn scale(&self) -> &BigInt {
        // `scales` is never empty (set in `new`, only pushed to).
        &self.scales[self.scales.len() - 1]
    }

    fn current_version(&self) -> u32 {
        (self.scales.len() - 1) as u32
    }

    /// Cost of `p` as a numerator over the current scale (kept until the scale changes:
    /// every candidate is priced in every round, and the division was a good part of that).
    fn cost(&mut self, setup: &MesSetup, p: usize) -> BigInt {
        if let Some(cost) = &self.cost_at[p] {
            return cost.clone();
        }
        let c = &setup.costs[p];
        // Costs are whole numbers in practice: no division then.
        let cost = if c.denom().is_one() {
            c.numer() * self.scale()
        } else {
            c.numer() * (self.scale() / c.denom())
        };
        self.cost_at[p] = Some(cost.clone());
        cost
    }

    /// `num / scale` in lowest terms, as `BigRational::new` makes it. The scale is the first
    /// one times the refinements (`refine`, machine words), so the common factors are found
    /// one word at a time (`num mod r`, then the gcd of two words) instead of by a gcd of
    /// two long numbers: each such gcd cost about 25,000 instructions on Warsaw 2026, made
    /// once per round and once per dropped project (4 M of a traced run). Dividing `num` by
    /// the common factor of each word in turn leaves no common factor: after a word `r`
    /// whose common factor with `num` was `h`, `num / h` and `r / h` have none, and later
    /// steps only divide `num`.
    fn over_scale(&self, num: BigInt) -> Amount {
        let Some(first) = self.scales[0].to_u64().filter(|&f| f != 0) else {
            return BigRational::new(num, self.scale().clone());
        };
        if num.is_zero() {
            return BigRational::zero();
        }
        let mut num = num;
        let mut den = BigInt::one();
        for &r in std::iter::once(&first).chain(&self.refine[1..]) {
            let rest = (num.magnitude() % r).to_u64().unwrap_or(0);
            let h = r.gcd(&rest);
            if h != 1 {
                num /= h;
            }
            den *= r / h;
        }
        BigRational::new_raw(num, den)
    }

    /// Brings class `c` to the current denominator.
    fn normalize(&mut self, c: usize) {
        let current = self.current_version();
        let v = self.version[c];
        if v == current {
            return;
        }
        if self.factor[v as usize].is_none() {
            // scale = scales[v] · refine[v + 1] · … · refine[current]: the factor is the
            // product of those (small) numbers, in one machine word while it fits.
            let mut factor = Factor::Word(1);
            for &r in &self.refine[v as usize + 1..] {
                factor = match factor {
                    Factor::Word(w) => match w.checked_mul(r) {
                        Some(product) => Factor::Word(product),
                        None => Factor::Big(BigInt::from(w) * r),
                    },
                    Factor::Big(b) => Factor::Big(b * r),
                };
            }
            self.factor[v as usize] = Some(factor);
        }
        match &self.factor[v as usize] {
            // Most classes are a version or two behind: multiplying by one word changes the
            // number in place, where a product of two `BigInt`s makes a new one.
            Some(Factor::Word(w)) => self.budget[c] *= *w,
            Some(Factor::Big(f)) => self.budget[c] *= f,
            None => {}
        }
        self.version[c] = current;
    }

    /// Collects the supporters of `p` per class (money-less class 0 left out) into
    /// `count`/`touched`. Budgets are brought to the current denominator only by the callers
    /// that need their values.
    fn gather(&mut self, setup: &MesSetup, p: usize) {
        self.touched.clear();
        let group_class = &self.group_class;
        let count = &mut self.count;
        let touched = &mut self.touched;
        let Some((start, len)) = self.range[p] else {
            // First look at `p` in this run: its list from the profile, keeping only the
            // groups that still have money (what the compaction below would keep).
            let from = setup.profile.supporters(p);
            let groups = &setup.profile.groups;
            let start = self.lists.len();
            for &g in from {
                let c = group_class[g as usize] as usize;
                if c == 0 {
                    continue;
                }
                let voters = groups[g as usize].voters;
                if count[c] == 0 {
                    touched.push(c as u32);
                }
                count[c] += voters;
                self.lists.push((g, voters));
            }
            self.range[p] = Some((start, self.lists.len() - start));
            return;
        };
        // Drop the groups without money from the list, in place (what `retain` does).
        let list = &mut self.lists[start..start + len];
        let mut kept = 0;
        for i in 0..list.len() {
            let (g, voters) = list[i];
            let c = group_class[g as usize] as usize;
            if c == 0 {
                continue;
            }
            if count[c] == 0 {
                touched.push(c as u32);
            }
            count[c] += voters;
            list[kept] = (g, voters);
            kept += 1;
        }
        self.range[p] = Some((start, kept));
    }

    /// Keeps what [`State::gather`] found for `p` (the best project of the round so far), for
    /// [`State::pay`] if `p` wins: gathering the winner's supporters again was a tenth of a
    /// run on Warsaw 2026.
    fn keep_gathered(&mut self, p: usize) {
        self.kept.clear();
        let count = &self.count;
        self.kept
            .extend(self.touched.iter().map(|&c| (c, count[c as usize])));
        self.kept_for = Some(p);
    }

    /// Brings every gathered class to the current denominator.
    fn normalize_touched(&mut self) {
        for i in 0..self.touched.len() {
            let c = self.touched[i] as usize;
            self.normalize(c);
        }
    }

    fn clear_counts(&mut self) {
        for &c in &self.touched {
            self.count[c as usize] = 0;
        }
    }

    /// Tracing only: the money of `p`'s supporters (numerator over the current scale).
    fn money_of(&mut self, setup: &MesSetup, p: usize) -> BigInt {
        match &self.money {
            Some(money) => money[p].clone(),
            // Not kept (a run without tracing): add it up.
            None => {
                self.gather(setup, p);
                self.normalize_touched();
                let mut total = BigInt::zero();
                for &c in &self.touched {
                    total += &self.budget[c as usize] * self.count[c as usize];
                }
                self.clear_counts();
                total
            }
        }
    }

    /// pabutools' affordability loop: supporters from poorest to richest; the first one who
    /// can pay the equal remaining share fixes the price. Call after [`State::gather`].
    /// `None` when all supporters together cannot pay `cost` (pabutools then drops the
    /// project for good: budgets only shrink).
    fn price(&mut self, cost: &BigInt) -> Option<Pricing> {
        self.normalize_touched();
        let (budget, count) = (&self.budget, &self.count);
        let mut k: u64 = self.touched.iter().map(|&c| count[c as usize]).sum();
        // Usually only the few poorest classes are looked at before the price is fixed: a
        // heap is built in linear time and gives them one by one, where sorting all of a
        // project's classes by money for every project in every round was a third of the
        // run. (Classes with the same money may come in either order: same price.)
        //
        // Each class goes in with its money's first 128 bits and length ([`top_bits`]), so
        // that the heap compares machine words only. Classes whose keys are equal (their
        // money may still differ further down) come out of the heap one after the other;
        // they are taken out together and put in the order of their money (`same_top`).
        // The heap's array is kept from one pricing to the next (`heap`).
        let mut buffer = std::mem::take(&mut self.heap);
        buffer.clear();
        buffer.extend(
            self.touched
                .iter()
                .map(|&c| Reverse((top_bits(&budget[c as usize]), c))),
        );
        let mut poorest = BinaryHeap::from(buffer);
        let mut same_top = std::mem::take(&mut self.same_top);
        // What is left to pay after the poorer classes paid all they had; the products are
        // made in one reused number instead of a new one each time.
        let mut rest = cost.clone();
        let mut product = BigInt::zero();
        let mut priced = None;
        'classes: while let Some(Reverse((top, first))) = poorest.pop() {
            same_top.clear();
            same_top.push(first);
            while let Some(&Reverse((next, c))) = poorest.peek() {
                if next != top {
                    break;
                }
                same_top.push(c);
                poorest.pop();
            }
            if same_top.len() > 1 {
                same_top.sort_unstable_by(|&a, &b| budget[a as usize].cmp(&budget[b as usize]));
            }
            for &c in &same_top {
                let money = &budget[c as usize];
                product.clone_from(money);
                product *= k;
                if rest <= product {
                    priced = Some(Pricing { x: rest, k });
                    break 'classes;
                }
                let n = count[c as usize];
                product.clone_from(money);
                product *= n;
                rest -= &product;
                k -= n;
            }
        }
        self.heap = poorest.into_vec();
        self.same_top = same_top;
        priced
    }

    /// `cost` is `p`'s, as [`State::cost`] gives it.
    fn price_ratio(&self, setup: &MesSetup, cost: &BigInt, pricing: &Pricing) -> Price {
        let k = BigInt::from(pricing.k);
        match setup.utility {
            // ρ = payment / 1
            Utility::Approval => Price {
                num: pricing.x.clone(),
                den: k * self.scale(),
            },
            // ρ = payment / cost = (x / (k·scale)) / (cost_num / scale)
            Utility::Cost => Price {
                num: pricing.x.clone(),
                den: k * cost,
            },
        }
    }

    /// Makes every supporter of `p` pay min(money left, x/(k·scale)).
    fn pay(&mut self, setup: &MesSetup, p: usize, pricing: &Pricing) -> (Amount, u64, u64) {
        // gcd(x, k) from x mod k: k is a count of voters (one machine word), and the gcd of
        // two words is much cheaper than that of two `BigInt`s.
        let x_mod_k = (pricing.x.magnitude() % pricing.k)
            .iter_u64_digits()
            .next()
            .unwrap_or(0);
        let g = pricing.k.gcd(&x_mod_k);
        let refine = pricing.k / g;
        let payment = &pricing.x / g;
        if refine != 1 {
            let next = self.scale() * refine;
            self.scales.push(next);
            self.refine.push(refine);
            self.factor = vec![None; self.scales.len()];
            self.cost_at.fill(None);
            if let Some(money) = &mut self.money {
                for m in money.iter_mut() {
                    *m *= refine;
                }
            }
        }
        let max_payment = self.over_scale(payment.clone());
        if self.kept_for == Some(p) {
            // As the pricing of `p` in this round gathered them: nothing was paid since, so
            // a new gathering would give the same classes and counts, in the same order.
            self.touched.clear();
            for &(c, n) in &self.kept {
                self.touched.push(c);
                self.count[c as usize] = n;
            }
        } else {
            self.gather(setup, p);
        }
        self.kept_for = None;
        self.normalize_touched();
        let current = self.current_version();
        let mut payers = 0u64;
        let mut paying_all = 0u64;
        let mut map: Vec<(u32, u32)> = Vec::with_capacity(self.touched.len());
        for i in 0..self.touched.len() {
            let c = self.touched[i] as usize;
            let n = self.count[c];
            payers += n;
            let new = if self.budget[c] <= payment {
                paying_all += n;
                self.size[c] -= n;
                self.size[0] += n;
                0
            } else if n == self.size[c] {
                // The whole class pays: change its money in place.
                self.budget[c] -= &payment;
                c as u32
            } else {
                self.size[c] -= n;
                let rest = &self.budget[c] - &payment;
                self.budget.push(rest);
                self.version.push(current);
                self.size.push(n);
                self.count.push(0);
                (self.budget.len() - 1) as u32
            };
            map.push((c as u32, new));
        }
        self.clear_counts();
        // Old class → new class for the supporters; reuse `count` as the lookup table
        // (stored +1 so that 0 still means "not a supporter class").
        for &(old, new) in &map {
            self.count[old as usize] = u64::from(new) + 1;
        }
        // The projects still in the race as a set, when the groups' projects are sets too:
        // a paying group's projects are then its set's bits within it, read with one access
        // per group instead of the group and then its stretch of the flat array (two
        // scattered reads, most of this loop's time on Warsaw 2026), and the projects out of
        // the race (whose money is never read again) are not walked at all.
        let sets = setup
            .profile
            .group_sets()
            .filter(|_| self.money.is_some() && self.in_race.len() <= 128);
        let race: u128 = self
            .in_race
            .iter()
            .enumerate()
            .filter(|&(_, &in_race)| in_race)
            .fold(0, |set, (q, _)| {
                set | 1u128.checked_shl(q as u32).unwrap_or(0)
            });
        let (start, len) = self.range[p].unwrap_or((0, 0));
        for i in start..start + len {
            let (g, voters) = self.lists[i];
            let c = self.group_class[g as usize] as usize;
            if c != 0 && self.count[c] != 0 {
                let new = (self.count[c] - 1) as u32;
                self.group_class[g as usize] = new;
                if let (Some(money), Some(sets)) = (&mut self.money, sets) {
                    // As below, over the group's projects in the race only (the others'
                    // `paid_full` was only ever cleared unread).
                    let mut rest = sets[g as usize] & race;
                    if new == 0 {
                        if rest != 0 {
                            let lost = &self.budget[c] * voters;
                            while rest != 0 {
                                money[rest.trailing_zeros() as usize] -= &lost;
                                rest &= rest - 1;
                            }
                        }
                    } else {
                        while rest != 0 {
                            self.paid_full[rest.trailing_zeros() as usize] += voters;
                            rest &= rest - 1;
                        }
                    }
                } else if let Some(money) = &mut self.money {
                    let group = &setup.profile.groups[g as usize];
                    let projects = setup.profile.group_projects(group);
                    if new == 0 {
                        // Paid everything it had: `budget[c]` is still its money before
                        // paying (a class that pays all is never changed in place).
                        // Only made when a project of the group is still in the race (on
                        // Warsaw 2026 for one group in ten).
                        let mut lost: Option<BigInt> = None;
                        for &q in projects {
                            if self.in_race[q as usize] {
                                let lost = lost.get_or_insert_with(|| &self.budget[c] * voters);
                                money[q as usize] -= &*lost;
                            }
                        }
                    } else {
                        for &q in projects {
                            self.paid_full[q as usize] += voters;
                        }
                    }
                }
            }
        }
        for &(old, _) in &map {
            self.count[old as usize] = 0;
        }
        if let Some(money) = &mut self.money {
            for (q, n) in self.paid_full.iter_mut().enumerate() {
                if *n != 0 {
                    if self.in_race[q] {
                        money[q] -= &payment * *n;
                    }
                    *n = 0;
                }
            }
        }
        (max_payment, payers, paying_all)
    }
}

/// Runs MES with `per_voter` money per voter. With `trace`, also records why unfunded
/// candidates were not funded (costs one extra pass per round).
pub(crate) fn run_mes(setup: &MesSetup, per_voter: &Amount, trace: bool) -> MesRun {
    let m = setup.costs.len();
    let mut run = MesRun::default();
    if trace {
        run.dropped_after = vec![None; m];
        run.money_left = vec![None; m];
        run.lost_tie_to = vec![None; m];
    }
    if setup.profile.voter_count == 0 || !per_voter.is_positive() {
        if trace {
            for &p in &setup.candidates {
                run.dropped_after[p] = Some(0);
                run.money_left[p] = Some(BigRational::zero());
            }
        }
        return run;
    }
    let mut state = State::new(setup, per_voter, trace);
    // Lower bound on each candidate's price (prices only go up as money is spent).
    let mut bound: Vec<Option<Price>> = vec![None; m];
    for &p in &setup.candidates {
        let votes = BigInt::from(setup.profile.votes[p]);
        bound[p] = Some(match setup.utility {
            Utility::Cost => Price {
                num: BigInt::one(),
                den: votes,
            },
            Utility::Approval => Price {
                num: setup.costs[p].numer().clone(),
                den: setup.costs[p].denom() * votes,
            },
        });
    }
    let mut alive: Vec<usize> = setup.candidates.clone();
    if trace {
        mark_dropped(setup, &mut state, &mut alive, &mut run, 0);
    }
    loop {
        alive.sort_by(|&a, &b| match (&bound[a], &bound[b]) {
            (Some(x), Some(y)) => x.cmp(y),
            _ => std::cmp::Ordering::Equal,
        });
        let mut best: Option<Price> = None;
        let mut tied: Vec<(usize, Pricing)> = Vec::new();
        let mut dead: Vec<usize> = Vec::new();
        for &p in &alive {
            // The lower bound is checked before the money: pabutools checks the money first
            // and drops unaffordable projects on the way, but a project past the bound cannot
            // win this round anyway and an unaffordable one stays unaffordable, so the
            // result is the same and we save gathering its supporters.
            if let (Some(b), Some(lb)) = (&best, &bound[p]) {
                if lb.cmp(b).is_gt() {
                    break;
                }
            }
            state.gather(setup, p);
            let cost = state.cost(setup, p);
            let priced = state.price(&cost);
            let Some(pricing) = priced else {
                state.clear_counts();
                dead.push(p);
                continue;
            };
            let price = state.price_ratio(setup, &cost, &pricing);
            let order = best.as_ref().map(|b| price.cmp(b));
            match order {
                None | Some(std::cmp::Ordering::Less) => {
                    state.keep_gathered(p);
                    best = Some(price.clone());
                    tied.clear();
                    tied.push((p, pricing));
                }
                Some(std::cmp::Ordering::Equal) => tied.push((p, pricing)),
                Some(std::cmp::Ordering::Greater) => {}
            }
            state.clear_counts();
            bound[p] = Some(price);
        }
        if trace {
            for &p in &dead {
                if run.dropped_after[p].is_none() {
                    run.dropped_after[p] = Some(run.rounds.len());
                }
            }
        }
        alive.retain(|p| !dead.contains(p));
        if tied.is_empty() {
            break;
        }
        tied.sort_by_key(|(p, _)| setup.ranks[*p]);
        let losers: Vec<usize> = tied.iter().skip(1).map(|(p, _)| *p).collect();
        let (winner, pricing) = tied.swap_remove(0);
        // Funded: its supporters' money is not looked at again.
        state.in_race[winner] = false;
        let (max_payment, payers, paying_all) = state.pay(setup, winner, &pricing);
        alive.retain(|&p| p != winner);
        if trace {
            for &l in &losers {
                if run.lost_tie_to[l].is_none() {
                    run.lost_tie_to[l] = Some(winner);
                }
            }
        }
        run.rounds.push(MesRound {
            project: winner,
            max_payment,
            payers,
            paying_all,
            tied: losers,
        });
        if trace {
            let round = run.rounds.len();
            mark_dropped(setup, &mut state, &mut alive, &mut run, round);
        }
    }
    if trace {
        let funded = run.selected();
        for &p in &setup.candidates {
            if funded.contains(&p) {
                continue;
            }
            if run.money_left[p].is_none() {
                let money = state.money_of(setup, p);
                run.money_left[p] = Some(state.over_scale(money));
            }
            if run.dropped_after[p].is_none() {
                run.dropped_after[p] = Some(run.rounds.len());
            }
        }
    }
    run
}

/// Tracing only: notes which candidates their supporters can no longer pay for.
fn mark_dropped(
    setup: &MesSetup,
    state: &mut State,
    alive: &mut Vec<usize>,
    run: &mut MesRun,
    round: usize,
) {
    alive.retain(|&p| {
        let cost = state.cost(setup, p);
        let money = state.money_of(setup, p);
        if money < cost {
            state.in_race[p] = false;
            run.dropped_after[p] = Some(round);
            run.money_left[p] = Some(state.over_scale(money));
            false
        } else {
            true
        }
    });
}
