//! Build constants whose value is `cfg!(...)`. A proc macro cannot evaluate `cfg!`: rustc
//! decides it. So `freeze!(..., consts = { DEBUG = cfg!(debug_assertions) })` expands to one
//! nested `freeze!` per outcome, each in a statement behind the matching `#[cfg]`:
//!
//! ```text
//! {
//!     #[cfg(debug_assertions)] let set = ::freeze::freeze!(..., consts = { DEBUG = true });
//!     #[cfg(not(debug_assertions))] let set = ::freeze::freeze!(..., consts = { DEBUG = false });
//!     set
//! }
//! ```
//!
//! rustc removes the statements whose `cfg` is false before it expands the macros inside them,
//! so exactly one nested call compiles the folder. With n such constants there are 2^n
//! statements (at most `args::MAX_CFG_CONSTS` constants).

use crate::args::{Args, ConstValue};
use proc_macro2::{Delimiter, Group, Ident, TokenStream, TokenTree};
use quote::quote;

/// The expansion described above, for `input` (the macro's arguments as written).
pub fn expand(input: &TokenStream, args: &Args) -> TokenStream {
    let conditions: Vec<&TokenStream> = args
        .consts
        .iter()
        .filter_map(|c| match &c.value {
            ConstValue::Cfg(ts) => Some(ts),
            _ => None,
        })
        .collect();
    let n = conditions.len();
    let variants = (0..1u32 << n).map(|bits| {
        let decided: Vec<bool> = (0..n).map(|i| bits & (1 << i) != 0).collect();
        let preds = conditions.iter().zip(&decided).map(|(c, on)| if *on { quote!(#c) } else { quote!(not(#c)) });
        let call = substitute(input.clone(), &decided, &mut 0, false);
        quote!(#[cfg(all(#(#preds),*))] let set = ::freeze::freeze!(#call);)
    });
    quote!({ #(#variants)* set })
}

/// `tokens` with the `cfg!(...)` calls inside `consts = { ... }` replaced, in order, by the
/// booleans of `decided` (`next` counts the calls replaced so far).
fn substitute(tokens: TokenStream, decided: &[bool], next: &mut usize, in_consts: bool) -> TokenStream {
    let mut out: Vec<TokenTree> = Vec::new();
    let mut it = tokens.into_iter().peekable();
    // the last two tokens seen at this level: `consts` `=` before a brace group opens the consts
    let mut prev: [Option<String>; 2] = [None, None];
    while let Some(tt) = it.next() {
        match &tt {
            TokenTree::Ident(id) if in_consts && id == "cfg" => {
                let bang = matches!(it.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                if bang {
                    let _bang = it.next();
                    let _group = it.next();
                    let value = decided[*next];
                    *next += 1;
                    out.push(TokenTree::Ident(Ident::new(if value { "true" } else { "false" }, id.span())));
                    continue;
                }
                out.push(tt.clone());
            }
            TokenTree::Group(g) => {
                let opens_consts = !in_consts
                    && g.delimiter() == Delimiter::Brace
                    && prev[0].as_deref() == Some("consts")
                    && prev[1].as_deref() == Some("=");
                let inner = if opens_consts || in_consts || g.delimiter() == Delimiter::None {
                    substitute(g.stream(), decided, next, in_consts || opens_consts)
                } else {
                    g.stream()
                };
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            _ => out.push(tt.clone()),
        }
        prev = [prev[1].take(), Some(tt.to_string())];
    }
    out.into_iter().collect()
}
