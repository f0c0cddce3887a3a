//! A small, fast, non-cryptographic hasher for short keys (the rustc "Fx" hash), and an
//! id index over ids packed into fixed-size keys. Private helpers for hot paths over
//! large documents; no untrusted key can do more than slow a query down.

use std::hash::Hasher;

/// The Fx hasher.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (d, s) in word.iter_mut().zip(rest) {
                *d = *s;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn finish(&self) -> u64 {
        // Fx's multiply leaves the low bits depending only on the input's low bits, and
        // hash tables index by low bits: finish with a murmur3 avalanche.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

fn fx(text: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(text.as_bytes());
    h.add(text.len() as u64);
    h.finish()
}

/// An id packed into three words for compares without touching its text: ids of up
/// to [`SHORT_MAX`] bytes are stored whole (length in the top byte), so equal keys are
/// equal ids; a longer id keeps a hash and its length (top byte `0xff`), and equal keys
/// still need a text compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Key([u64; 3]);

const SHORT_MAX: usize = 23;
const LONG: u64 = 0xff << 56;

/// Up to 8 bytes, little-endian, from (possibly overlapping) loads instead of a byte loop.
fn word(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(w) = b.first_chunk::<8>() {
        u64::from_le_bytes(*w)
    } else if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << (8 * (n - 4))
    } else {
        // 0 to 3 bytes: first, middle and last (overlapping for short ones).
        let at = |i: usize| b.get(i).map_or(0, |&x| u64::from(x) << (8 * i));
        at(0) | at(n / 2) | at(n.saturating_sub(1))
    }
}

impl Key {
    fn of(text: &str) -> Self {
        let b = text.as_bytes();
        let n = b.len();
        if n <= SHORT_MAX {
            let (w0, rest) = b.split_at(n.min(8));
            let (w1, w2) = rest.split_at(rest.len().min(8));
            Self([word(w0), word(w1), word(w2) | (n as u64) << 56])
        } else {
            Self([fx(text), 0, LONG | (n as u64 & !LONG)])
        }
    }

    fn is_short(self) -> bool {
        self.0[2] & LONG != LONG
    }

    fn hash(self) -> u64 {
        let mut h = FxHasher::default();
        for w in self.0 {
            h.add(w);
        }
        h.finish()
    }
}

/// `(hash, index)` pairs stably sorted by the hash's top byte (a counting sort).
fn group_by_top_byte(hashes: &[(u64, u32)]) -> Vec<(u64, u32)> {
    let mut starts = [0usize; 257];
    for &(hash, _) in hashes {
        if let Some(c) = starts.get_mut((hash >> 56) as usize + 1) {
            *c += 1;
        }
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut grouped = vec![(0, 0); hashes.len()];
    for &pair in hashes {
        if let Some(at) = starts.get_mut((pair.0 >> 56) as usize) {
            if let Some(slot) = grouped.get_mut(*at) {
                *slot = pair;
            }
            *at += 1;
        }
    }
    grouped
}

/// Maps string ids to dense indices. Each id is kept as a packed [`Key`] (ids longer
/// than a key holds are also copied into an arena for the compare); the table is open
/// addressing over `u64` slots holding low hash bits beside the index, so a probe
/// touches one cache line and compares a key only when those bits match. A key's home
/// slot comes from the hash's top bits, so inserting keys grouped by those bits
/// ([`from_keys`](Self::from_keys)) walks the table region by region instead of at
/// random.
#[derive(Debug, Clone)]
pub(crate) struct IdIndex {
    keys: Vec<Key>,
    /// Long ids' text, found by index.
    long: Vec<(u32, Box<str>)>,
    /// `0` = empty, else `(hash << 32) | (index + 1)`.
    slots: Vec<u64>,
    /// `64 - log2(slots.len())`: a key's home slot is `hash >> shift`.
    shift: u32,
}

impl Default for IdIndex {
    fn default() -> Self {
        Self::with_capacity(0)
    }
}

const NONE: u32 = u32::MAX;
const LOW: u64 = 0xffff_ffff;
/// Above this many keys the table outgrows the caches and `from_keys` groups inserts.
const GROUPED_FROM: usize = 8192;

impl IdIndex {
    pub(crate) fn with_capacity(n: usize) -> Self {
        let size = (n.max(4) * 2).next_power_of_two();
        Self {
            keys: Vec::with_capacity(n),
            long: Vec::new(),
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// Indexes `keys` in order; also returns each duplicate's index beside the index of
    /// its first occurrence, in key order.
    pub(crate) fn from_keys<'k>(keys: impl Iterator<Item = &'k str>) -> (Self, Vec<(u32, u32)>) {
        let mut ix = Self::with_capacity(keys.size_hint().0);
        for key in keys {
            ix.append(key);
        }
        if ix.keys.len() * 2 > ix.slots.len() {
            // The size hint was short.
            let size = (ix.keys.len() * 2).next_power_of_two();
            ix.slots = vec![0; size];
            ix.shift = 64 - size.trailing_zeros();
        }
        let mut hashes: Vec<(u64, u32)> = (0u32..).zip(&ix.keys).map(|(i, k)| (k.hash(), i)).collect();
        if hashes.len() >= GROUPED_FROM {
            // A stable sort by the top byte (equal keys keep their order, so the first
            // occurrence is still the one indexed): inserts then walk the table region by
            // region instead of at random.
            hashes = group_by_top_byte(&hashes);
        }
        let mut duplicates = Vec::new();
        for (hash, i) in hashes {
            if let Some(earlier) = ix.insert(i, hash) {
                duplicates.push((i, earlier));
            }
        }
        duplicates.sort_unstable();
        (ix, duplicates)
    }

    /// Whether indexed key `i` is `key` (with `text`, for a long key).
    fn is(&self, i: u32, key: Key, text: &str) -> bool {
        self.keys.get(i as usize) == Some(&key) && (key.is_short() || self.long_text(i) == Some(text))
    }

    fn long_text(&self, i: u32) -> Option<&str> {
        let at = self.long.binary_search_by_key(&i, |(j, _)| *j).ok()?;
        self.long.get(at).map(|(_, t)| &**t)
    }

    /// The slot where `key` is, or the empty slot where it would go, and the found index.
    fn probe(&self, key: Key, text: &str, hash: u64) -> (usize, Option<u32>) {
        let mask = self.slots.len().wrapping_sub(1);
        let tag = hash << 32;
        let mut at = (hash >> self.shift) as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                None | Some(0) => return (at, None),
                Some(slot) => {
                    if slot & !LOW == tag {
                        let i = ((slot & LOW) as u32).wrapping_sub(1);
                        if self.is(i, key, text) {
                            return (at, Some(i));
                        }
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Packs `text` as the next index, without indexing it.
    fn append(&mut self, text: &str) -> u32 {
        let i = u32::try_from(self.keys.len()).unwrap_or(NONE);
        let key = Key::of(text);
        if !key.is_short() {
            self.long.push((i, text.into()));
        }
        self.keys.push(key);
        i
    }

    /// Indexes appended key `i`, unless an equal key is indexed already: returns that one.
    /// Key `i` itself is only read when a slot's hash bits match.
    fn insert(&mut self, i: u32, hash: u64) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let tag = hash << 32;
        let mut at = (hash >> self.shift) as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                None => return None,
                Some(0) => break,
                Some(slot) => {
                    let j = ((slot & LOW) as u32).wrapping_sub(1);
                    if slot & !LOW == tag && self.same(i, j) {
                        return Some(j);
                    }
                }
            }
            at = (at + 1) & mask;
        }
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = tag | (u64::from(i) + 1);
        }
        None
    }

    /// Whether indexed keys `i` and `j` are the same id.
    fn same(&self, i: u32, j: u32) -> bool {
        match self.keys.get(i as usize) {
            Some(&key) if key.is_short() => self.keys.get(j as usize) == Some(&key),
            Some(&key) => self.long_text(i).is_some_and(|text| self.is(j, key, text)),
            None => false,
        }
    }

    /// The index of `id`, if present (the first pushed, for duplicates).
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Key::of(id);
        self.probe(key, id, key.hash()).1
    }

    /// Adds `id` as the next index; returns the earlier index when `id` is already present
    /// (the new entry still takes an index, so indices stay dense; `get` keeps finding the
    /// earlier one).
    pub(crate) fn push(&mut self, id: &str) -> Option<u32> {
        if (self.keys.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let i = self.append(id);
        self.insert(i, self.keys.get(i as usize).copied().unwrap_or_default().hash())
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(8);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.shift = 64 - size.trailing_zeros();
        for slot in old.into_iter().filter(|&s| s != 0) {
            let i = ((slot & LOW) as u32).wrapping_sub(1);
            self.insert(i, self.keys.get(i as usize).copied().unwrap_or_default().hash());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_every_id_and_reports_duplicates() {
        let mut ix = IdIndex::with_capacity(4);
        assert_eq!(ix.push("a1"), None);
        assert_eq!(ix.push("a2"), None);
        assert_eq!(ix.push("a1"), Some(0));
        assert_eq!(ix.get("a2"), Some(1));
        assert_eq!(ix.get("a3"), None);
        assert_eq!(ix.get("a1"), Some(0), "the first of duplicates is found");
    }

    #[test]
    fn index_grows_past_its_capacity() {
        let mut ix = IdIndex::with_capacity(0);
        for i in 0..5000 {
            assert_eq!(ix.push(&format!("step-{i}")), None);
        }
        assert_eq!(ix.push("step-17"), Some(17));
        for i in 0..5000u32 {
            let id = format!("step-{i}");
            assert_eq!(ix.get(&id), Some(i));
        }
        assert_eq!(ix.get("step-5000"), None);
        assert_eq!(IdIndex::default().get("x"), None);
    }

    #[test]
    fn grouped_and_plain_indexing_agree() {
        for n in [10usize, GROUPED_FROM + 10] {
            let mut keys: Vec<String> = (0..n).map(|i| format!("k{i}")).collect();
            keys.push("k3".to_owned());
            keys.push("k7".to_owned());
            let (ix, dups) = IdIndex::from_keys(keys.iter().map(String::as_str));
            assert_eq!(dups, [(n as u32, 3), (n as u32 + 1, 7)], "{n} keys");
            for (i, k) in keys.iter().enumerate().take(n) {
                assert_eq!(ix.get(k), Some(i as u32));
            }
            assert_eq!(ix.get("nope"), None);
        }
        // An iterator that under-reports its length still gets a table large enough.
        let keys: Vec<String> = (0..100).map(|i| format!("k{i}")).collect();
        let (ix, _) = IdIndex::from_keys(keys.iter().map(String::as_str).filter(|_| true));
        assert!((0..100u32).all(|i| ix.get(&format!("k{i}")) == Some(i)));
    }

    #[test]
    fn packed_keys_are_equal_exactly_for_equal_short_ids() {
        // Every length around the word and short/long boundaries, and each one-byte
        // change of each: packing must keep them apart.
        let mut seen: std::collections::HashMap<[u64; 3], String> = std::collections::HashMap::new();
        for len in 0..=SHORT_MAX {
            let base = "abcdefghijklmnopqrstuvwxyz".get(..len).unwrap_or_default().to_owned();
            let mut texts = vec![base.clone()];
            for at in 0..len {
                let mut b = base.clone().into_bytes();
                b[at] = b'0';
                texts.push(String::from_utf8(b).unwrap());
            }
            for text in texts {
                let key = Key::of(&text);
                assert!(key.is_short(), "{text:?}");
                assert_eq!(key, Key::of(&text.clone()));
                if let Some(other) = seen.insert(key.0, text.clone()) {
                    assert_eq!(other, text, "two short ids packed alike");
                }
            }
        }
        assert!(!Key::of(&"x".repeat(SHORT_MAX + 1)).is_short());
        // Trailing zero bytes are not lost in the length.
        assert_ne!(Key::of("a"), Key::of("a\0"));
        assert_ne!(Key::of(""), Key::of("\0"));
    }

    #[test]
    fn long_ids_are_compared_by_text() {
        let long = |i: usize| format!("{}-{i}", "a-very-long-identifier-with-a-shared-prefix");
        let mut keys: Vec<String> = (0..100).map(long).collect();
        keys.push(long(42));
        keys.push("short".to_owned());
        let (mut ix, dups) = IdIndex::from_keys(keys.iter().map(String::as_str));
        assert_eq!(dups, [(100, 42)]);
        for i in 0..100u32 {
            assert_eq!(ix.get(&long(i as usize)), Some(i));
        }
        assert_eq!(ix.get("short"), Some(101));
        assert_eq!(ix.get(&long(100)), None);
        assert_eq!(ix.push(&long(7)), Some(7));
        assert_eq!(ix.push(&long(100)), None);
        assert_eq!(ix.get(&long(100)), Some(103));
    }

    #[test]
    fn similar_short_keys_spread() {
        // Home slots come from the top bits.
        let hash = |s: String| Key::of(&s).hash();
        let high: std::collections::HashSet<u64> = (0..1000).map(|i| hash(format!("a{i}")) >> 52).collect();
        assert!(high.len() > 700, "{} distinct high-bit patterns", high.len());
        // Keys differing only in later bytes must not share low hash bits.
        let low: std::collections::HashSet<u64> = (0..1000).map(|i| hash(format!("a{i}")) & 0xfff).collect();
        assert!(low.len() > 700, "{} distinct low-bit patterns", low.len());
    }
}
