//! The RISC-V instruction set of `@micropython.asm_rv32` at `-march=rv32imc`, as mpy-cross
//! 1.29 assembles it (`py/emitinlinerv32.c`): RV32I, M and the C forms by their own names
//! (`c_addi`, `c_lw`, ...; `and_` and `or_` for the Python keywords), the pseudo-instructions
//! `li`, `la` and `mv`, the Zba `shNadd` with `-march-flags=zba` and the Zcmp
//! `cm_push`/`cm_pop*`/`cm_mv*` with `-march-flags=zcmp`.
//!
//! Operands are registers (ABI or `xN` names), integers checked against a bit mask of the
//! field they go to, labels and `offset(base)` addresses. The bytes are the standard RV32
//! encodings, with the quirks of mpy-cross's encoders kept (the CA format keeps only two bits
//! of each register number, so `c_and(a4, a5)` assembles as `c_and(a2, a3)`).

use super::inline_asm::{
    AddressSign, AsmError, InlineAssembler, LabelNames, Operand, MAX_CODE_BYTES,
};
use crate::asm_rv32::{AsmRv32, EXT_ZBA, EXT_ZCMP};

/// The register names, by number: the ABI names, then the `xN` names.
const ABI_NAMES: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4",
    "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
    "t5", "t6",
];

fn register_number(op: &Operand) -> Option<u32> {
    let Operand::Name(n) = op else { return None };
    if let Some(i) = ABI_NAMES.iter().position(|a| a == n) {
        return Some(i as u32);
    }
    let digits = n.strip_prefix('x')?;
    // (only the spellings of the table: `x1`, not `x01`)
    let i: u32 = digits.parse().ok()?;
    (i < 32 && i.to_string() == digits).then_some(i)
}

/// What an operand slot takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    /// A register; `compressed`: its number is written minus 8 (x8..x15 in 3 bits).
    Reg {
        compressed: bool,
    },
    /// An integer, shifted left by `shift` before the mask check.
    Imm {
        unsigned: bool,
        nonzero: bool,
        shift: u32,
    },
    /// A label, as a displacement from the instruction.
    Label,
}

const N: Kind = Kind::None;
const R: Kind = Kind::Reg { compressed: false };
const RC: Kind = Kind::Reg { compressed: true };
const I: Kind = Kind::Imm {
    unsigned: false,
    nonzero: false,
    shift: 0,
};
const IU: Kind = Kind::Imm {
    unsigned: true,
    nonzero: false,
    shift: 0,
};
const IZ: Kind = Kind::Imm {
    unsigned: false,
    nonzero: true,
    shift: 0,
};
const IUZ: Kind = Kind::Imm {
    unsigned: true,
    nonzero: true,
    shift: 0,
};
const I12: Kind = Kind::Imm {
    unsigned: false,
    nonzero: false,
    shift: 12,
};
const IUZ12: Kind = Kind::Imm {
    unsigned: true,
    nonzero: true,
    shift: 12,
};
const L: Kind = Kind::Label;

/// How the operands are written: a plain list, or `rd, offset(base)`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Plain,
    Address,
}

/// One instruction: its operands (kind and mask of each slot) and its encoding.
struct Opcode {
    name: &'static str,
    operands: u8,
    shape: Shape,
    kinds: [Kind; 3],
    masks: [u32; 3],
    zba: bool,
    encode: Encoding,
}

/// How the checked operands become code.
#[derive(Clone, Copy)]
enum Encoding {
    /// R type: funct3, funct7.
    R(u32, u32),
    /// I type: opcode, funct3 (operands rd, rs1, imm).
    I(u32, u32),
    /// An I-type shift: funct3, the bits above the 5-bit amount.
    Shift(u32, u32),
    /// I-type load with `rd, offset(base)`: funct3.
    Load(u32),
    /// S-type store with `src, offset(base)`: funct3.
    Store(u32),
    /// B type: funct3.
    Branch(u32),
    /// U type: opcode.
    U(u32),
    /// CSR with an immediate source: funct3.
    CsrImm(u32),
    Jal,
    /// CR format: funct4 (operands rd/rs1 and rs2, `jr`/`jalr` with rs2 = 0).
    Cr(u32),
    CrOne(u32),
    /// CI format: op, funct3.
    Ci(u32, u32),
    CLui,
    /// CA format: funct2.
    Ca(u32),
    /// CB-format ALU immediates: the bits above the 5-bit immediate.
    CbAlu(u32),
    /// CB-format branches: funct3.
    CbBranch(u32),
    /// CJ format: funct3.
    Cj(u32),
    CAddi4spn,
    /// CL/CS formats (`c_lw`, `c_sw`): funct3.
    Cl(u32),
    CLwsp,
    CSwsp,
    /// A fixed word or halfword.
    Word(u32),
    Half(u32),
    Li,
    La,
}

const ALL: u32 = 0xffff_ffff;
const NO_X0: u32 = 0xffff_fffe;
const CREGS: u32 = 0x0000_ff00;

const fn op(
    name: &'static str,
    operands: u8,
    kinds: [Kind; 3],
    masks: [u32; 3],
    encode: Encoding,
) -> Opcode {
    Opcode {
        name,
        operands,
        shape: Shape::Plain,
        kinds,
        masks,
        zba: false,
        encode,
    }
}
const fn rrr(name: &'static str, encode: Encoding) -> Opcode {
    op(name, 3, [R, R, R], [ALL, ALL, ALL], encode)
}
const fn rri(name: &'static str, imm: Kind, mask: u32, encode: Encoding) -> Opcode {
    op(name, 3, [R, R, imm], [ALL, ALL, mask], encode)
}
const fn branch(name: &'static str, funct3: u32) -> Opcode {
    op(
        name,
        3,
        [R, R, L],
        [ALL, ALL, 0x1ffe],
        Encoding::Branch(funct3),
    )
}
const fn address(
    name: &'static str,
    kinds: [Kind; 3],
    masks: [u32; 3],
    encode: Encoding,
) -> Opcode {
    Opcode {
        name,
        operands: 2,
        shape: Shape::Address,
        kinds,
        masks,
        zba: false,
        encode,
    }
}
const fn mem(name: &'static str, encode: Encoding) -> Opcode {
    address(name, [R, I, R], [ALL, 0xfff, ALL], encode)
}
const fn zba(name: &'static str, funct3: u32) -> Opcode {
    let mut o = rrr(name, Encoding::R(funct3, 0x10));
    o.zba = true;
    o
}

use Encoding as E;

/// The instruction table (mpy-cross's, in its order: the first entry of a name is used).
static OPCODES: &[Opcode] = &[
    rrr("add", E::R(0, 0)),
    rri("addi", I, 0xfff, E::I(0x13, 0)),
    rrr("and_", E::R(7, 0)),
    rri("andi", I, 0xfff, E::I(0x13, 7)),
    op("auipc", 2, [R, I12, N], [ALL, 0xffff_f000, 0], E::U(0x17)),
    branch("beq", 0),
    branch("bge", 5),
    branch("bgeu", 7),
    branch("blt", 4),
    branch("bltu", 6),
    branch("bne", 1),
    rri("csrrc", IU, 0xfff, E::I(0x73, 3)),
    rri("csrrs", IU, 0xfff, E::I(0x73, 2)),
    rri("csrrw", IU, 0xfff, E::I(0x73, 1)),
    op("csrrci", 3, [R, IU, IU], [ALL, 0xfff, 0x1f], E::CsrImm(7)),
    op("csrrsi", 3, [R, IU, IU], [ALL, 0xfff, 0x1f], E::CsrImm(6)),
    op("csrrwi", 3, [R, IU, IU], [ALL, 0xfff, 0x1f], E::CsrImm(5)),
    op("c_add", 2, [R, R, N], [NO_X0, NO_X0, 0], E::Cr(9)),
    op("c_addi", 2, [R, IZ, N], [NO_X0, 0x3f, 0], E::Ci(1, 0)),
    op(
        "c_addi4spn",
        2,
        [R, IUZ, N],
        [CREGS, 0x3fc, 0],
        E::CAddi4spn,
    ),
    op("c_and", 2, [RC, RC, N], [CREGS, CREGS, 0], E::Ca(3)),
    op("c_andi", 2, [RC, I, N], [CREGS, 0x3f, 0], E::CbAlu(0x40)),
    op("c_beqz", 2, [RC, L, N], [CREGS, 0x1fe, 0], E::CbBranch(6)),
    op("c_bnez", 2, [RC, L, N], [CREGS, 0x1fe, 0], E::CbBranch(7)),
    op("c_ebreak", 0, [N, N, N], [0, 0, 0], E::Half(0x9002)),
    op("c_j", 1, [L, N, N], [0xffe, 0, 0], E::Cj(5)),
    op("c_jal", 1, [L, N, N], [0xffe, 0, 0], E::Cj(1)),
    op("c_jalr", 1, [R, N, N], [NO_X0, 0, 0], E::CrOne(9)),
    op("c_jr", 1, [R, N, N], [NO_X0, 0, 0], E::CrOne(8)),
    op("c_li", 2, [R, I, N], [NO_X0, 0x3f, 0], E::Ci(1, 2)),
    op(
        "c_lui",
        2,
        [R, IUZ12, N],
        [0xffff_fffa, 0x1_f800, 0],
        E::CLui,
    ),
    address("c_lw", [RC, I, RC], [CREGS, 0x7c, CREGS], E::Cl(2)),
    op("c_lwsp", 2, [R, I, N], [NO_X0, 0xfc, 0], E::CLwsp),
    op("c_mv", 2, [R, R, N], [NO_X0, NO_X0, 0], E::Cr(8)),
    op("c_nop", 0, [N, N, N], [0, 0, 0], E::Half(0x0001)),
    op("c_or", 2, [RC, RC, N], [CREGS, CREGS, 0], E::Ca(2)),
    op("c_slli", 2, [R, IU, N], [NO_X0, 0x1f, 0], E::Ci(2, 0)),
    op("c_srai", 2, [RC, IU, N], [CREGS, 0x1f, 0], E::CbAlu(0x20)),
    op("c_srli", 2, [RC, IU, N], [CREGS, 0x1f, 0], E::CbAlu(0)),
    op("c_sub", 2, [RC, RC, N], [CREGS, CREGS, 0], E::Ca(0)),
    address("c_sw", [RC, I, RC], [CREGS, 0x7c, CREGS], E::Cl(6)),
    op("c_swsp", 2, [R, I, N], [ALL, 0xfc, 0], E::CSwsp),
    op("c_xor", 2, [RC, RC, N], [CREGS, CREGS, 0], E::Ca(1)),
    rrr("div", E::R(4, 1)),
    rrr("divu", E::R(5, 1)),
    op("ebreak", 0, [N, N, N], [0, 0, 0], E::Word(0x0010_0073)),
    op("ecall", 0, [N, N, N], [0, 0, 0], E::Word(0x73)),
    op("jal", 2, [R, L, N], [ALL, 0x1f_fffe, 0], E::Jal),
    rri("jalr", I, 0xfff, E::I(0x67, 0)),
    op("la", 2, [R, L, N], [ALL, ALL, 0], E::La),
    mem("lb", E::Load(0)),
    mem("lbu", E::Load(4)),
    mem("lh", E::Load(1)),
    mem("lhu", E::Load(5)),
    op("li", 2, [R, I, N], [ALL, ALL, 0], E::Li),
    op("lui", 2, [R, I12, N], [ALL, 0xffff_f000, 0], E::U(0x37)),
    mem("lw", E::Load(2)),
    op("mv", 2, [R, R, N], [ALL, ALL, 0], E::Cr(8)),
    rrr("mul", E::R(0, 1)),
    rrr("mulh", E::R(1, 1)),
    rrr("mulhsu", E::R(2, 1)),
    rrr("mulhu", E::R(3, 1)),
    rrr("or_", E::R(6, 0)),
    rri("ori", I, 0xfff, E::I(0x13, 6)),
    rrr("rem", E::R(6, 1)),
    rrr("remu", E::R(7, 1)),
    mem("sb", E::Store(0)),
    mem("sh", E::Store(1)),
    zba("sh1add", 2),
    zba("sh2add", 4),
    zba("sh3add", 6),
    rrr("sll", E::R(1, 0)),
    rri("slli", IU, 0x1f, E::Shift(1, 0)),
    rrr("slt", E::R(2, 0)),
    rri("slti", I, 0xfff, E::I(0x13, 2)),
    rri("sltiu", I, 0xfff, E::I(0x13, 3)),
    rrr("sltu", E::R(3, 0)),
    rrr("sra", E::R(5, 0x20)),
    rri("srai", IU, 0x1f, E::Shift(5, 0x400)),
    rrr("srl", E::R(5, 0)),
    rri("srli", IU, 0x1f, E::Shift(5, 0)),
    rrr("sub", E::R(0, 0x20)),
    mem("sw", E::Store(2)),
    rrr("xor", E::R(4, 0)),
    rri("xori", I, 0xfff, E::I(0x13, 4)),
];

/// mpy-cross's signed range test: `value` (its low 32 bits) is a sign extension of the
/// contiguous `mask`'s field, and, when negative, has the bits below the mask clear.
fn in_signed_mask(mask: u32, value: u64) -> bool {
    let value = value as u32;
    let leading = mask.leading_zeros();
    if leading == 0 {
        return true;
    }
    let positive_mask = !(mask & !(1u32 << (31 - leading)));
    if value & positive_mask == 0 {
        return true;
    }
    let mut negative_mask = !(mask >> 1);
    let trailing = mask.trailing_zeros();
    if trailing > 0 {
        let trailing_mask = (1u32 << trailing) - 1;
        if value & trailing_mask != 0 {
            return false;
        }
        negative_mask &= !trailing_mask;
    }
    value & negative_mask == negative_mask
}

/// The unsigned test looks at all 64 bits (a negative number never fits).
fn in_unsigned_mask(mask: u32, value: u64) -> bool {
    value & !(mask as u64) == 0
}

fn wrong_kind(op: &str, slot: usize, what: &str) -> String {
    format!("opcode '{op}' argument {}: expecting {what}", slot + 1)
}
fn out_of_range(op: &str, slot: usize) -> String {
    format!("opcode '{op}' argument {}: out of range", slot + 1)
}

/// The inline assembler of one module, reused for each `@micropython.asm_rv32` function.
pub struct InlineRv32 {
    asm: AsmRv32,
    extensions: u32,
    labels: LabelNames,
    /// The statement's error slot.
    error: Option<String>,
    /// Which operands of the statement are integers beyond 64 bits.
    wide: Vec<bool>,
}

impl InlineRv32 {
    /// The assembler for `-march=rv32imc` with `-march-flags=` bits `extensions`.
    pub fn new(max_labels: usize, extensions: u32) -> Self {
        let slots = max_labels.max(1);
        InlineRv32 {
            asm: AsmRv32::new(slots, extensions),
            extensions,
            labels: LabelNames::new(slots),
            error: None,
            wide: Vec::new(),
        }
    }

    fn word(&mut self, w: u32) {
        self.asm.base.data(4, w as u64);
    }
    fn half(&mut self, h: u32) {
        self.asm.base.data(2, (h & 0xffff) as u64);
    }

    /// Checks the operand of `slot` and gives the value the encoder takes.
    fn operand(&mut self, o: &Opcode, slot: usize, arg: &Operand) -> Result<u64, String> {
        let mask = o.masks[slot];
        match o.kinds[slot] {
            Kind::None => Ok(0),
            Kind::Reg { compressed } => {
                let Some(r) = register_number(arg) else {
                    return Err(wrong_kind(o.name, slot, "register"));
                };
                if mask & 1 << r == 0 {
                    return Err(format!(
                        "opcode '{}' argument {}: unknown register",
                        o.name,
                        slot + 1
                    ));
                }
                Ok(if compressed {
                    (r as u64).wrapping_sub(8)
                } else {
                    r as u64
                })
            }
            Kind::Imm {
                unsigned,
                nonzero,
                shift,
            } => {
                let Operand::Int(v) = arg else {
                    return Err(wrong_kind(o.name, slot, "integer"));
                };
                let v = v << shift;
                let fits = if unsigned {
                    in_unsigned_mask(mask, v)
                } else {
                    in_signed_mask(mask, v)
                };
                if !fits {
                    return Err(out_of_range(o.name, slot));
                }
                if nonzero && v == 0 {
                    return Err(format!(
                        "opcode '{}' argument {}: must not be zero",
                        o.name,
                        slot + 1
                    ));
                }
                Ok(v)
            }
            Kind::Label => {
                let Operand::Name(name) = arg else {
                    return Err(wrong_kind(o.name, slot, "label"));
                };
                let here = self.asm.base.offset as u64;
                let target = match self.labels.find(name) {
                    Some(l) => self.asm.base.label_offset(l) as i32 as i64 as u64,
                    None if self.labels.emit_pass() => {
                        return Err(format!(
                            "opcode '{}' argument {}: undefined label '{name}'",
                            o.name,
                            slot + 1
                        ))
                    }
                    // mpy-cross reads the slot past its label table for a label it has not met,
                    // which holds zero (the measured behaviour: a forward branch is checked in
                    // the compute pass as a jump back to offset 0)
                    None => 0,
                };
                let d = target.wrapping_sub(here);
                if !in_signed_mask(mask, d) {
                    return Err(out_of_range(o.name, slot));
                }
                Ok(d)
            }
        }
    }

    /// `rd, offset(base)`: the offset and the base register.
    fn address(&mut self, o: &Opcode, arg: &Operand) -> Result<(u64, u64), String> {
        let Operand::Address { sign, offset, base } = arg else {
            return Err(wrong_kind(o.name, 1, "offset"));
        };
        let offset = if *sign == AddressSign::Minus {
            let Operand::Int(v) = **offset else {
                return Err(wrong_kind(o.name, 1, "integer"));
            };
            let v = v.wrapping_neg();
            let (unsigned, nonzero, shift) = match o.kinds[1] {
                Kind::Imm {
                    unsigned,
                    nonzero,
                    shift,
                } => (unsigned, nonzero, shift),
                _ => (false, false, 0),
            };
            let shifted = v << shift;
            let fits = if unsigned {
                in_unsigned_mask(o.masks[1], shifted)
            } else {
                in_signed_mask(o.masks[1], shifted)
            };
            if !fits || (nonzero && shifted == 0) {
                return Err(out_of_range(o.name, 1));
            }
            v
        } else {
            self.operand(o, 1, offset)?
        };
        let base = self.operand(o, 2, base)?;
        Ok((offset, base))
    }

    fn assemble(&mut self, o: &Opcode, args: &[Operand]) -> Result<(), String> {
        if args.len() != o.operands as usize {
            return Err(format!(
                "opcode '{}': expecting {} arguments",
                o.name, o.operands
            ));
        }
        let mut v = [0u64; 3];
        if o.operands >= 1 {
            v[0] = self.operand(o, 0, &args[0])?;
        }
        if o.shape == Shape::Address {
            let (offset, base) = self.address(o, &args[1])?;
            v[1] = base;
            v[2] = offset;
        } else {
            for slot in 1..o.operands as usize {
                v[slot] = self.operand(o, slot, &args[slot])?;
            }
        }
        self.encode(o.encode, v);
        Ok(())
    }

    fn encode(&mut self, e: Encoding, v: [u64; 3]) {
        let [a, b, c] = v.map(|x| x as u32);
        let reg = |r: u32| r & 0x1f;
        match e {
            E::R(funct3, funct7) => self.word(
                0x33 | reg(a) << 7 | funct3 << 12 | reg(b) << 15 | reg(c) << 20 | funct7 << 25,
            ),
            E::I(opcode, funct3) => self.word(i_type(opcode, funct3, a, b, c)),
            E::Shift(funct3, high) => self.word(i_type(0x13, funct3, a, b, (c & 0x1f) | high)),
            E::Load(funct3) => self.word(i_type(0x03, funct3, a, b, c)),
            E::Store(funct3) => {
                // (a: the source, b: the base, c: the offset)
                self.word(
                    0x23 | (c & 0x1f) << 7
                        | funct3 << 12
                        | reg(b) << 15
                        | reg(a) << 20
                        | (c & 0xfe0) << 20,
                )
            }
            E::Branch(funct3) => self.word(
                0x63 | funct3 << 12
                    | (c & 0x800) >> 4
                    | (c & 0x1e) << 7
                    | reg(a) << 15
                    | reg(b) << 20
                    | (c & 0x7e0) << 20
                    | (c & 0x1000) << 19,
            ),
            E::U(opcode) => self.word(opcode | reg(a) << 7 | (b & 0xffff_f000)),
            E::CsrImm(funct3) => {
                self.word(0x73 | reg(a) << 7 | funct3 << 12 | (b & 0xfff) << 20 | (c & 0x1f) << 15)
            }
            E::Jal => self.word(
                0x6f | reg(a) << 7
                    | (b & 0xff000)
                    | (b & 0x800) << 9
                    | (b & 0x7fe) << 20
                    | (b & 0x10_0000) << 11,
            ),
            E::Cr(funct4) => self.half(cr(funct4, a, b)),
            E::CrOne(funct4) => self.half(cr(funct4, a, 0)),
            E::Ci(op, funct3) => self.half(ci(op, funct3, a, b)),
            E::CLui => self.half(ci(1, 3, a, (v[1] >> 12) as u32)),
            E::Ca(funct2) => {
                self.half(0x01 | 0x23 << 10 | funct2 << 5 | (a & 3) << 7 | (b & 3) << 2)
            }
            E::CbAlu(high) => self.half(cb(4, a, (b & 0x20) << 2 | (b & 0x1f) | high)),
            E::CbBranch(funct3) => self.half(cb(
                funct3,
                a,
                (b & 0x100) >> 1 | (b & 0xc0) >> 3 | (b & 0x20) >> 5 | (b & 0x18) << 2 | (b & 0x06),
            )),
            E::Cj(funct3) => self.half(
                0x01 | funct3 << 13
                    | (a & 0x0e) << 2
                    | (a & 0x300) << 1
                    | (a & 0x800) << 1
                    | (a & 0x400) >> 2
                    | (a & 0x80) >> 1
                    | (a & 0x40) << 1
                    | (a & 0x20) >> 3
                    | (a & 0x10) << 7,
            ),
            E::CAddi4spn => self.half(
                (a & 7) << 2
                    | (b & 0x3c0) << 1
                    | (b & 0x30) << 7
                    | (b & 0x08) << 2
                    | (b & 0x04) << 4,
            ),
            E::Cl(funct3) => {
                // (a: the data register, b: the base, c: the offset)
                self.half(
                    funct3 << 13
                        | (a & 7) << 2
                        | (b & 7) << 7
                        | (c & 0x40) >> 1
                        | (c & 0x38) << 7
                        | (c & 0x04) << 4,
                )
            }
            E::CLwsp => self.half(ci(2, 2, a, (b & 0xc0) >> 6 | (b & 0x3c))),
            E::CSwsp => {
                self.half(0x02 | 6 << 13 | reg(a) << 2 | ((b & 0xc0) >> 6 | (b & 0x3c)) << 7)
            }
            E::Word(w) => self.word(w),
            E::Half(h) => self.half(h),
            E::Li => self.asm.mov_reg_imm(a, v[1] as i64),
            E::La => {
                // auipc + addi always (not the shortest load): the code must not change size
                // with the label's distance
                let d = v[1] as u32;
                let mut upper = d & 0xffff_f000;
                let lower = d & 0xfff;
                if lower & 0x800 != 0 {
                    upper = upper.wrapping_add(0x1000);
                }
                self.word(0x17 | reg(a) << 7 | upper);
                self.word(i_type(0x13, 0, a, a, lower));
            }
        }
    }

    /// Zcmp's push/pop and register-pair moves; `false` for anything else and for any error
    /// (mpy-cross then reports the name as an invalid instruction).
    fn zcmp(&mut self, name: &str, args: &[Operand]) -> bool {
        let (funct6, funct2) = match name {
            "cm_push" => (0x2e, 0),
            "cm_pop" => (0x2e, 2),
            "cm_popret" => (0x2f, 2),
            "cm_popretz" => (0x2f, 0),
            "cm_mva01s" => (0x2b, 3),
            "cm_mvsa01" => (0x2b, 1),
            _ => return false,
        };
        if name.starts_with("cm_mv") {
            // s0, s1, s2..s7: the registers of a pair move
            let sreg = |o: &Operand| register_number(o).filter(|&r| 1u32 << r & 0x00fc_0300 != 0);
            let (Some(r1), Some(r2)) = (sreg(&args[0]), sreg(&args[1])) else {
                return false;
            };
            if r1 == r2 {
                return false;
            }
            let code = |r: u32| if r <= 9 { r - 8 } else { r - 18 + 2 };
            self.half(
                0x02 | funct6 << 10 | funct2 << 5 | (code(r1) & 7) << 7 | (code(r2) & 7) << 2,
            );
            return true;
        }
        let Some(list) = register_list(&args[0]) else {
            return false;
        };
        let Operand::Int(adjust) = args[1] else {
            return false;
        };
        if self.wide.get(1).copied().unwrap_or(false) {
            self.error = Some(format!(
                "not supported yet by mpy-freeze: {name} with a stack adjustment beyond 64 bits (mpy-cross raises OverflowError)"
            ));
            return true;
        }
        let adjust = adjust as i64;
        let magnitude = (adjust as i32).unsigned_abs();
        let push = name == "cm_push";
        if magnitude & !0x30 != 0 || (push && adjust > 0) || (!push && adjust < 0) {
            return false;
        }
        self.half(0x02 | funct6 << 10 | funct2 << 8 | (list & 0xf) << 4 | (magnitude & 3) << 2);
        true
    }
}

/// A Zcmp register list as the instruction numbers it: `{ra}` 4, `{ra, s0}` 5, `{ra, s0-s1}`
/// 6, ... `{ra, s0-s11}` 15 (`s0-s10` does not exist).
fn register_list(arg: &Operand) -> Option<u32> {
    let Operand::Braces(items) = arg else {
        return None;
    };
    match items.as_slice() {
        [ra] => (register_number(ra)? == 1).then_some(4),
        [ra, rest] => {
            if register_number(ra)? != 1 {
                return None;
            }
            match rest {
                Operand::Name(_) => (register_number(rest)? == 8).then_some(5),
                Operand::Difference(first, last) => {
                    if !matches!(**first, Operand::Name(_)) || register_number(first)? != 8 {
                        return None;
                    }
                    let last = register_number(last)?;
                    match last {
                        9 => Some(6),
                        26 => None,
                        18..=27 => Some(7 + last.min(26) - 18),
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn i_type(opcode: u32, funct3: u32, rd: u32, rs: u32, imm: u32) -> u32 {
    opcode | (rd & 0x1f) << 7 | funct3 << 12 | (rs & 0x1f) << 15 | (imm & 0xfff) << 20
}
fn cr(funct4: u32, rs1: u32, rs2: u32) -> u32 {
    0x02 | (rs2 & 0x1f) << 2 | (rs1 & 0x1f) << 7 | funct4 << 12
}
fn ci(op: u32, funct3: u32, rd: u32, imm: u32) -> u32 {
    op | funct3 << 13 | (rd & 0x1f) << 7 | (imm & 0x20) << 7 | (imm & 0x1f) << 2
}
fn cb(funct3: u32, rs: u32, imm: u32) -> u32 {
    0x01 | funct3 << 13 | (rs & 7) << 7 | (imm & 0xe0) << 5 | (imm & 0x1f) << 2
}

impl InlineAssembler for InlineRv32 {
    const COMPUTE_PASSES: usize = 1;
    const TRAILING_COMMA_SET_IS_OTHER: bool = true;

    fn start_pass(&mut self, emit: bool) {
        self.labels.start_pass(emit);
        self.error = None;
        self.asm.base.start_pass(emit);
    }

    fn end_pass(&mut self) {
        // c.jr ra
        self.half(cr(8, 1, 0));
    }

    fn code(&self) -> &[u8] {
        &self.asm.base.code
    }

    fn offset(&self) -> u32 {
        self.asm.base.offset
    }

    fn label_in_place(&self, label: usize) -> bool {
        !self.labels.emit_pass()
            || label >= self.asm.base.label_capacity()
            || self.asm.base.label_offset(label) == self.asm.base.offset
    }

    fn count_params(&self, params: &[Option<&str>]) -> Result<usize, String> {
        if params.len() > 4 {
            return Err("can only have up to 4 parameters for RV32 assembly".to_string());
        }
        for (i, p) in params.iter().enumerate() {
            let r = p.and_then(|n| register_number(&Operand::Name(n.to_string())));
            if r != Some(10 + i as u32) {
                return Err("parameters must be registers in sequence a0 to a3".to_string());
            }
        }
        Ok(params.len())
    }

    fn label(&mut self, label: usize, name: &str) -> bool {
        if !self.labels.define(label, name) {
            return false;
        }
        if label < self.asm.base.label_capacity() {
            self.asm.base.label_assign(label);
        }
        true
    }

    fn align(&mut self, n: u32) -> Result<(), u64> {
        self.asm.base.align_within(n, MAX_CODE_BYTES)
    }

    fn data(&mut self, size: u32, value: u64) -> Result<(), u64> {
        self.asm.base.data_within(size, value, MAX_CODE_BYTES)
    }

    fn op(&mut self, name: &str, args: &[Operand]) {
        let opcode = OPCODES.iter().find(|o| o.name == name);
        if opcode.is_none()
            && self.extensions & EXT_ZCMP != 0
            && args.len() == 2
            && self.zcmp(name, args)
        {
            return;
        }
        let Some(o) = opcode.filter(|o| !o.zba || self.extensions & EXT_ZBA != 0) else {
            self.error = Some(format!("invalid RV32 instruction '{name}'"));
            return;
        };
        if let Err(e) = self.assemble(o, args) {
            self.error = Some(e);
        }
    }

    fn wide_integers(&mut self, wide: &[bool]) {
        self.wide = wide.to_vec();
    }

    fn take_error(&mut self) -> Option<AsmError> {
        self.error.take().map(AsmError::Syntax)
    }
}
