//! A small, fast, non-cryptographic hasher for short keys (the rustc "Fx" hash), and an
//! id index whose keys live in one contiguous arena. Private helpers for hot paths over
//! large documents; no untrusted key can do more than slow a query down.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
        assert!(ix.get("a1").is_some());
    }

    #[test]
    fn similar_short_keys_spread() {
        // Keys differing only in later bytes must not share low hash bits.
        let low: std::collections::HashSet<u64> = (0..1000).map(|i| fx(&format!("a{i}")) & 0xfff).collect();
        assert!(low.len() > 700, "{} distinct low-bit patterns", low.len());
    }
}

/// Maps string ids to dense indices. Keys are copied into one arena, so lookups compare
/// against contiguous memory instead of chasing each key's own allocation.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    arena: String,
    spans: Vec<(u32, u32)>,
    /// hash → first index with that hash; further ones are chained through `next`.
    heads: HashMap<u64, u32, BuildHasherDefault<FxHasher>>,
    next: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl IdIndex {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            arena: String::with_capacity(n * 16),
            spans: Vec::with_capacity(n),
            heads: HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default()),
            next: Vec::with_capacity(n),
        }
    }

    fn key(&self, i: u32) -> &str {
        self.spans
            .get(i as usize)
            .and_then(|&(s, e)| self.arena.get(s as usize..e as usize))
            .unwrap_or("")
    }

    /// The index of `id`, if present.
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        let mut at = *self.heads.get(&fx(id))?;
        while at != NONE {
            if self.key(at) == id {
                return Some(at);
            }
            at = self.next.get(at as usize).copied().unwrap_or(NONE);
        }
        None
    }

    /// Adds `id` as the next index; returns the earlier index when `id` is already present
    /// (the new entry is still added, so indices stay dense).
    pub(crate) fn push(&mut self, id: &str) -> Option<u32> {
        let earlier = self.get(id);
        let i = u32::try_from(self.spans.len()).unwrap_or(NONE);
        let start = u32::try_from(self.arena.len()).unwrap_or(NONE);
        self.arena.push_str(id);
        let end = u32::try_from(self.arena.len()).unwrap_or(NONE);
        self.spans.push((start, end));
        let head = self.heads.entry(fx(id)).or_insert(NONE);
        self.next.push(*head);
        *head = i;
        earlier
    }
}
