//! A small, fast, non-cryptographic hasher for short keys (the rustc "Fx" hash), and an
//! id index whose keys live in one contiguous arena. Private helpers for hot paths over
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
    fn index_grows_past_its_capacity_and_hints_agree_with_lookups() {
        let mut ix = IdIndex::with_capacity(0);
        for i in 0..5000 {
            assert_eq!(ix.push(&format!("step-{i}")), None);
        }
        assert_eq!(ix.push("step-17"), Some(17));
        for i in 0..5000u32 {
            let id = format!("step-{i}");
            assert_eq!(ix.get(&id), Some(i));
            // Right, wrong and out-of-range hints all give the same answer.
            assert_eq!(ix.get_hinted(&id, [i, i + 1]), Some(i));
            assert_eq!(ix.get_hinted(&id, [i + 1, u32::MAX]), Some(i));
        }
        assert_eq!(ix.get_hinted("step-5000", [0, 1]), None);
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
    }

    #[test]
    fn similar_short_keys_spread() {
        // Home slots come from the top bits.
        let high: std::collections::HashSet<u64> = (0..1000).map(|i| fx(&format!("a{i}")) >> 52).collect();
        assert!(high.len() > 700, "{} distinct high-bit patterns", high.len());
        // Keys differing only in later bytes must not share low hash bits.
        let low: std::collections::HashSet<u64> = (0..1000).map(|i| fx(&format!("a{i}")) & 0xfff).collect();
        assert!(low.len() > 700, "{} distinct low-bit patterns", low.len());
    }
}

/// Maps string ids to dense indices. Keys are copied into one arena; the table is open
/// addressing over `u64` slots holding low hash bits beside the index, so a probe
/// touches one cache line and compares a key only when those bits match. A key's home
/// slot comes from the hash's top bits, so inserting keys grouped by those bits
/// ([`from_keys`](Self::from_keys)) walks the table region by region instead of at
/// random.
#[derive(Debug, Clone)]
pub(crate) struct IdIndex {
    arena: String,
    spans: Vec<(u32, u32)>,
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
            arena: String::with_capacity(n * 12),
            spans: Vec::with_capacity(n),
            slots: vec![0; size],
            shift: 64 - size.trailing_zeros(),
        }
    }

    /// Indexes `keys` in order; also returns each duplicate's index beside the index of
    /// its first occurrence, in key order.
    pub(crate) fn from_keys<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> (Self, Vec<(u32, u32)>) {
        let mut ix = Self::with_capacity(keys.len());
        let mut hashes: Vec<u64> = Vec::with_capacity(keys.len());
        for key in keys {
            ix.append(key);
            hashes.push(fx(key));
        }
        let mut duplicates = Vec::new();
        let mut insert = |ix: &mut Self, i: u32, hash: u64| {
            if let Some(earlier) = ix.insert(i, hash) {
                duplicates.push((i, earlier));
            }
        };
        if hashes.len() < GROUPED_FROM {
            for (i, &hash) in (0u32..).zip(&hashes) {
                insert(&mut ix, i, hash);
            }
        } else {
            // A stable counting sort by the top byte: equal keys keep their order, so
            // the first occurrence is still the one indexed.
            let mut starts = [0u32; 257];
            for &hash in &hashes {
                if let Some(c) = starts.get_mut((hash >> 56) as usize + 1) {
                    *c += 1;
                }
            }
            for b in 1..starts.len() {
                starts[b] += starts[b - 1];
            }
            let mut order = vec![0u32; hashes.len()];
            for (i, &hash) in (0u32..).zip(&hashes) {
                if let Some(at) = starts.get_mut((hash >> 56) as usize) {
                    if let Some(slot) = order.get_mut(*at as usize) {
                        *slot = i;
                    }
                    *at += 1;
                }
            }
            for i in order {
                if let Some(&hash) = hashes.get(i as usize) {
                    insert(&mut ix, i, hash);
                }
            }
            duplicates.sort_unstable();
        }
        (ix, duplicates)
    }

    fn key(&self, i: u32) -> &str {
        self.spans
            .get(i as usize)
            .and_then(|&(s, e)| self.arena.get(s as usize..e as usize))
            .unwrap_or("")
    }

    /// The slot where `id` is, or the empty slot where it would go, and the found index.
    fn probe(&self, id: &str, hash: u64) -> (usize, Option<u32>) {
        let mask = self.slots.len().wrapping_sub(1);
        let tag = hash << 32;
        let mut at = (hash >> self.shift) as usize & mask;
        loop {
            match self.slots.get(at).copied() {
                None | Some(0) => return (at, None),
                Some(slot) => {
                    if slot & !LOW == tag {
                        let i = ((slot & LOW) as u32).wrapping_sub(1);
                        if self.key(i) == id {
                            return (at, Some(i));
                        }
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// Copies `key` into the arena as the next index, without indexing it.
    fn append(&mut self, key: &str) -> u32 {
        let i = u32::try_from(self.spans.len()).unwrap_or(NONE);
        let start = u32::try_from(self.arena.len()).unwrap_or(NONE);
        self.arena.push_str(key);
        let end = u32::try_from(self.arena.len()).unwrap_or(NONE);
        self.spans.push((start, end));
        i
    }

    /// Indexes appended key `i`, unless an equal key is indexed already: returns that one.
    fn insert(&mut self, i: u32, hash: u64) -> Option<u32> {
        let (at, earlier) = self.probe(self.key(i), hash);
        if earlier.is_none() {
            if let Some(slot) = self.slots.get_mut(at) {
                *slot = (hash << 32) | (u64::from(i) + 1);
            }
        }
        earlier
    }

    /// The index of `id`, if present (the first pushed, for duplicates).
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(id, fx(id)).1
    }

    /// The index of `id`, trying the `hints` first (a string compare each, no hashing):
    /// resolving references that mostly follow the order keys were pushed in.
    pub(crate) fn get_hinted(&self, id: &str, hints: [u32; 2]) -> Option<u32> {
        hints
            .into_iter()
            .find(|&h| (h as usize) < self.spans.len() && self.key(h) == id)
            .or_else(|| self.get(id))
    }

    /// Adds `id` as the next index; returns the earlier index when `id` is already present
    /// (the new entry still takes an index, so indices stay dense; `get` keeps finding the
    /// earlier one).
    pub(crate) fn push(&mut self, id: &str) -> Option<u32> {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let i = self.append(id);
        self.insert(i, fx(id))
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(8);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        self.shift = 64 - size.trailing_zeros();
        for slot in old.into_iter().filter(|&s| s != 0) {
            let i = ((slot & LOW) as u32).wrapping_sub(1);
            self.insert(i, fx(self.key(i)));
        }
    }
}
