//! The in-memory store: payment methods, Payment Intents and idempotency records, bounded in
//! age (the TTL) and in number (the oldest go first), so a long load test cannot grow memory
//! without limit.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use bytes::Bytes;

use crate::idempotency::{Fingerprint, IdemKey};
use crate::intent::PaymentIntent;
use crate::payment_method::PaymentMethod;

/// A stored value and when it was stored.
#[derive(Debug)]
struct Stored<T> {
    at: Instant,
    value: T,
}

/// What an idempotency key holds: a request still being answered, or its answer.
#[derive(Debug, Clone)]
pub enum IdemRecord {
    /// The first request with this key is being answered.
    Pending(Fingerprint),
    /// The first answer, replayed for later requests with the same key and parameters.
    Done {
        /// The keyed hash of the first request.
        fingerprint: Fingerprint,
        /// Its status.
        status: u16,
        /// Its JSON body.
        body: Bytes,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Ref {
    Method(String),
    Intent(String),
    Idem(IdemKey),
}

#[derive(Debug, Default)]
struct Inner {
    methods: HashMap<String, Stored<PaymentMethod>>,
    intents: HashMap<String, Stored<PaymentIntent>>,
    idem: HashMap<IdemKey, Stored<IdemRecord>>,
    /// Every stored object once, oldest first.
    order: VecDeque<(Instant, Ref)>,
}

/// Counts of stored objects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Payment methods.
    pub payment_methods: usize,
    /// Payment Intents.
    pub payment_intents: usize,
    /// Idempotency records.
    pub idempotency_records: usize,
}

/// The store.
#[derive(Debug)]
pub struct Store {
    inner: Mutex<Inner>,
    ttl: Duration,
    max: usize,
}

impl Store {
    /// An empty store keeping objects for `ttl`, at most `max` of them.
    pub fn new(ttl: Duration, max: usize) -> Store {
        Store {
            inner: Mutex::new(Inner::default()),
            ttl,
            max: max.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere never leaves the maps half-updated in a way that matters here.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Stores a payment method.
    pub fn insert_method(&self, method: PaymentMethod) {
        let now = Instant::now();
        let mut inner = self.lock();
        let id = method.id.clone();
        inner.methods.insert(
            id.clone(),
            Stored {
                at: now,
                value: method,
            },
        );
        inner.order.push_back((now, Ref::Method(id)));
        self.trim(&mut inner, now);
    }

    /// A copy of a live payment method.
    pub fn method(&self, id: &str) -> Option<PaymentMethod> {
        let now = Instant::now();
        let mut inner = self.lock();
        self.trim(&mut inner, now);
        inner.methods.get(id).map(|s| s.value.clone())
    }

    /// Stores a Payment Intent.
    pub fn insert_intent(&self, intent: PaymentIntent) {
        let now = Instant::now();
        let mut inner = self.lock();
        let id = intent.id.clone();
        inner.intents.insert(
            id.clone(),
            Stored {
                at: now,
                value: intent,
            },
        );
        inner.order.push_back((now, Ref::Intent(id)));
        self.trim(&mut inner, now);
    }

    /// Runs `f` on a live Payment Intent; `None` when there is none.
    pub fn with_intent<R>(&self, id: &str, f: impl FnOnce(&mut PaymentIntent) -> R) -> Option<R> {
        let now = Instant::now();
        let mut inner = self.lock();
        self.trim(&mut inner, now);
        inner.intents.get_mut(id).map(|s| f(&mut s.value))
    }

    /// The record of an idempotency key; when there is none, `pending` is stored and `None`
    /// returned.
    pub fn idem_begin(&self, key: &IdemKey, pending: Fingerprint) -> Option<IdemRecord> {
        let now = Instant::now();
        let mut inner = self.lock();
        self.trim(&mut inner, now);
        if let Some(found) = inner.idem.get(key) {
            return Some(found.value.clone());
        }
        self.insert_idem(&mut inner, key, IdemRecord::Pending(pending), now);
        None
    }

    /// Records the answer to the first request with `key`.
    pub fn idem_finish(&self, key: &IdemKey, record: IdemRecord) {
        let now = Instant::now();
        let mut inner = self.lock();
        match inner.idem.get_mut(key) {
            Some(stored) => stored.value = record,
            // Evicted while being answered: store it anew.
            None => self.insert_idem(&mut inner, key, record, now),
        }
    }

    fn insert_idem(&self, inner: &mut Inner, key: &IdemKey, record: IdemRecord, now: Instant) {
        inner.idem.insert(
            key.clone(),
            Stored {
                at: now,
                value: record,
            },
        );
        inner.order.push_back((now, Ref::Idem(key.clone())));
        self.trim(inner, now);
    }

    /// Drops what is older than the TTL, then the oldest while there are too many.
    fn trim(&self, inner: &mut Inner, now: Instant) {
        while let Some((at, _)) = inner.order.front() {
            let expired = now.saturating_duration_since(*at) >= self.ttl;
            if !expired && inner.order.len() <= self.max {
                break;
            }
            if let Some((at, r)) = inner.order.pop_front() {
                // Remove the object only if this entry stands for it (an id stored twice keeps
                // the later entry).
                match r {
                    Ref::Method(id) => remove_if_at(&mut inner.methods, &id, at),
                    Ref::Intent(id) => remove_if_at(&mut inner.intents, &id, at),
                    Ref::Idem(key) => remove_if_at(&mut inner.idem, &key, at),
                }
            }
        }
    }

    /// How many objects of each kind are stored.
    pub fn counts(&self) -> Counts {
        let now = Instant::now();
        let mut inner = self.lock();
        self.trim(&mut inner, now);
        Counts {
            payment_methods: inner.methods.len(),
            payment_intents: inner.intents.len(),
            idempotency_records: inner.idem.len(),
        }
    }

    /// Forgets everything.
    pub fn clear(&self) {
        *self.lock() = Inner::default();
    }

    /// Every stored object, as `Debug` prints it (for tests that check what is kept).
    pub fn dump(&self) -> String {
        format!("{:#?}", *self.lock())
    }
}

fn remove_if_at<K, T>(map: &mut HashMap<K, Stored<T>>, key: &K, at: Instant)
where
    K: std::hash::Hash + Eq,
{
    if map.get(key).is_some_and(|s| s.at == at) {
        map.remove(key);
    }
}
