//! What every assembler shares (`mp_asm_base_t`): the passes, the code buffer, dead code
//! after a jump, and the labels.
//!
//! Code is assembled over passes. Compute passes only count bytes and record where labels
//! fall; forward labels are unknown there, so a jump to one takes a form that reaches any
//! distance, and keeps that form in the emit pass (where all labels are known) so that no
//! offset moves between passes. Each assembler decides from [`AsmBase::label_displacement`]
//! which form a jump takes; the bookkeeping is here, once.

/// Offset of a label not (yet) assigned in this pass.
pub const UNASSIGNED: u32 = u32::MAX;

pub struct AsmBase {
    /// True in the emit pass: bytes are written.
    pub emitting: bool,
    /// Dead code after a jump or raise is not written (until the next label).
    pub suppress: bool,
    pub code: Vec<u8>,
    pub offset: u32,
    label_offsets: Vec<u32>,
}

impl AsmBase {
    pub fn new(max_labels: usize) -> Self {
        AsmBase {
            emitting: false,
            suppress: false,
            code: Vec::new(),
            offset: 0,
            label_offsets: vec![UNASSIGNED; max_labels],
        }
    }

    pub fn set_max_labels(&mut self, n: usize) {
        if self.label_offsets.len() < n {
            self.label_offsets.resize(n, UNASSIGNED);
        }
    }

    /// `mp_asm_base_start_pass`: compute passes forget the labels, the emit pass keeps them.
    pub fn start_pass(&mut self, emit: bool) {
        if !emit {
            self.label_offsets.iter_mut().for_each(|l| *l = UNASSIGNED);
        }
        self.emitting = emit;
        self.code.clear();
        self.suppress = false;
        self.offset = 0;
    }

    /// Reserves `n` bytes (zero in the emit pass) and returns where they start, or `None`
    /// when the code is suppressed (nothing is counted then).
    pub fn alloc(&mut self, n: u32) -> Option<u32> {
        if self.suppress {
            return None;
        }
        let at = self.offset;
        if self.emitting {
            self.code.resize((at + n) as usize, 0);
        }
        self.offset += n;
        Some(at)
    }

    /// Writes `bytes` (unless suppressed; only counted in compute passes).
    pub fn bytes(&mut self, bytes: &[u8]) {
        if let Some(at) = self.alloc(bytes.len() as u32) {
            self.patch(at, bytes);
        }
    }

    /// Overwrites bytes already reserved at `at` (emit pass only; nothing otherwise).
    pub fn patch(&mut self, at: u32, bytes: &[u8]) {
        let at = at as usize;
        if self.emitting && at + bytes.len() <= self.code.len() {
            self.code[at..at + bytes.len()].copy_from_slice(bytes);
        }
    }

    /// `mp_asm_base_data`: `size` bytes of `val`, little-endian.
    pub fn data(&mut self, size: u32, val: u64) {
        let le = val.to_le_bytes();
        let mut v = le.to_vec();
        v.resize(size as usize, 0);
        self.bytes(&v);
    }

    /// `mp_asm_base_align`.
    pub fn align(&mut self, align: u32) {
        self.offset = (self.offset + align - 1) & !(align - 1);
        if self.emitting {
            self.code.resize(self.offset as usize, 0);
        }
    }

    pub fn label_assign(&mut self, label: usize) {
        self.suppress = false;
        if !self.emitting {
            if let Some(l) = self.label_offsets.get_mut(label) {
                *l = self.offset;
            }
        } else {
            debug_assert_eq!(self.label_offset(label), self.offset, "label moved between passes");
        }
    }

    /// The inline assemblers' `align(n)` (`mp_asm_base_align` for any `n` >= 1: the offset is
    /// rounded up with the mask `n - 1`, a power of two or not). Past `limit` it does not move
    /// and returns the offset it would have reached.
    pub fn align_within(&mut self, n: u32, limit: u64) -> Result<(), u64> {
        let mask = n.max(1) as u64 - 1;
        let new = (self.offset as u64 + mask) & !mask;
        if new > limit {
            return Err(new);
        }
        self.offset = new as u32;
        if self.emitting {
            self.code.resize(new as usize, 0);
        }
        Ok(())
    }

    /// The inline assemblers' `data(size, value)`, unless it would end past `limit` (then the
    /// end it would have reached).
    pub fn data_within(&mut self, size: u32, value: u64, limit: u64) -> Result<(), u64> {
        let end = self.offset as u64 + size as u64;
        if end > limit {
            return Err(end);
        }
        self.data(size, value);
        Ok(())
    }

    /// How many labels this assembler can hold.
    pub fn label_capacity(&self) -> usize {
        self.label_offsets.len()
    }

    /// Where `label` is, [`UNASSIGNED`] when not known in this pass.
    pub fn label_offset(&self, label: usize) -> u32 {
        self.label_offsets.get(label).copied().unwrap_or(UNASSIGNED)
    }

    /// Bytes from here to `label` (as the architectures compute it: wrapping, from the
    /// unassigned marker too), and whether the label is known in this pass.
    pub fn label_displacement(&self, label: usize) -> (i32, bool) {
        let dest = self.label_offset(label);
        (dest.wrapping_sub(self.offset) as i32, dest != UNASSIGNED)
    }
}
