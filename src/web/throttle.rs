//! Slowing guessing down. A failed attempt (a wrong access token, a refused sign-in)
//! waits before it is answered, longer with each failure of the same client; after a few
//! a client is turned away for a while, and many failures from everywhere at once slow
//! every failure down. Guessing a token then takes lifetimes instead of seconds.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures a client may make before it is turned away.
pub const LOCKOUT_AFTER: u32 = 5;
/// The first failure's wait; each further one doubles it, up to [`MAX_DELAY`].
const FIRST_DELAY: Duration = Duration::from_millis(50);
const MAX_DELAY: Duration = Duration::from_secs(2);
/// How long a client is turned away after [`LOCKOUT_AFTER`] failures; doubled for each
/// failure after that, up to a day.
const LOCKOUT: Duration = Duration::from_secs(30);
/// Failures are forgotten this long after a client's last one.
const FORGET: Duration = Duration::from_secs(3600);
/// Failures from all clients within a minute beyond which every failure waits a second more.
const OVERALL: usize = 50;

#[derive(Default)]
pub struct Throttle {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    clients: HashMap<String, Failures>,
    /// The times of the failures of the last minute, from every client.
    recent: VecDeque<Instant>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn locked_until(self) -> Option<Instant> {
        let over = self.count.checked_sub(LOCKOUT_AFTER)?;
        let lock = LOCKOUT
            .saturating_mul(1 << over.min(12))
            .min(Duration::from_secs(86_400));
        Some(self.last + lock)
    }
}

impl Throttle {
    /// How long `client` must still wait before it may try again, if it is turned away.
    pub fn locked(&self, client: &str) -> Option<Duration> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let until = state.clients.get(client)?.locked_until()?;
        until.checked_duration_since(Instant::now())
    }

    /// Records a failure of `client` and returns how long to wait before answering it.
    pub fn failed(&self, client: &str) -> Duration {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state
            .clients
            .retain(|_, f| now.duration_since(f.last) < FORGET);
        let f = state.clients.entry(client.to_string()).or_insert(Failures {
            count: 0,
            last: now,
        });
        f.count = f.count.saturating_add(1);
        f.last = now;
        let delay = FIRST_DELAY
            .saturating_mul(1 << (f.count - 1).min(10))
            .min(MAX_DELAY);
        while state
            .recent
            .front()
            .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(60))
        {
            state.recent.pop_front();
        }
        state.recent.push_back(now);
        if state.recent.len() > OVERALL {
            delay + Duration::from_secs(1)
        } else {
            delay
        }
    }

    /// Forgets `client`'s failures after it got in.
    pub fn succeeded(&self, client: &str) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.clients.remove(client);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_wait_longer_then_lock_the_client_out() {
        let t = Throttle::default();
        let waits: Vec<Duration> = (0..LOCKOUT_AFTER).map(|_| t.failed("a")).collect();
        assert_eq!(waits[0], FIRST_DELAY);
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
        let locked = t.locked("a").expect("locked out");
        assert!(locked > Duration::from_secs(25), "{locked:?}");
        // Another client is not locked out by this one.
        assert_eq!(t.locked("b"), None);
        assert_eq!(t.failed("b"), FIRST_DELAY);
        // One more failure doubles the lock-out.
        t.failed("a");
        assert!(t.locked("a").unwrap() > Duration::from_secs(55));
        t.succeeded("b");
        assert_eq!(t.failed("b"), FIRST_DELAY);
    }

    #[test]
    fn many_failures_from_everywhere_slow_every_failure() {
        let t = Throttle::default();
        for i in 0..OVERALL {
            t.failed(&format!("c{i}"));
        }
        assert_eq!(t.failed("fresh"), FIRST_DELAY + Duration::from_secs(1));
    }
}
