//! A fast hasher for the compiler's own tables (qstrs, constants, names): the multiply-rotate
//! hash rustc uses. The keys are short and come from source code the user controls, so the
//! standard library's DoS-resistant SipHash buys nothing here and costs a few percent of the
//! whole compile.

use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The multiply leaves the low bits of the hash depending only on the low bits of the
    /// words, i.e. on the first bytes of a key, and the hash tables pick a bucket from the low
    /// bits: names that differ only after their first bytes (`f1`, `f2`, ... `f99999`) would
    /// share a few buckets and make every look-up a long scan. The rotation brings the well
    /// mixed high bits down (as rustc-hash 2 does).
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

pub type FxBuildHasher = BuildHasherDefault<FxHasher>;
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    /// Keys differing only in their later bytes must still land in many different buckets
    /// (low bits), or a module of many similar names compiles in quadratic time.
    #[test]
    fn low_bits_depend_on_every_byte() {
        let build = FxBuildHasher::default();
        let buckets: FxHashSet<u64> =
            (0..4096).map(|i| build.hash_one(format!("f{i}").as_bytes()) & 0xfff).collect();
        assert!(buckets.len() > 2000, "{} of 4096 buckets used", buckets.len());
    }
}
