//! Admission: which connection gets a slot. Most slots are shared by
//! everyone, with a cap per peer address; a few are reserved for requests
//! that pass the server's gate (the workbench's token). A connection that
//! takes a reserved slot is on probation until its request passes the gate:
//! when the reserve is full, the newest arrival takes the place of the
//! oldest connection on probation (waiting for its head, or being refused),
//! so half-open or refused connections cannot hold the reserve against the
//! page's own requests (whose heads arrive at once and pass).
//!
//! A server with logins ([`Pass`]) also keeps slots for its sessions: a
//! connection whose request carries a live session moves out of the shared
//! and reserved slots into the sessions' own (at most `per_session` from one
//! session), where it stays while kept alive and is never cut for a
//! newcomer. So many users behind one address (a county's NAT) are limited
//! per session, not per address, and a client that is not logged in holds
//! at most the per-address share: a request without a session that came in
//! through the reserve stays on probation even once it passed the gate.

use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use super::Limits;

/// Where a connection's slot comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pool {
    /// The shared slots: `connections − reserved`, at most `per_peer` from
    /// one address.
    General,
    /// The reserved slots, taken when the shared ones are full (or the
    /// peer's share is); the head must pass the gate.
    Reserve,
    /// The sessions' slots: `sessions`, at most `per_session` from one
    /// session; entered once a request carried a live session.
    Session,
}

/// Who a request that passed the gate comes from (the server's
/// [`Handler::pass`](super::Handler::pass)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// A request of the server's own page (the workbench's token): it keeps
    /// its slot until it ends.
    Trusted,
    /// Nobody logged in (the login page, a login): it keeps a shared slot,
    /// but one that came in through the reserve stays on probation.
    Anonymous,
    /// A logged-in session (a number standing for it): its connection moves
    /// to the sessions' slots when there is room there.
    Session(u64),
}

/// How far a connection has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Its request has not passed the gate (yet): a reserved one may be cut.
    Probation,
    /// Its request passed the gate: it keeps its slot until it ends.
    Passed,
    /// A session's connection waiting for its next request: never cut for
    /// a newcomer (its idle deadline ends it).
    Waiting,
    /// Cut to make room; its thread has not ended yet.
    Cut,
}

/// One open connection.
#[derive(Debug)]
struct Entry<C> {
    id: u64,
    peer: IpAddr,
    pool: Pool,
    /// The session whose slot it holds (the sessions' pool only).
    session: Option<u64>,
    phase: Phase,
    /// What cuts the connection (a handle on its socket) while it may be cut.
    cutter: Option<C>,
}

/// The decision on a new connection.
#[derive(Debug)]
pub enum Admission<C> {
    /// No slot: answer 503 and close.
    Busy,
    /// A slot; `cut` is the connection that made room for it, to be cut by
    /// the caller.
    Admitted {
        /// The connection's number in the table.
        id: u64,
        /// Where its slot comes from.
        pool: Pool,
        /// The connection to cut, if one had to make room.
        cut: Option<C>,
    },
}

/// The open connections of one server. `C` cuts a connection (a clone of
/// its socket; `()` in tests).
#[derive(Debug)]
pub struct Table<C> {
    entries: Vec<Entry<C>>,
    next: u64,
    general: usize,
    per_peer: usize,
    reserved: usize,
    sessions: usize,
    per_session: usize,
}

impl<C> Table<C> {
    /// An empty table for `limits` (a reserve larger than the whole is
    /// taken as the whole).
    pub fn new(limits: &Limits) -> Table<C> {
        let reserved = limits.reserved.min(limits.connections);
        Table {
            entries: Vec::new(),
            next: 0,
            general: limits.connections - reserved,
            per_peer: limits.per_peer,
            reserved,
            sessions: limits.sessions,
            per_session: limits.per_session,
        }
    }

    /// Admits a connection from `peer`, or not; `cutter` is kept while it
    /// is on probation, in case it has to make room later.
    pub fn admit(&mut self, peer: IpAddr, cutter: C) -> Admission<C> {
        let live = |e: &&Entry<C>| e.phase != Phase::Cut;
        let general = self.count(|e| e.pool == Pool::General && live(&e));
        let from_peer = self.count(|e| e.pool == Pool::General && live(&e) && e.peer == peer);
        if general < self.general && from_peer < self.per_peer {
            return self.insert(peer, Pool::General, cutter, None);
        }
        let reserve = self.count(|e| e.pool == Pool::Reserve && live(&e));
        if reserve < self.reserved {
            return self.insert(peer, Pool::Reserve, cutter, None);
        }
        // The reserve is full: the oldest connection in it on probation
        // makes room, unless as many as the reserve are already being cut
        // (so the threads stay bounded).
        if self.cutting() >= self.reserved.max(1) {
            return Admission::Busy;
        }
        let oldest = self
            .entries
            .iter_mut()
            .filter(|e| e.pool == Pool::Reserve && e.phase == Phase::Probation)
            .min_by_key(|e| e.id);
        match oldest {
            Some(e) => {
                e.phase = Phase::Cut;
                let cut = e.cutter.take();
                self.insert(peer, Pool::Reserve, cutter, cut)
            }
            None => Admission::Busy,
        }
    }

    /// Records that the request of connection `id` passed the gate as
    /// `pass`: a trusted or session request can no longer be cut (a
    /// session's moves to the sessions' slots when there is room), an
    /// anonymous one only when it holds a shared slot. False when it was
    /// cut before.
    pub fn passed(&mut self, id: u64, pass: Pass) -> bool {
        let room = match pass {
            Pass::Session(key) => self.session_room(id, key),
            _ => false,
        };
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(e) if matches!(e.phase, Phase::Probation | Phase::Waiting) => {
                match pass {
                    Pass::Session(key) if room => {
                        e.pool = Pool::Session;
                        e.session = Some(key);
                    }
                    Pass::Anonymous if e.pool == Pool::Reserve => return true,
                    _ => {}
                }
                e.phase = Phase::Passed;
                e.cutter = None;
                true
            }
            _ => false,
        }
    }

    /// Whether connection `id` may hold a slot of session `key`: it holds
    /// one already, or the pool and the session's share have room.
    fn session_room(&self, id: u64, key: u64) -> bool {
        let live = |e: &Entry<C>| e.pool == Pool::Session && e.phase != Phase::Cut;
        if self
            .entries
            .iter()
            .any(|e| e.id == id && live(e) && e.session == Some(key))
        {
            return true;
        }
        self.count(live) < self.sessions
            && self.count(|e| live(e) && e.session == Some(key)) < self.per_session
    }

    /// Records that connection `id` answered its request and waits for the
    /// next one (keep-alive): a session's keeps its slot; any other is on
    /// probation again, `cutter` kept in case it has to make room. False
    /// when it was cut before.
    pub fn idle(&mut self, id: u64, cutter: C) -> bool {
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(e) if e.phase == Phase::Passed && e.pool == Pool::Session => {
                e.phase = Phase::Waiting;
                true
            }
            Some(e) if e.phase != Phase::Cut => {
                e.phase = Phase::Probation;
                e.cutter = Some(cutter);
                true
            }
            _ => false,
        }
    }

    /// Removes connection `id` (it has ended).
    pub fn leave(&mut self, id: u64) {
        self.entries.retain(|e| e.id != id);
    }

    /// How many connections were cut to make room and have not ended yet.
    pub fn cutting(&self) -> usize {
        self.count(|e| e.phase == Phase::Cut)
    }

    /// How many connections are in the table (cut ones included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn count(&self, f: impl Fn(&Entry<C>) -> bool) -> usize {
        self.entries.iter().filter(|e| f(e)).count()
    }

    fn insert(&mut self, peer: IpAddr, pool: Pool, cutter: C, cut: Option<C>) -> Admission<C> {
        let id = self.next;
        self.next += 1;
        self.entries.push(Entry {
            id,
            peer,
            pool,
            session: None,
            phase: Phase::Probation,
            cutter: Some(cutter),
        });
        Admission::Admitted { id, pool, cut }
    }
}

/// A table shared by the accept loop and the connection threads.
pub type Shared<C> = Arc<Mutex<Table<C>>>;

/// Locks a shared table; a panic in another thread does not poison it for
/// the others.
pub fn lock<C>(table: &Shared<C>) -> MutexGuard<'_, Table<C>> {
    table.lock().unwrap_or_else(|e| e.into_inner())
}

/// A connection's place in the table, given back when it ends.
#[derive(Debug)]
pub struct Ticket<C> {
    table: Shared<C>,
    id: u64,
}

impl<C> Ticket<C> {
    /// The ticket of connection `id` in `table`.
    pub fn new(table: &Shared<C>, id: u64) -> Ticket<C> {
        Ticket {
            table: Arc::clone(table),
            id,
        }
    }

    /// See [`Table::passed`].
    pub fn passed(&self, pass: Pass) -> bool {
        lock(&self.table).passed(self.id, pass)
    }

    /// See [`Table::idle`].
    pub fn idle(&self, cutter: C) -> bool {
        lock(&self.table).idle(self.id, cutter)
    }
}

impl<C> Drop for Ticket<C> {
    fn drop(&mut self) {
        lock(&self.table).leave(self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn limits(connections: usize, per_peer: usize, reserved: usize) -> Limits {
        Limits::for_tests(connections, per_peer, reserved, Duration::from_secs(5))
    }

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    /// Admits and returns (id, pool, which connection was cut).
    fn admit(t: &mut Table<u64>, peer: IpAddr, tag: u64) -> Option<(u64, Pool, Option<u64>)> {
        match t.admit(peer, tag) {
            Admission::Busy => None,
            Admission::Admitted { id, pool, cut } => Some((id, pool, cut)),
        }
    }

    #[test]
    fn each_peer_has_its_share() {
        let mut t = Table::new(&limits(8, 3, 0));
        for i in 0..3 {
            assert_eq!(admit(&mut t, ip(1), i).unwrap().1, Pool::General);
        }
        // The fourth from the same address is refused, others still come in.
        assert!(admit(&mut t, ip(1), 3).is_none());
        for i in 0..3 {
            assert!(admit(&mut t, ip(2), 10 + i).is_some());
        }
        assert!(admit(&mut t, ip(2), 13).is_none());
        assert!(admit(&mut t, ip(3), 20).is_some());
        assert!(admit(&mut t, ip(3), 21).is_some());
        // The whole is full (8): even a new address is refused.
        assert!(admit(&mut t, ip(4), 30).is_none());
        assert_eq!(t.len(), 8);
        // One leaves: its peer may come back.
        t.leave(0);
        assert!(admit(&mut t, ip(1), 4).is_some());
    }

    #[test]
    fn the_reserve_takes_the_overflow_and_the_oldest_waiting_makes_room() {
        let mut t = Table::new(&limits(6, 2, 2));
        // Two shared slots for 127.0.0.1, then the reserve.
        let pools: Vec<Pool> = (0..4).map(|i| admit(&mut t, ip(1), i).unwrap().1).collect();
        assert_eq!(
            pools,
            [Pool::General, Pool::General, Pool::Reserve, Pool::Reserve]
        );
        // The reserve is full of connections on probation: a
        // newcomer cuts the oldest of them (tag 2), then the next (tag 3).
        let (new1, pool, cut) = admit(&mut t, ip(1), 4).unwrap();
        assert_eq!((pool, cut), (Pool::Reserve, Some(2)));
        let (_, _, cut) = admit(&mut t, ip(1), 5).unwrap();
        assert_eq!(cut, Some(3));
        // As many being cut as the reserve holds: wait for them to end.
        assert_eq!(t.cutting(), 2);
        assert!(admit(&mut t, ip(1), 6).is_none());
        t.leave(2);
        t.leave(3);
        assert_eq!(t.cutting(), 0);
        // A reserved connection whose request passed the gate is never cut.
        assert!(t.passed(new1, Pass::Trusted));
        let (_, _, cut) = admit(&mut t, ip(1), 7).unwrap();
        assert_eq!(cut, Some(5));
        t.leave(5);
        // Now the reserve holds new1 (passed) and tag 7 (on probation): tag 7 goes.
        let (_, _, cut) = admit(&mut t, ip(1), 8).unwrap();
        assert_eq!(cut, Some(7));
    }

    #[test]
    fn a_cut_connection_cannot_go_on() {
        let mut t = Table::new(&limits(1, 1, 1));
        let (first, pool, _) = admit(&mut t, ip(1), 0).unwrap();
        assert_eq!(pool, Pool::Reserve);
        let (second, _, cut) = admit(&mut t, ip(1), 1).unwrap();
        assert_eq!(cut, Some(0));
        assert!(
            !t.passed(first, Pass::Trusted),
            "the cut one may not answer"
        );
        assert!(t.passed(second, Pass::Trusted));
        // The reserve is taken by a request: busy.
        t.leave(first);
        assert!(admit(&mut t, ip(1), 2).is_none());
        t.leave(second);
        assert!(t.is_empty());
    }

    #[test]
    fn sessions_leave_the_shared_slots_and_keep_their_own() {
        let mut t = Table::new(&Limits {
            sessions: 4,
            per_session: 2,
            ..limits(3, 2, 1)
        });
        // Two shared slots for the address, then the reserve's one.
        let a = admit(&mut t, ip(1), 0).unwrap().0;
        let b = admit(&mut t, ip(1), 1).unwrap().0;
        // Both carry sessions: they move to the sessions' slots, and the
        // address's share is free again.
        assert!(t.passed(a, Pass::Session(7)));
        assert!(t.passed(b, Pass::Session(8)));
        let (c, pool, _) = admit(&mut t, ip(1), 2).unwrap();
        assert_eq!(pool, Pool::General);
        // A kept session connection is never cut for a newcomer.
        assert!(t.idle(a, 0));
        let (d, pool, cut) = admit(&mut t, ip(1), 3).unwrap();
        assert_eq!((pool, cut), (Pool::General, None));
        // Session 7's second connection fits, its third does not (it stays
        // in its shared slot instead).
        assert!(t.passed(c, Pass::Session(7)));
        assert!(t.passed(d, Pass::Session(7)));
        let (e, _, _) = admit(&mut t, ip(1), 4).unwrap();
        assert!(t.passed(a, Pass::Session(7)), "its next request");
        assert_eq!(t.count(|x| x.pool == Pool::Session), 3);
        assert_eq!(t.count(|x| x.pool == Pool::General), 2);
        // An anonymous request in the reserve stays on probation: the next
        // newcomer cuts it.
        let (f, pool, _) = admit(&mut t, ip(1), 5).unwrap();
        assert_eq!(pool, Pool::Reserve);
        assert!(t.passed(f, Pass::Anonymous));
        let (_, _, cut) = admit(&mut t, ip(1), 6).unwrap();
        assert_eq!(cut, Some(5));
        // One that holds a shared slot keeps it.
        assert!(t.passed(e, Pass::Anonymous));
        assert!(!t.idle(f, 9), "cut");
    }

    #[test]
    fn without_a_reserve_a_full_server_is_busy() {
        let mut t = Table::new(&limits(2, 2, 0));
        assert!(admit(&mut t, ip(1), 0).is_some());
        assert!(admit(&mut t, ip(2), 1).is_some());
        assert!(admit(&mut t, ip(3), 2).is_none());
    }

    #[test]
    fn tickets_give_their_slot_back() {
        let table: Shared<u64> = Arc::new(Mutex::new(Table::new(&limits(1, 1, 0))));
        let Admission::Admitted { id, .. } = lock(&table).admit(ip(1), 0) else {
            panic!("admitted")
        };
        let ticket = Ticket::new(&table, id);
        assert!(matches!(lock(&table).admit(ip(1), 1), Admission::Busy));
        assert!(ticket.passed(Pass::Trusted));
        drop(ticket);
        assert!(lock(&table).is_empty());
    }
}
