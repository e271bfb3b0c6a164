//! The hasher of the state-name maps (the validator's name index, the fast JSON reader's key index).
//!
//! Deterministic and cheap: eight bytes at a time, each word folded in with a 64×64→128-bit
//! multiply (the high and low halves xored), so that every input bit reaches the high bits
//! hashbrown takes its control bytes from. State names come from the user's own code or
//! definition files, so there is no adversary to resist; equal hashes of different names are
//! still handled exactly by the maps.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed by state names (or tuples holding them) with [`NameHasher`].
pub(crate) type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// The multiplier of the folded multiply (the fractional digits of π, odd).
const MUL: u64 = 0x243F_6A88_85A3_08D3;
/// The initial state (the fractional digits of e).
const SEED: u64 = 0xB7E1_5162_8AED_2A6B;

/// The hasher behind [`NameMap`] and [`name_hash`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(SEED)
    }
}

impl NameHasher {
    /// Folds one word into the state.
    #[inline]
    fn mix(&mut self, word: u64) {
        let m = u128::from(self.0 ^ word) * u128::from(MUL);
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

impl Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut buf = [0; 8];
            buf.copy_from_slice(w);
            self.mix(u64::from_le_bytes(buf));
        }
        let rest = words.remainder();
        // The length of the tail goes into its top byte, so that "a" and "a\0" differ.
        let mut buf = [0; 8];
        buf[..rest.len()].copy_from_slice(rest);
        buf[7] ^= rest.len() as u8;
        self.mix(u64::from_le_bytes(buf));
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        let mut h = *self;
        h.mix(MUL);
        h.0
    }
}

/// The hash of one name, for maps keyed by the hash itself.
pub(crate) fn name_hash(name: &str) -> u64 {
    let mut h = NameHasher::default();
    h.write(name.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::name_hash;
    use std::collections::HashSet;

    #[test]
    fn distinct_names_hash_apart() {
        let names: HashSet<String> = (0..10_000)
            .map(|i| format!("Step {i}"))
            .chain(["\0".into(), "a".into(), "a\0".into()])
            .chain((0..20).map(|n| "x".repeat(n)))
            .collect();
        let hashes: HashSet<u64> = names.iter().map(|n| name_hash(n)).collect();
        assert_eq!(hashes.len(), names.len());
    }
}
