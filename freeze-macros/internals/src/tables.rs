//! `tables = true`: MicroPython's frozen-module tables for the interpreter the firmware links,
//! emitted beside the descriptors (freeze-compiler's `frozen_tables` writes them).
//!
//! The interpreter is named by the environment variable `FREEZE_MICROPYTHON_ABI`, the path of
//! the ABI file freeze-micropython's build writes (`DEP_MICROPYTHON_ABI` in the firmware's build
//! script, passed on with `println!("cargo:rustc-env=FREEZE_MICROPYTHON_ABI={abi}")`). The file
//! is tracked, so rebuilding the interpreter differently rebuilds the tables.

use proc_macro2::TokenStream;
use quote::quote;

/// The env variable naming the ABI file.
const ABI_VAR: &str = "FREEZE_MICROPYTHON_ABI";

/// The tables' items for `files` (path, `.mpy`) and `sources` (path, text of a module frozen as
/// source), in the order given.
pub fn emit(
    files: &[(String, Vec<u8>)],
    sources: &[(String, Vec<u8>)],
    link_section: Option<&str>,
) -> Result<TokenStream, Vec<String>> {
    let path = std::env::var(ABI_VAR).map_err(|_| {
        vec![format!(
            "freeze!: `tables = true` needs the interpreter's ABI file in the environment variable {ABI_VAR}: \
             add freeze-micropython to the firmware and, in its build.rs, \
             `println!(\"cargo:rustc-env={ABI_VAR}={{}}\", std::env::var(\"DEP_MICROPYTHON_ABI\").unwrap())`"
        )]
    })?;
    let text = std::fs::read_to_string(&path)
        .map_err(|e| vec![format!("freeze!: cannot read the interpreter's ABI file {path} ({ABI_VAR}): {e}")])?;
    let abi = freeze_compiler::frozen_tables::Abi::parse(&text)
        .map_err(|e| vec![format!("freeze!: {path} ({ABI_VAR}): {e}")])?;
    let mpys: Vec<&[u8]> = files.iter().map(|(_, m)| m.as_slice()).collect();
    let texts: Vec<freeze_compiler::frozen_tables::SourceModule> = sources
        .iter()
        .map(|(path, text)| freeze_compiler::frozen_tables::SourceModule { path, text })
        .collect();
    let source = freeze_compiler::frozen_tables::emit(&mpys, &texts, &abi, "::freeze::runtime::micropython::tables", link_section)
        .map_err(|e| vec![format!("freeze!: frozen tables: {e}")])?;
    let items: TokenStream =
        source.parse().map_err(|e| vec![format!("freeze!: internal error: the frozen tables do not parse: {e}")])?;
    Ok(quote! {
        const _: &[u8] = ::core::include_bytes!(#path);
        #items
    })
}
