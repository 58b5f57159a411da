//! Group commit for residents' ballots: ballots that arrive while another one is being
//! written wait, and are then written together, in one transaction under one take of the
//! write lock, each in a savepoint of its own, with one commit.
//!
//! Why: writes are serial (ADR 0002), so the ballot rate is one over the time a ballot
//! holds the lock. Alone, that time is mostly the commit (one fsync on SQLite with
//! `synchronous=FULL`, one WAL flush on PostgreSQL) and the hand-over of the lock to the
//! next writer's thread, which has to be woken first. Written together, a group pays for
//! these once. Each ballot still has its own checks and its own audit event, and no
//! resident is answered before the commit that holds their ballot: the durability is the
//! same. A ballot that is refused (the code already voted, a wrong choice) is refused
//! before it changes anything, so the others are kept without a savepoint around each
//! (on PostgreSQL a savepoint and its release were two round trips per write, a fifth of
//! a group's statements). When a write fails otherwise (the database, or a refusal after
//! a change), or the group's commit fails, every write of the group gets an error and
//! none is stored.
//!
//! The writer: the first ballot that finds no group being written leads: it writes what
//! waits (its own ballot first among it) on its own connection. Ballots arriving meanwhile
//! queue; when the leader is done it hands the lead to the oldest of them, which writes the
//! next group. Nothing waits on purpose: a ballot alone is written at once, as before.

use std::sync::Arc;

use parking_lot::{Condvar, Mutex};

use super::repo::audit::AuditTail;
use super::tx;
use super::DbConn;

/// One ballot (or any write of a resident's own) that can be written in a group.
pub trait GroupedWrite: Send {
    type Done: Send;
    type Error: From<diesel::result::Error> + Send;

    /// Writes it, inside the group's transaction; `version` is the round data version
    /// read under the lock (see [`tx::write_votes_at`]), `tail` the audit log's end as
    /// the group's transaction knows it: every audit event of the write must be appended
    /// through it (`audit::append_after`), so the group reads `max(seq)` once.
    fn write(
        self,
        conn: &mut DbConn,
        version: i64,
        tail: &mut AuditTail,
    ) -> Result<Self::Done, Self::Error>;

    /// Whether `error` is a refusal that `write` gave before it changed anything: the
    /// group then goes on without this write. Anything else fails the whole group (none
    /// of it is stored), so when unsure, answer false.
    fn refused_unchanged(error: &Self::Error) -> bool;
}

type Outcome<J> = Result<<J as GroupedWrite>::Done, <J as GroupedWrite>::Error>;

/// The most writes in one group (a group also waits for the slowest of its writes).
const MOST_AT_ONCE: usize = 64;

/// The queue of one database's grouped writes (kept in the application's state: a
/// group runs on one connection, so it must never mix databases).
pub struct GroupCommit<J: GroupedWrite> {
    queue: Mutex<Queue<J>>,
}

struct Queue<J: GroupedWrite> {
    waiting: Vec<(J, Arc<Slot<J>>)>,
    /// Someone is writing a group (or has been handed the lead and is waking up). While
    /// nobody leads, `waiting` is empty.
    leading: bool,
}

/// Where a waiting write learns its outcome, or that it leads the next group.
struct Slot<J: GroupedWrite> {
    turn: Mutex<Option<Turn<J>>>,
    ready: Condvar,
}

enum Turn<J: GroupedWrite> {
    Done(Outcome<J>),
    Lead,
}

impl<J: GroupedWrite> Default for GroupCommit<J> {
    fn default() -> Self {
        GroupCommit {
            queue: Mutex::new(Queue {
                waiting: Vec::new(),
                leading: false,
            }),
        }
    }
}

impl<J: GroupedWrite> Slot<J> {
    fn new() -> Arc<Self> {
        Arc::new(Slot {
            turn: Mutex::new(None),
            ready: Condvar::new(),
        })
    }

    fn set(&self, turn: Turn<J>) {
        *self.turn.lock() = Some(turn);
        self.ready.notify_one();
    }

    fn wait(&self) -> Turn<J> {
        let mut turn = self.turn.lock();
        loop {
            if let Some(t) = turn.take() {
                return t;
            }
            self.ready.wait(&mut turn);
        }
    }
}

impl<J: GroupedWrite> GroupCommit<J> {
    /// How many writes wait for a group now (tests, to know a group has formed).
    pub fn waiting(&self) -> usize {
        self.queue.lock().waiting.len()
    }

    /// Writes `job`, alone or in a group with the writes waiting at the same time, and
    /// returns its outcome once the transaction holding it has committed (or failed).
    pub fn write(&self, conn: &mut DbConn, job: J) -> Outcome<J> {
        let mine = Slot::new();
        {
            let mut queue = self.queue.lock();
            queue.waiting.push((job, mine.clone()));
            if queue.leading {
                drop(queue);
                match mine.wait() {
                    Turn::Done(outcome) => return outcome,
                    Turn::Lead => {}
                }
            } else {
                queue.leading = true;
            }
        }
        // This thread leads: its own write is the oldest waiting one, so it is in the group.
        let group: Vec<(J, Arc<Slot<J>>)> = {
            let mut queue = self.queue.lock();
            let n = queue.waiting.len().min(MOST_AT_ONCE);
            queue.waiting.drain(..n).collect()
        };
        let mut lead = Lead {
            commit: self,
            slots: Vec::with_capacity(group.len()),
        };
        let mut jobs = Vec::with_capacity(group.len());
        for (job, slot) in group {
            jobs.push(job);
            lead.slots.push(slot);
        }
        let outcomes = write_group(conn, jobs);
        let mut own = None;
        for (slot, outcome) in std::mem::take(&mut lead.slots).into_iter().zip(outcomes) {
            if Arc::ptr_eq(&slot, &mine) {
                own = Some(outcome);
            } else {
                slot.set(Turn::Done(outcome));
            }
        }
        drop(lead);
        own.unwrap_or_else(|| Err(stopped().into()))
    }
}

/// The leader's duty until it is done: on the way out (also if a write panicked) every
/// write of the group not yet answered gets an error, and the lead passes to the oldest
/// waiting write, or to nobody.
struct Lead<'a, J: GroupedWrite> {
    commit: &'a GroupCommit<J>,
    slots: Vec<Arc<Slot<J>>>,
}

impl<J: GroupedWrite> Drop for Lead<'_, J> {
    fn drop(&mut self) {
        for slot in self.slots.drain(..) {
            slot.set(Turn::Done(Err(stopped().into())));
        }
        let mut queue = self.commit.queue.lock();
        match queue.waiting.first() {
            Some((_, next)) => next.set(Turn::Lead),
            None => queue.leading = false,
        }
    }
}

/// The error of a write whose group did not finish (nothing of it was stored).
fn stopped() -> diesel::result::Error {
    diesel::result::Error::RollbackTransaction
}

/// Why a group stored nothing: one of its writes failed (its index and error), or the
/// database under the whole group (the lock, the commit).
enum GroupFailed<E> {
    Write(usize, E),
    Database(diesel::result::Error),
}

impl<E> From<diesel::result::Error> for GroupFailed<E> {
    fn from(e: diesel::result::Error) -> Self {
        GroupFailed::Database(e)
    }
}

/// One transaction for the group. A group of one is written exactly as before (a refusal
/// rolls the whole transaction back).
fn write_group<J: GroupedWrite>(conn: &mut DbConn, jobs: Vec<J>) -> Vec<Outcome<J>> {
    let n = jobs.len();
    if n == 1 {
        return jobs
            .into_iter()
            .map(|job| {
                tx::write_votes_at(conn, |c, version| {
                    job.write(c, version, &mut AuditTail::default())
                })
            })
            .collect();
    }
    let written = tx::write_votes_at(conn, |c, version| {
        let mut outcomes = Vec::with_capacity(n);
        // One for the transaction: a write that failed took the whole group with it, and
        // a refused one appended nothing.
        let mut tail = AuditTail::default();
        for (i, job) in jobs.into_iter().enumerate() {
            // No savepoint: a refused write has changed nothing (`refused_unchanged`).
            match job.write(c, version, &mut tail) {
                Ok(done) => outcomes.push(Ok(done)),
                Err(e) if J::refused_unchanged(&e) => outcomes.push(Err(e)),
                Err(e) => return Err(GroupFailed::Write(i, e)),
            }
        }
        Ok(outcomes)
    });
    match written {
        Ok(outcomes) => outcomes,
        Err(failed) => {
            // Nothing of the group was stored: the write that failed gets its own error
            // (or the first one the database's), the others that it stopped.
            let (at, error) = match failed {
                GroupFailed::Write(i, e) => (i, e),
                GroupFailed::Database(e) => (0, J::Error::from(e)),
            };
            let mut error = Some(error);
            (0..n)
                .map(|i| match (i == at).then(|| error.take()).flatten() {
                    Some(e) => Err(e),
                    None => Err(J::Error::from(stopped())),
                })
                .collect()
        }
    }
}
