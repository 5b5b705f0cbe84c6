//! Build constants whose value is `cfg!(...)`. A proc macro cannot evaluate `cfg!`: rustc
//! decides it. So `freeze!(..., consts = { DEBUG = cfg!(debug_assertions) })` expands to one
//! nested `freeze!` per outcome, each in a statement behind the matching `#[cfg]`:
//!
//! ```text
//! {
//!     #[cfg(all(debug_assertions))] let set = ::freeze::freeze!(..., consts = { DEBUG = true });
//!     #[cfg(all(not(debug_assertions)))] let set = ::freeze::freeze!(..., consts = { DEBUG = false });
//!     set
//! }
//! ```
//!
//! rustc removes the statements whose `cfg` is false before it expands the macros inside them,
//! so exactly one nested call compiles the folders. With n such constants (in any `consts` of
//! the call, `also` folders included) there are 2^n statements, so n is at most
//! `args::MAX_CFG_CONSTS`.

use crate::args::MAX_CFG_CONSTS;
use proc_macro2::{Delimiter, Group, Ident, TokenStream, TokenTree};
use quote::quote;

/// The expansion described above, for `input` (the macro's arguments as written).
pub fn expand(input: &TokenStream) -> TokenStream {
    let mut conditions = Vec::new();
    walk(input.clone(), false, &mut |cond, span| {
        conditions.push(cond.clone());
        TokenTree::Ident(Ident::new("true", span))
    });
    let n = conditions.len();
    if n > MAX_CFG_CONSTS {
        let msg = format!("freeze!: at most {MAX_CFG_CONSTS} build constants may be `cfg!(...)`, this call has {n}");
        return quote!(::core::compile_error!(#msg));
    }
    let variants = (0..1u32 << n).map(|bits| {
        let decided: Vec<bool> = (0..n).map(|i| bits & (1 << i) != 0).collect();
        let preds = conditions.iter().zip(&decided).map(|(c, on)| if *on { quote!(#c) } else { quote!(not(#c)) });
        let mut next = 0;
        let call = walk(input.clone(), false, &mut |_, span| {
            next += 1;
            TokenTree::Ident(Ident::new(if decided[next - 1] { "true" } else { "false" }, span))
        });
        quote!(#[cfg(all(#(#preds),*))] let set = ::freeze::freeze!(#call);)
    });
    quote!({ #(#variants)* set })
}

/// `tokens` with each `cfg!(...)` inside a `consts = { ... }` group replaced by what `decide`
/// gives for its condition, in the order they are written (groups are searched at any depth,
/// so the `consts` of `also` folders count too).
fn walk(tokens: TokenStream, in_consts: bool, decide: &mut dyn FnMut(&TokenStream, proc_macro2::Span) -> TokenTree) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let mut it = tokens.into_iter().peekable();
    // the last two tokens seen at this level: `consts` `=` before a brace group opens the consts
    let mut prev: [Option<String>; 2] = [None, None];
    while let Some(tt) = it.next() {
        let text = tt.to_string();
        match &tt {
            TokenTree::Ident(id) if in_consts && id == "cfg" && matches!(it.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') => {
                let _bang = it.next();
                match it.next() {
                    Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => out.push(decide(&g.stream(), id.span())),
                    // not a call: left for the argument parser to report
                    Some(other) => out.extend([tt.clone(), other]),
                    None => out.push(tt.clone()),
                }
            }
            TokenTree::Group(g) => {
                let opens_consts = g.delimiter() == Delimiter::Brace
                    && prev[0].as_deref() == Some("consts")
                    && prev[1].as_deref() == Some("=");
                let inner = walk(g.stream(), in_consts || opens_consts, decide);
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            _ => out.push(tt.clone()),
        }
        prev = [prev[1].take(), Some(text)];
    }
    out.into_iter().collect()
}
