//! Page data computed once per state of the ledger: the overview's figures, a report's
//! table, a projects listing, keyed by what the page was asked (its query and today's
//! date) and kept only while the ledger's journal head (record number and hash) is the
//! one they were computed at. Every write appends a journal record, so any write makes
//! every kept page stale; a page is kept only if no write landed while it was computed,
//! so it is exactly what a fresh computation at that head gives. What differs per
//! request (who is signed in, the form tokens) is never kept: it is added when the page
//! is rendered.

use crate::error::Result;
use crate::store::chain::Head;
use crate::store::Store;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// At most this many pages are kept (all of them at one journal head).
const KEPT: usize = 64;

/// The pages kept at one journal head.
#[derive(Default)]
pub struct PageCache {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    head: Head,
    pages: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl PageCache {
    /// The page `key` at the ledger's current head: kept, or made by `make` (and kept
    /// when the head did not move while it was made).
    pub fn get_or_make<T: Any + Send + Sync>(
        &self,
        store: &Store,
        key: String,
        make: impl FnOnce() -> Result<T>,
    ) -> Result<Arc<T>> {
        let before = store.journal_head(None)?;
        if let Some(hit) = self.lookup::<T>(&before, &key) {
            return Ok(hit);
        }
        let made = Arc::new(make()?);
        if store.journal_head(None)? == before {
            self.keep(before, key, Arc::clone(&made) as Arc<dyn Any + Send + Sync>);
        }
        Ok(made)
    }

    fn lookup<T: Any + Send + Sync>(&self, head: &Head, key: &str) -> Option<Arc<T>> {
        // A poisoned lock (a panic elsewhere while holding it) only means no cache.
        let kept = self.kept.lock().ok()?;
        if &kept.head != head {
            return None;
        }
        Arc::clone(kept.pages.get(key)?).downcast::<T>().ok()
    }

    fn keep(&self, head: Head, key: String, page: Arc<dyn Any + Send + Sync>) {
        let Ok(mut kept) = self.kept.lock() else {
            return;
        };
        if kept.head != head {
            // A later head was kept meanwhile: this page is the stale one.
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
