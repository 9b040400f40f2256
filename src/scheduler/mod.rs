//! Scheduling, pure: SM-2, the mastery gate, day boundaries and the daily queue.
//! Nothing here reads a clock or a database; callers pass `today` and plain values.

pub mod day;
pub mod gate;
pub mod queue;
pub mod sm2;
pub mod state;

pub use day::{Clock, parse_now, review_day};
pub use gate::{MasteryRule, Progress};
pub use queue::Reason;
pub use sm2::{Grade, Sm2State};
pub use state::{CardState, DRILL_PASS_GRADE, LAST_DAY, Outcome, ReviewKind};
