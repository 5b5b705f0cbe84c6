//! Where the frozen bytes go, per module, as `freeze!` measured them at build time
//! (freeze-compiler's `size` module reads each `.mpy`; `mpy-freeze size` prints the same
//! numbers): [`FrozenModules::sizes`](crate::FrozenModules::sizes) and
//! [`FrozenModules::size_totals`](crate::FrozenModules::size_totals).

use crate::ffi::flash::load_copy;

/// One module's sizes. Plain words, so the table may sit in flash; read through
/// [`crate::FrozenModules::sizes`] (word loads). The fields are freeze-compiler's
/// `size::ModuleSize`, which the macro converts (the runtime does not depend on the compiler).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ModuleSize {
    /// The stored code: the `.mpy` file, or the text of a module frozen as source.
    pub stored_bytes: usize,
    /// Function data of all raw codes (preludes, line tables and instructions); 0 for source.
    pub bytecode_bytes: usize,
    /// Instructions alone (part of `bytecode_bytes`).
    pub opcode_bytes: usize,
    /// Encoded line-number tables (part of `bytecode_bytes`).
    pub line_table_bytes: usize,
    /// Function data of native raw codes (`@micropython.native`/`viper`/`asm_*`: machine code
    /// and native preludes), apart from `bytecode_bytes`.
    pub native_bytes: usize,
    /// Raw codes: the module, functions, classes, lambdas, comprehensions.
    pub raw_codes: usize,
    /// Entries of the qstr table.
    pub qstrs: usize,
    /// Of those, references to the interpreter's static qstrs.
    pub static_qstrs: usize,
    /// Bytes the qstr table takes in the file.
    pub qstr_bytes: usize,
    /// Entries of the constant table.
    pub constants: usize,
    /// Bytes the constant table takes in the file.
    pub constant_bytes: usize,
}

impl ModuleSize {
    /// Field by field sum.
    pub const fn plus(self, o: ModuleSize) -> ModuleSize {
        ModuleSize {
            stored_bytes: self.stored_bytes + o.stored_bytes,
            bytecode_bytes: self.bytecode_bytes + o.bytecode_bytes,
            opcode_bytes: self.opcode_bytes + o.opcode_bytes,
            line_table_bytes: self.line_table_bytes + o.line_table_bytes,
            native_bytes: self.native_bytes + o.native_bytes,
            raw_codes: self.raw_codes + o.raw_codes,
            qstrs: self.qstrs + o.qstrs,
            static_qstrs: self.static_qstrs + o.static_qstrs,
            qstr_bytes: self.qstr_bytes + o.qstr_bytes,
            constants: self.constants + o.constants,
            constant_bytes: self.constant_bytes + o.constant_bytes,
        }
    }

    /// A copy read through word loads (the table may be in flash).
    pub(crate) fn load(s: &ModuleSize) -> ModuleSize {
        load_copy(s)
    }
}
