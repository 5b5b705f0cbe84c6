//! Byte access to constant data that may live in word-addressed flash.
//!
//! On the ESP8266, data placed in the memory-mapped flash window (`.irom0.text`) may only be read
//! with aligned 32-bit loads. [`RomBytes`] is a byte view that reads its bytes that way: each
//! byte is shifted out of a `read_volatile` of the aligned `u32` that contains it. The load is
//! volatile so that the optimiser cannot narrow it into a byte load, and the byte is taken out
//! with shifts in registers, so the code of a word-mode read contains no byte load at all (check
//! with `xtensa-lx106-elf-objdump -d`: `l8ui`/`l16ui` may only touch RAM such as the stack or a
//! `&str` argument).
//!
//! Reading a whole word touches up to three bytes on either side of a view, so a view over flash
//! may only be made of memory that is 4-byte aligned and whose size is a multiple of 4, with
//! every byte initialised: an [`Aligned`] value (or a `[u32]`). Views over ordinary memory
//! ([`RomBytes::from_ram`]) read their bytes with plain loads and may be made of any `&[u8]`.

use core::cmp::Ordering;
use core::marker::PhantomData;

/// Bytes stored 4-byte aligned, `N` a multiple of 4, as flash data must be.
///
/// Pad the data with zeros to a multiple of 4 ([`Aligned::padded`] does it) and view the
/// meaningful prefix:
///
/// ```
/// use freeze_runtime::{padded_len, Aligned, RomBytes};
/// const DATA: &[u8] = b"hello";
/// // on the ESP8266: #[link_section = ".irom0.text"]
/// static STORE: Aligned<{ padded_len(DATA.len()) }> = Aligned::padded(DATA);
/// static HELLO: RomBytes<'static> = STORE.bytes().slice(0, DATA.len());
/// assert!(HELLO.eq_bytes(b"hello"));
/// ```
///
/// [`RomBytes::from_aligned`] refuses (at compile time, when used in a `static`) an `N` that is
/// not a multiple of 4: the padding the compiler would add is uninitialised and cannot be read as
/// part of a word.
#[repr(C, align(4))]
pub struct Aligned<const N: usize>(pub [u8; N]);

/// `n` rounded up to a multiple of 4: the `N` of an [`Aligned`] that holds `n` bytes.
pub const fn padded_len(n: usize) -> usize {
    n.div_ceil(4) * 4
}

impl<const N: usize> Aligned<N> {
    /// `bytes` followed by zeros up to `N`.
    ///
    /// # Panics
    /// If `bytes` is longer than `N` or `N` is not a multiple of 4 (at compile time, in a
    /// `static`).
    pub const fn padded(bytes: &[u8]) -> Self {
        assert!(N.is_multiple_of(4), "Aligned<N>: N must be a multiple of 4");
        assert!(bytes.len() <= N, "Aligned::padded: more bytes than N");
        let mut out = [0u8; N];
        let mut i = 0;
        while i < bytes.len() {
            out[i] = bytes[i];
            i += 1;
        }
        Aligned(out)
    }

    /// A view of all `N` bytes that reads them with aligned word loads.
    pub const fn bytes(&self) -> RomBytes<'_> {
        RomBytes::from_aligned(self)
    }
}

const MODE_RAM: usize = 0;
const MODE_WORDS: usize = 1;

/// A read-only byte view that is safe to read wherever its bytes live.
///
/// A `RomBytes` is three machine words (address, length, read mode), so descriptors holding it can
/// themselves sit in flash and be read with word loads. It is `Copy`; all reading methods take it
/// by value.
///
/// Invariant (kept by every constructor): the `len` bytes at `addr` are initialised and live for
/// `'a`; in word mode, additionally every aligned 4-byte word that overlaps them is initialised
/// and lies inside one allocation that `addr` may read (it was derived from a reference to the
/// whole [`Aligned`] or `[u32]`).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct RomBytes<'a> {
    addr: *const u8,
    len: usize,
    mode: usize,
    _life: PhantomData<&'a [u8]>,
}

// SAFETY: a `RomBytes` is a shared, read-only view (like `&'a [u8]`, which is Send and Sync); the
// raw pointer is only there to keep the provenance of the whole aligned allocation.
unsafe impl Send for RomBytes<'_> {}
// SAFETY: as above.
unsafe impl Sync for RomBytes<'_> {}

impl<'a> RomBytes<'a> {
    /// A view of ordinary memory (RAM, or any memory that allows byte loads). Its bytes are read
    /// with plain loads.
    pub const fn from_ram(bytes: &'a [u8]) -> Self {
        RomBytes { addr: bytes.as_ptr(), len: bytes.len(), mode: MODE_RAM, _life: PhantomData }
    }

    /// A view of all bytes of an [`Aligned`], read with aligned word loads.
    ///
    /// # Panics
    /// If `N` is not a multiple of 4 (at compile time, when used in a `static`).
    pub const fn from_aligned<const N: usize>(data: &'a Aligned<N>) -> Self {
        // `Aligned<N>` is `align(4)` and, with N a multiple of 4, has no padding: every word
        // overlapping its bytes is inside it and initialised.
        assert!(N.is_multiple_of(4), "Aligned<N>: N must be a multiple of 4 (pad the data with zeros)");
        let addr = (data as *const Aligned<N>).cast::<u8>();
        RomBytes { addr, len: N, mode: MODE_WORDS, _life: PhantomData }
    }

    /// A view of the bytes of `words` (in memory order), read with aligned word loads.
    pub const fn from_words(words: &'a [u32]) -> Self {
        RomBytes { addr: words.as_ptr().cast::<u8>(), len: words.len() * 4, mode: MODE_WORDS, _life: PhantomData }
    }

    /// The empty view.
    pub const fn empty() -> Self {
        Self::from_ram(&[])
    }

    /// Number of bytes.
    pub const fn len(self) -> usize {
        self.len
    }

    /// Whether the view has no bytes.
    pub const fn is_empty(self) -> bool {
        self.len == 0
    }

    /// Whether reads go through aligned word loads (views of [`Aligned`] or `[u32]` data).
    pub const fn is_word_read(self) -> bool {
        self.mode == MODE_WORDS
    }

    /// Address of the first byte (for handing to C).
    pub const fn as_ptr(self) -> *const u8 {
        self.addr
    }

    /// The bytes as a slice, but only for views of ordinary memory ([`from_ram`](Self::from_ram)).
    pub const fn as_ram_slice(self) -> Option<&'a [u8]> {
        if self.mode == MODE_RAM {
            Some(self.as_bytes())
        } else {
            None
        }
    }

    /// The bytes as a plain slice, whatever memory they are in.
    ///
    /// Reading that slice compiles to ordinary (byte) loads: fine on hosts and for memory that
    /// allows them, a LoadStoreError on ESP8266 flash. Meant for hosts, tests and comparisons;
    /// firmware reads through the methods of `RomBytes`.
    pub const fn as_bytes(self) -> &'a [u8] {
        // SAFETY: by the invariant, the `len` bytes at `addr` are initialised and live for 'a.
        unsafe { core::slice::from_raw_parts(self.addr, self.len) }
    }

    /// The sub-view `start .. start + len`.
    ///
    /// # Panics
    /// If the range is not inside the view (at compile time, when used in a `static`).
    pub const fn slice(self, start: usize, len: usize) -> Self {
        match self.get_range(start, len) {
            Some(v) => v,
            None => panic!("RomBytes::slice: range out of bounds"),
        }
    }

    /// The sub-view `start .. start + len`, or `None` if it is not inside the view.
    pub const fn get_range(self, start: usize, len: usize) -> Option<Self> {
        match start.checked_add(len) {
            Some(end) if end <= self.len => Some(RomBytes {
                // In bounds of the view, so in bounds of its allocation; keeps its provenance.
                addr: self.addr.wrapping_add(start),
                len,
                mode: self.mode,
                _life: PhantomData,
            }),
            _ => None,
        }
    }

    /// The sub-view from `start` to the end, or `None` if `start > len`.
    pub const fn get_from(self, start: usize) -> Option<Self> {
        if start > self.len {
            None
        } else {
            self.get_range(start, self.len - start)
        }
    }

    /// Byte `i`, or `None` past the end.
    #[inline]
    pub fn get(self, i: usize) -> Option<u8> {
        if i >= self.len {
            return None;
        }
        if self.mode == MODE_RAM {
            return Some(self.as_bytes()[i]);
        }
        let p = self.addr.wrapping_add(i);
        let off = p.addr() & 3;
        Some(word_byte(load_word(p.wrapping_sub(off)), off))
    }

    /// The bytes, one by one (one word load per four bytes).
    pub fn iter(self) -> Iter<'a> {
        Iter { bytes: self, pos: 0, word: 0, word_addr: usize::MAX }
    }

    /// Copies `min(self.len(), out.len())` bytes into `out`; returns how many.
    pub fn copy_to(self, out: &mut [u8]) -> usize {
        let mut n = 0;
        for (dst, b) in out.iter_mut().zip(self.iter()) {
            *dst = b;
            n += 1;
        }
        n
    }

    /// Folds `f` over the bytes taken four at a time as little-endian `u32` words (byte `4k` in
    /// the low bits of word `k`), the last word zero-padded: `f(acc, word)`.
    ///
    /// For a word-mode view starting on a word boundary (an image emitted by `freeze!`), that
    /// is one aligned load per word, the bytes after the view in the last word masked off: the
    /// cheapest way to read flash on the ESP8266. Other views assemble the words byte by byte,
    /// with the same result.
    pub fn fold_le_words<A>(self, init: A, mut f: impl FnMut(A, u32) -> A) -> A {
        let mut acc = init;
        if self.mode == MODE_WORDS && self.addr.addr() & 3 == 0 {
            let full = self.len / 4;
            for k in 0..full {
                acc = f(acc, u32::from_le(load_word(self.addr.wrapping_add(4 * k))));
            }
            let rest = self.len % 4;
            if rest != 0 {
                // the word holding the last bytes is inside the allocation (word-mode invariant)
                let w = u32::from_le(load_word(self.addr.wrapping_add(4 * full)));
                acc = f(acc, w & ((1u32 << (8 * rest)) - 1));
            }
            return acc;
        }
        let mut word = 0u32;
        for (i, b) in self.iter().enumerate() {
            word |= u32::from(b) << (8 * (i % 4));
            if i % 4 == 3 {
                acc = f(acc, word);
                word = 0;
            }
        }
        if !self.len.is_multiple_of(4) {
            acc = f(acc, word);
        }
        acc
    }

    /// Whether the view holds exactly `other`.
    pub fn eq_bytes(self, other: &[u8]) -> bool {
        self.len == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }

    /// Lexicographic comparison with `other` (as `[u8]::cmp`).
    pub fn cmp_bytes(self, other: &[u8]) -> Ordering {
        for (a, b) in self.iter().zip(other) {
            match a.cmp(b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        self.len.cmp(&other.len())
    }

    /// Lexicographic comparison with another view (as `[u8]::cmp`), both read through their
    /// own loads: no byte load from either memory.
    pub fn cmp_rom(self, other: RomBytes<'_>) -> Ordering {
        let (mut a, mut b) = (self.iter(), other.iter());
        loop {
            match (a.next(), b.next()) {
                (Some(x), Some(y)) if x == y => continue,
                (Some(x), Some(y)) => return x.cmp(&y),
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (None, None) => return Ordering::Equal,
            }
        }
    }

    /// Whether the view starts with `prefix`.
    pub fn starts_with(self, prefix: &[u8]) -> bool {
        prefix.len() <= self.len && self.iter().zip(prefix).all(|(a, b)| a == *b)
    }

    /// A copy of the view stored at `r`, read with volatile word loads (for views that sit inside
    /// descriptors in flash).
    pub fn load(r: &RomBytes<'a>) -> RomBytes<'a> {
        load_copy(r)
    }
}

impl core::fmt::Debug for RomBytes<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RomBytes({} bytes{})", self.len, if self.is_word_read() { ", word reads" } else { "" })
    }
}

impl PartialEq for RomBytes<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl Eq for RomBytes<'_> {}

impl<'a> IntoIterator for RomBytes<'a> {
    type Item = u8;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Iterator over the bytes of a [`RomBytes`]; keeps the last word it loaded.
#[derive(Clone)]
pub struct Iter<'a> {
    bytes: RomBytes<'a>,
    pos: usize,
    word: u32,
    word_addr: usize,
}

impl Iterator for Iter<'_> {
    type Item = u8;

    #[inline]
    fn next(&mut self) -> Option<u8> {
        if self.pos >= self.bytes.len {
            return None;
        }
        let i = self.pos;
        self.pos += 1;
        if self.bytes.mode == MODE_RAM {
            return Some(self.bytes.as_bytes()[i]);
        }
        let p = self.bytes.addr.wrapping_add(i);
        let off = p.addr() & 3;
        let aligned = p.wrapping_sub(off);
        if aligned.addr() != self.word_addr {
            self.word = load_word(aligned);
            self.word_addr = aligned.addr();
        }
        Some(word_byte(self.word, off))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.bytes.len - self.pos;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// Loads the aligned word at `p` with one volatile 32-bit load. Only called by word-mode views
/// for the word that contains one of their bytes.
#[inline]
fn load_word(p: *const u8) -> u32 {
    debug_assert!(p.addr() & 3 == 0);
    // SAFETY: `p` is 4-aligned and, by the word-mode invariant of the view it came from, the
    // whole word is initialised and lies in one allocation that `p` may read.
    unsafe { core::ptr::read_volatile(p.cast::<u32>()) }
}

/// Byte `off` (in memory order) of a loaded word, shifted out in a register.
#[inline]
fn word_byte(word: u32, off: usize) -> u8 {
    let shift = if cfg!(target_endian = "little") { 8 * off } else { 24 - 8 * off };
    (word >> shift) as u8
}

/// Copies `*r` with a volatile load, so that a value stored in flash is read with whole-word loads
/// (the compiler may otherwise narrow a load of a word-sized field it only partly uses).
///
/// Only for types made of aligned, word-sized fields (pointers, `usize`, `repr(usize)` enums).
#[inline]
pub(crate) fn load_copy<T: Copy>(r: &T) -> T {
    // SAFETY: `r` is a valid, aligned reference to an initialised `T`.
    unsafe { core::ptr::read_volatile(r) }
}

/// A [`RomBytes`] known to hold UTF-8: module names and paths in descriptors.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RomStr<'a>(RomBytes<'a>);

impl<'a> RomStr<'a> {
    /// A string in ordinary memory (e.g. a literal in `.rodata`).
    pub const fn from_str(s: &'a str) -> Self {
        RomStr(RomBytes::from_ram(s.as_bytes()))
    }

    /// The bytes `start .. start + len` of `data`, which must be UTF-8.
    ///
    /// # Panics
    /// If the range is out of bounds or not UTF-8 (at compile time, when used in a `static`).
    pub const fn from_aligned<const N: usize>(data: &'a Aligned<N>, start: usize, len: usize) -> Self {
        let view = RomBytes::from_aligned(data).slice(start, len);
        if core::str::from_utf8(view.as_bytes()).is_err() {
            panic!("RomStr::from_aligned: not UTF-8");
        }
        RomStr(view)
    }

    /// The bytes of the string.
    pub const fn bytes(self) -> RomBytes<'a> {
        self.0
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.0.len()
    }

    /// Whether the string is empty.
    pub const fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// The string itself, for strings in ordinary memory ([`from_str`](Self::from_str)).
    pub fn as_ram_str(self) -> Option<&'a str> {
        self.0.as_ram_slice().and_then(|b| core::str::from_utf8(b).ok())
    }

    /// Copies the string into `buf` and returns it, or `None` if `buf` is too small.
    pub fn copy_to(self, buf: &mut [u8]) -> Option<&str> {
        let buf = buf.get_mut(..self.len())?;
        self.0.copy_to(buf);
        core::str::from_utf8(buf).ok()
    }

    /// Whether the string equals `s`.
    pub fn eq_str(self, s: &str) -> bool {
        self.0.eq_bytes(s.as_bytes())
    }

    /// Compares with `s` (byte order, as `str::cmp`).
    pub fn cmp_str(self, s: &str) -> Ordering {
        self.0.cmp_bytes(s.as_bytes())
    }
}

impl core::fmt::Debug for RomStr<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        use core::fmt::Write;
        f.write_char('"')?;
        // Decode as UTF-8 on the fly (a RomStr is valid UTF-8); write chars escaped.
        let mut buf = [0u8; 4];
        let mut n = 0;
        for b in self.0.iter() {
            buf[n] = b;
            n += 1;
            if let Ok(s) = core::str::from_utf8(&buf[..n]) {
                for c in s.chars() {
                    for e in c.escape_debug() {
                        f.write_char(e)?;
                    }
                }
                n = 0;
            } else if n == 4 {
                n = 0;
            }
        }
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SEVEN_STORE: Aligned<8> = Aligned::padded(b"abcdefg");
    static SEVEN: RomBytes<'static> = SEVEN_STORE.bytes().slice(0, 7);
    static EMPTY: Aligned<0> = Aligned([]);
    static WORDS: [u32; 2] = [u32::from_ne_bytes(*b"wxyz"), u32::from_ne_bytes(*b"0123")];

    #[test]
    fn word_reads_match_plain_reads() {
        let v = SEVEN;
        assert!(v.is_word_read());
        assert_eq!(v.len(), 7);
        for i in 0..7 {
            assert_eq!(v.get(i), Some(b"abcdefg"[i]));
        }
        assert_eq!(v.get(7), None);
        assert_eq!(v.get(usize::MAX), None);
        assert!(v.eq_bytes(b"abcdefg"));
        assert_eq!(v.as_bytes(), b"abcdefg");
        assert_eq!(v.as_ram_slice(), None);
        let w = RomBytes::from_words(&WORDS);
        assert!(w.eq_bytes(b"wxyz0123"));
        assert!(EMPTY.bytes().is_empty());
        assert_eq!(EMPTY.bytes().get(0), None);
        assert_eq!(EMPTY.bytes().iter().count(), 0);
    }

    #[test]
    fn every_subslice() {
        let v = SEVEN;
        let r = RomBytes::from_ram(b"abcdefg");
        for start in 0..=7 {
            for len in 0..=7 - start {
                let a = v.slice(start, len);
                let b = r.slice(start, len);
                let want = &b"abcdefg"[start..start + len];
                assert!(a.eq_bytes(want) && b.eq_bytes(want));
                assert_eq!(a.iter().collect::<std::vec::Vec<u8>>(), want);
                assert_eq!(a.cmp_bytes(want), Ordering::Equal);
                for (i, w) in want.iter().enumerate() {
                    assert_eq!(a.get(i), Some(*w));
                }
                assert_eq!(a, b);
            }
            assert!(v.get_range(start, 8 - start).is_none());
        }
        assert!(v.get_range(1, usize::MAX).is_none());
        assert!(v.get_from(8).is_none());
        assert!(v.get_from(7).unwrap().is_empty());
    }

    #[test]
    fn le_words_are_the_same_in_every_mode() {
        static STORE: Aligned<12> = Aligned::padded(b"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b");
        let plain = b"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b";
        let words = |v: RomBytes<'_>| {
            v.fold_le_words(std::vec::Vec::new(), |mut acc, w| {
                acc.push(w);
                acc
            })
        };
        for start in 0..=11 {
            for len in 0..=11 - start {
                let want: std::vec::Vec<u32> = plain[start..start + len]
                    .chunks(4)
                    .map(|c| c.iter().rev().fold(0u32, |w, b| (w << 8) | u32::from(*b)))
                    .collect();
                assert_eq!(words(STORE.bytes().slice(start, len)), want, "{start}+{len}");
                assert_eq!(words(RomBytes::from_ram(&plain[start..start + len])), want);
            }
        }
        assert_eq!(words(STORE.bytes().slice(0, 5)), [0x0403_0201, 0x05]);
    }

    #[test]
    fn comparisons() {
        let v = SEVEN;
        assert_eq!(v.cmp_bytes(b"abcdefg"), Ordering::Equal);
        assert_eq!(v.cmp_bytes(b"abcdef"), Ordering::Greater);
        assert_eq!(v.cmp_bytes(b"abcdefgh"), Ordering::Less);
        assert_eq!(v.cmp_bytes(b"abd"), Ordering::Less);
        assert_eq!(v.cmp_bytes(b"abb"), Ordering::Greater);
        assert!(v.starts_with(b"abc"));
        assert!(!v.starts_with(b"abcdefgh"));
        let mut out = [0u8; 3];
        assert_eq!(v.copy_to(&mut out), 3);
        assert_eq!(&out, b"abc");
    }

    #[test]
    fn strings() {
        static NAMES: Aligned<12> = Aligned::padded(b"pkg.mod\xc3\xa9");
        static S: RomStr<'static> = RomStr::from_aligned(&NAMES, 0, 7);
        let e = RomStr::from_aligned(&NAMES, 7, 2);
        assert!(S.eq_str("pkg.mod"));
        assert_eq!(S.cmp_str("pkg.mo"), Ordering::Greater);
        assert_eq!(S.as_ram_str(), None);
        let mut buf = [0u8; 16];
        assert_eq!(S.copy_to(&mut buf), Some("pkg.mod"));
        assert_eq!(S.copy_to(&mut buf[..3]), None);
        assert!(e.eq_str("é"));
        assert_eq!(RomStr::from_str("x").as_ram_str(), Some("x"));
        // Debug output decodes UTF-8 through word reads
        assert_eq!(std::format!("{:?}", e), "\"é\"");
        assert_eq!(std::format!("{:?}", S), "\"pkg.mod\"");
    }

    #[test]
    #[should_panic(expected = "multiple of 4")]
    fn unpadded_aligned_is_refused() {
        static ODD: Aligned<7> = Aligned(*b"abcdefg");
        let _ = std::hint::black_box(&ODD).bytes();
    }

    #[test]
    fn padding() {
        assert_eq!(padded_len(0), 0);
        assert_eq!(padded_len(1), 4);
        assert_eq!(padded_len(4), 4);
        assert_eq!(padded_len(5), 8);
        static P: Aligned<8> = Aligned::padded(b"abcde");
        assert_eq!(P.0, *b"abcde\0\0\0");
        assert!(P.bytes().eq_bytes(b"abcde\0\0\0"));
    }

    #[test]
    fn volatile_copy() {
        let c = RomBytes::load(&SEVEN);
        assert!(c.eq_bytes(b"abcdefg"));
    }
}
