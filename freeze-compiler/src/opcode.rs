//! MicroPython bytecode opcodes (`.mpy` v6), with the argument format of each, as one table.

/// How an opcode's argument is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// No argument.
    Byte,
    /// Unsigned var-int index into the qstr table.
    Qstr,
    /// Var-int (unsigned, or signed for LOAD_CONST_SMALL_INT).
    VarUint,
    /// Jump offset: 1 or 2 bytes, signed or unsigned.
    Offset,
}

macro_rules! opcodes {
    ($($name:ident = $value:expr, $fmt:ident;)*) => {
        $(pub const $name: u8 = $value;)*
        /// Name and argument format of a single-valued opcode.
        pub fn info(op: u8) -> Option<(&'static str, Format)> {
            match op {
                $($value => Some((stringify!($name), Format::$fmt)),)*
                _ => None,
            }
        }
    };
}

opcodes! {
    LOAD_CONST_FALSE = 0x50, Byte;
    LOAD_CONST_NONE = 0x51, Byte;
    LOAD_CONST_TRUE = 0x52, Byte;
    LOAD_CONST_SMALL_INT = 0x22, VarUint;
    LOAD_CONST_STRING = 0x10, Qstr;
    LOAD_CONST_OBJ = 0x23, VarUint;
    LOAD_NULL = 0x53, Byte;
    LOAD_FAST_N = 0x24, VarUint;
    LOAD_DEREF = 0x25, VarUint;
    LOAD_NAME = 0x11, Qstr;
    LOAD_GLOBAL = 0x12, Qstr;
    LOAD_ATTR = 0x13, Qstr;
    LOAD_METHOD = 0x14, Qstr;
    LOAD_SUPER_METHOD = 0x15, Qstr;
    LOAD_BUILD_CLASS = 0x54, Byte;
    LOAD_SUBSCR = 0x55, Byte;
    STORE_FAST_N = 0x26, VarUint;
    STORE_DEREF = 0x27, VarUint;
    STORE_NAME = 0x16, Qstr;
    STORE_GLOBAL = 0x17, Qstr;
    STORE_ATTR = 0x18, Qstr;
    STORE_SUBSCR = 0x56, Byte;
    DELETE_FAST = 0x28, VarUint;
    DELETE_DEREF = 0x29, VarUint;
    DELETE_NAME = 0x19, Qstr;
    DELETE_GLOBAL = 0x1a, Qstr;
    DUP_TOP = 0x57, Byte;
    DUP_TOP_TWO = 0x58, Byte;
    POP_TOP = 0x59, Byte;
    ROT_TWO = 0x5a, Byte;
    ROT_THREE = 0x5b, Byte;
    UNWIND_JUMP = 0x40, Offset;
    JUMP = 0x42, Offset;
    POP_JUMP_IF_TRUE = 0x43, Offset;
    POP_JUMP_IF_FALSE = 0x44, Offset;
    JUMP_IF_TRUE_OR_POP = 0x45, Offset;
    JUMP_IF_FALSE_OR_POP = 0x46, Offset;
    SETUP_WITH = 0x47, Offset;
    SETUP_EXCEPT = 0x48, Offset;
    SETUP_FINALLY = 0x49, Offset;
    POP_EXCEPT_JUMP = 0x4a, Offset;
    FOR_ITER = 0x4b, Offset;
    WITH_CLEANUP = 0x5c, Byte;
    END_FINALLY = 0x5d, Byte;
    GET_ITER = 0x5e, Byte;
    GET_ITER_STACK = 0x5f, Byte;
    BUILD_TUPLE = 0x2a, VarUint;
    BUILD_LIST = 0x2b, VarUint;
    BUILD_MAP = 0x2c, VarUint;
    STORE_MAP = 0x62, Byte;
    BUILD_SET = 0x2d, VarUint;
    BUILD_SLICE = 0x2e, VarUint;
    STORE_COMP = 0x2f, VarUint;
    UNPACK_SEQUENCE = 0x30, VarUint;
    UNPACK_EX = 0x31, VarUint;
    RETURN_VALUE = 0x63, Byte;
    RAISE_LAST = 0x64, Byte;
    RAISE_OBJ = 0x65, Byte;
    RAISE_FROM = 0x66, Byte;
    YIELD_VALUE = 0x67, Byte;
    YIELD_FROM = 0x68, Byte;
    MAKE_FUNCTION = 0x32, VarUint;
    MAKE_FUNCTION_DEFARGS = 0x33, VarUint;
    MAKE_CLOSURE = 0x20, VarUint;
    MAKE_CLOSURE_DEFARGS = 0x21, VarUint;
    CALL_FUNCTION = 0x34, VarUint;
    CALL_FUNCTION_VAR_KW = 0x35, VarUint;
    CALL_METHOD = 0x36, VarUint;
    CALL_METHOD_VAR_KW = 0x37, VarUint;
    IMPORT_NAME = 0x1b, Qstr;
    IMPORT_FROM = 0x1c, Qstr;
    IMPORT_STAR = 0x69, Byte;
}

/// Ranges of opcodes that carry their argument in the opcode byte itself.
pub const LOAD_CONST_SMALL_INT_MULTI: u8 = 0x70;
pub const LOAD_CONST_SMALL_INT_MULTI_EXCESS: i64 = 16;
pub const LOAD_CONST_SMALL_INT_MULTI_NUM: i64 = 64;
pub const LOAD_FAST_MULTI: u8 = 0xb0;
pub const STORE_FAST_MULTI: u8 = 0xc0;
pub const UNARY_OP_MULTI: u8 = 0xd0;
pub const BINARY_OP_MULTI: u8 = 0xd7;

/// Unary operator numbers (`mp_unary_op_t`).
pub const UNARY_POSITIVE: u8 = 0;
pub const UNARY_NEGATIVE: u8 = 1;
pub const UNARY_INVERT: u8 = 2;
pub const UNARY_NOT: u8 = 3;

/// Binary operator numbers (`mp_binary_op_t`), those the bytecode uses.
pub const BINARY_LESS: u8 = 0;
pub const BINARY_MORE: u8 = 1;
pub const BINARY_EQUAL: u8 = 2;
pub const BINARY_LESS_EQUAL: u8 = 3;
pub const BINARY_MORE_EQUAL: u8 = 4;
pub const BINARY_NOT_EQUAL: u8 = 5;
pub const BINARY_IN: u8 = 6;
pub const BINARY_IS: u8 = 7;
pub const BINARY_EXCEPTION_MATCH: u8 = 8;
pub const BINARY_INPLACE_OR: u8 = 9;
pub const BINARY_OR: u8 = 22;
/// Pseudo operators the emitter expands to IN/IS followed by NOT.
pub const BINARY_NOT_IN: u8 = 100;
pub const BINARY_IS_NOT: u8 = 101;

/// Offset of an operator from OR within the in-place or plain group, in `mp_binary_op_t`
/// order: or xor and lshift rshift add sub mul matmul floordiv truediv mod pow.
pub fn binary_op_offset(op: crate::tree::BinOp) -> u8 {
    use crate::tree::BinOp::*;
    match op {
        Or => 0,
        Xor => 1,
        And => 2,
        LShift => 3,
        RShift => 4,
        Add => 5,
        Sub => 6,
        Mul => 7,
        MatMul => 8,
        FloorDiv => 9,
        TrueDiv => 10,
        Mod => 11,
        Pow => 12,
    }
}

pub const BINARY_OP_NAMES: [&str; 35] = [
    "<", ">", "==", "<=", ">=", "!=", "in", "is", "exception_match", "|=", "^=", "&=", "<<=",
    ">>=", "+=", "-=", "*=", "@=", "//=", "/=", "%=", "**=", "|", "^", "&", "<<", ">>", "+", "-",
    "*", "@", "//", "/", "%", "**",
];
