//! The compiler on grammar-shaped Python (see `freeze_fuzz::grammar`): the bytes choose
//! statements, expressions and blocks, so inputs get past the parser into scope analysis and
//! code generation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (source, opt) = freeze_fuzz::grammar::program(data);
    freeze_fuzz::check_compile(&source, opt);
});
