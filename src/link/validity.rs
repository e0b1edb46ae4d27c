//! Validity (tình trạng hiệu lực, SPEC §8): what state a notice is in on
//! each day, from its `effective` and `expires` dates and from the notices
//! that act on it (supersede, repeal, suspend, amend), each from its own
//! effective date.
//!
//! The states, strongest first: hết hiệu lực toàn bộ (superseded, wholly
//! repealed, or on and after `expires`), chưa có hiệu lực (before
//! `effective`), tạm ngưng hiệu lực (a suspension in effect: from the
//! suspending notice's effective date until its `expires`), hết hiệu lực
//! một phần (amended, or repealed in part), còn hiệu lực.

use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::link::citations::Citations;
use crate::model::notice::Notice;
use crate::model::relation::Relation;

/// A notice's state on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    NotYet,
    InForce,
    PartlyEnded,
    Suspended,
    Ended,
}

impl State {
    pub const ALL: [State; 5] = [
        State::InForce,
        State::PartlyEnded,
        State::Suspended,
        State::NotYet,
        State::Ended,
    ];

    /// Its name in URLs, CSS, `notices.json` and UI string keys
    /// (`validity_con-hieu-luc`).
    pub fn key(self) -> &'static str {
        match self {
            State::NotYet => "chua-co-hieu-luc",
            State::InForce => "con-hieu-luc",
            State::PartlyEnded => "het-hieu-luc-mot-phan",
            State::Suspended => "tam-ngung-hieu-luc",
            State::Ended => "het-hieu-luc-toan-bo",
        }
    }

    /// Its name in Vietnamese, as a term of the validity taxonomy.
    pub fn name(self) -> &'static str {
        match self {
            State::NotYet => "Chưa có hiệu lực",
            State::InForce => "Còn hiệu lực",
            State::PartlyEnded => "Hết hiệu lực một phần",
            State::Suspended => "Tạm ngưng hiệu lực",
            State::Ended => "Hết hiệu lực toàn bộ",
        }
    }

    /// schema.org's `LegalForceStatus` nearest to it.
    pub fn legal_force(self) -> &'static str {
        match self {
            State::InForce => "InForce",
            State::PartlyEnded => "PartiallyInForce",
            State::NotYet | State::Suspended | State::Ended => "NotInForce",
        }
    }
}

/// From a day on (or from always, `from` = `None`), one state, and what
/// brought it about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: Option<Date>,
    pub state: State,
    /// The notice that acted, and how; `None` for a state that follows
    /// from the notice's own dates.
    pub by: Option<(usize, Relation)>,
}

/// A notice's states over time: consecutive periods, the first from always.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validity {
    pub periods: Vec<Period>,
}

impl Validity {
    /// The period `day` falls in.
    pub fn on(&self, day: Date) -> &Period {
        self.periods
            .iter()
            .rev()
            .find(|period| period.from.is_none_or(|from| from <= day))
            .unwrap_or(&self.periods[0])
    }
}

/// An act of another notice on this one, in effect from `from` until
/// (not including) `until`.
struct Act {
    from: Date,
    until: Option<Date>,
    state: State,
    by: (usize, Relation),
}

/// The validity of every notice of the archive.
pub fn validities(notices: &[Arc<Notice>], citations: &Citations) -> Vec<Validity> {
    (0..notices.len())
        .into_par_iter()
        .map(|index| validity_of(notices, citations, index))
        .collect()
}

/// Works out notice `index`'s periods.
pub fn validity_of(notices: &[Arc<Notice>], citations: &Citations, index: usize) -> Validity {
    let front = &notices[index].front;
    let mut acts: Vec<Act> = Vec::new();
    for received in citations.received[index].iter() {
        let acting = &notices[received.from].front;
        let state = match (received.relation, received.part) {
            (Relation::Supersedes, _) | (Relation::Repeals, false) => State::Ended,
            (Relation::Suspends, _) => State::Suspended,
            (Relation::Amends, _) | (Relation::Repeals, true) => State::PartlyEnded,
            _ => continue,
        };
        let until = match state {
            State::Suspended => acting.expires,
            _ => None,
        };
        acts.push(Act {
            from: acting.effective,
            until,
            state,
            by: (received.from, received.relation),
        });
    }
    // Every day the state may change on.
    let mut days: Vec<Date> = vec![front.effective];
    days.extend(front.expires);
    for act in &acts {
        days.push(act.from);
        days.extend(act.until);
    }
    days.sort_unstable();
    days.dedup();

    let state_on = |day: Date| -> (State, Option<(usize, Relation)>) {
        let in_effect = |act: &&Act| act.from <= day && act.until.is_none_or(|until| day < until);
        // Of several acts of one kind, the first ended it; the latest
        // suspended or amended it.
        let of = |state: State| acts.iter().filter(in_effect).filter(move |act| act.state == state);
        let key = |act: &&Act| (act.from, act.by.0);
        if let Some(act) = of(State::Ended).min_by_key(key) {
            return (State::Ended, Some(act.by));
        }
        if front.expires.is_some_and(|expires| day >= expires) {
            return (State::Ended, None);
        }
        if day < front.effective {
            return (State::NotYet, None);
        }
        for state in [State::Suspended, State::PartlyEnded] {
            if let Some(act) = of(state).max_by_key(key) {
                return (state, Some(act.by));
            }
        }
        (State::InForce, None)
    };

    // Before the first of those days nothing has happened yet, not even
    // `effective` (one of them): not yet in force.
    let mut periods = vec![Period {
        from: None,
        state: State::NotYet,
        by: None,
    }];
    for day in days {
        let (state, by) = state_on(day);
        let last = periods.last().expect("one period at least");
        if (last.state, last.by) != (state, by) {
            periods.push(Period {
                from: Some(day),
                state,
                by,
            });
        }
    }
    Validity { periods }
}
