//! Page data computed once per state of the ledger: the overview's figures, a report's
//! table, a projects listing, keyed by what the page was asked (its query and today's
//! date) and by the ledger's journal head (record number and hash) they were computed
//! at, each in one read snapshot. Every write appends a journal record, so a request
//! served from here gets a page made at the head it found when it came in or at a later
//! one — never an older state than a fresh computation would have shown it. What
//! differs per request (who is signed in, the form tokens) is never kept: it is added
//! when the page is rendered.
//!
//! One computation per page at a time: requests that miss the same page while it is
//! being made wait for it instead of making it again (after a write, a dozen readers of
//! the overview cost one computation, not a dozen). The computations themselves take
//! one of the heavy-work permits ([`Permits`], one per core), so that they cannot crowd
//! out the light pages; a page found kept needs no permit.

use crate::error::Result;
use crate::store::chain::Head;
use crate::store::Store;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// At most this many pages are kept (all of them at one journal head): the overview, a
/// few reports and listings. More distinct pages at one head start the set again, so
/// memory stays bounded whatever is asked (a report's table at 100,000 projects is a
/// few megabytes).
const KEPT: usize = 16;

/// The pages kept at one journal head.
#[derive(Default)]
pub struct PageCache {
    kept: Mutex<Kept>,
    /// One lock per page being made: the first request makes it, the others wait.
    making: Mutex<HashMap<String, Arc<Mutex<()>>>>,
    /// How many pages were made (not found kept), for tests and diagnostics.
    made: std::sync::atomic::AtomicU64,
}

#[derive(Default)]
struct Kept {
    head: Head,
    pages: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl PageCache {
    /// The page `key` as of the ledger's head now or later, with the head it was made
    /// at: a kept page made at this
    /// head or a later one, else made by `make` in one read snapshot of the ledger (and
    /// kept under that snapshot's head). A page made after the request came in is as
    /// fresh as one made for it; one made before it is never served.
    pub fn get_or_make<T: Any + Send + Sync>(
        &self,
        store: &Store,
        key: String,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<(Head, Arc<T>)> {
        let asked = store.journal_head(None)?;
        if let Some(hit) = self.lookup::<T>(store, &asked, &key)? {
            return Ok(hit);
        }
        let gate = self.gate(&key);
        let _making = gate.lock().unwrap_or_else(PoisonError::into_inner);
        // Made meanwhile, after this request came in, by the request it waited for?
        if let Some(hit) = self.lookup::<T>(store, &asked, &key)? {
            return Ok(hit);
        }
        self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (head, made) = store.snapshot(|s| {
            let head = s.journal_head(None)?;
            Ok((head, Arc::new(make()?)))
        })?;
        self.keep(
            head.clone(),
            key,
            Arc::clone(&made) as Arc<dyn Any + Send + Sync>,
        );
        Ok((head, made))
    }

    /// How many pages have been made rather than found kept.
    pub fn made(&self) -> u64 {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The lock of page `key` (made if none), dropping those no request holds.
    fn gate(&self, key: &str) -> Arc<Mutex<()>> {
        let mut making = self.making.lock().unwrap_or_else(PoisonError::into_inner);
        if making.len() >= KEPT {
            making.retain(|_, gate| Arc::strong_count(gate) > 1);
        }
        Arc::clone(making.entry(key.to_string()).or_default())
    }

    /// A kept page made at `asked` or at a later head of this same ledger, with that
    /// head. A later head is checked against the file: a ledger replaced under the
    /// server (`init --force`, a restored backup) has other records, and then nothing
    /// kept is served again.
    fn lookup<T: Any + Send + Sync>(
        &self,
        store: &Store,
        asked: &Head,
        key: &str,
    ) -> Result<Option<(Head, Arc<T>)>> {
        let found = {
            // A poisoned lock (a panic elsewhere while holding it) only means no cache.
            let Ok(kept) = self.kept.lock() else {
                return Ok(None);
            };
            let page = kept
                .pages
                .get(key)
                .and_then(|p| Arc::clone(p).downcast::<T>().ok());
            match page {
                Some(page) if kept.head.seq >= asked.seq => (kept.head.clone(), page),
                _ => return Ok(None),
            }
        };
        let (head, page) = found;
        if head == *asked || store.journal_head(Some(head.seq))? == head {
            return Ok(Some((head, page)));
        }
        if let Ok(mut kept) = self.kept.lock() {
            if kept.head == head {
                kept.pages.clear();
                kept.head = Head::default();
            }
        }
        Ok(None)
    }

    fn keep(&self, head: Head, key: String, page: Arc<dyn Any + Send + Sync>) {
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.head != head {
            // A later head was kept meanwhile: this page is the older one.
            if kept.head.seq > head.seq {
                return;
            }
            kept.pages.clear();
            kept.head = head;
        }
        if kept.pages.len() >= KEPT {
            kept.pages.clear();
        }
        kept.pages.insert(key, page);
    }
}

/// The permits for heavy work (one per core): the pages that are not kept wait for one
/// without holding a thread ([`Permits::wait`]); a kept page's computation, already on
/// the blocking pool, takes one there ([`Permits::take`]).
pub struct Permits(tokio::sync::Semaphore);

/// A permit taken from [`Permits`], given back when dropped.
pub type Permit<'p> = Option<tokio::sync::SemaphorePermit<'p>>;

impl Permits {
    pub fn new(n: usize) -> Permits {
        Permits(tokio::sync::Semaphore::new(n))
    }

    /// Waits for a permit in async code. (The semaphore is never closed, so this only
    /// waits; `None` would mean no limit.)
    pub async fn wait(&self) -> Permit<'_> {
        self.0.acquire().await.ok()
    }

    /// Waits for a permit on a thread of the blocking pool (never in async code).
    pub fn take(&self) -> Permit<'_> {
        tokio::runtime::Handle::current()
            .block_on(self.0.acquire())
            .ok()
    }
}
