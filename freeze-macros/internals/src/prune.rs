//! `entry = "main"`: freeze only what the entry points import. Each module's imports are read
//! statically (freeze-compiler's `imports`: every `import` statement anywhere in the module,
//! except in branches the compiler drops, such as `if DEBUG:` with a false build constant);
//! from the entries, every module an import may reach is kept, and so on transitively:
//!
//! - `import a.b.c` reaches `a`, `a.b` and `a.b.c` (importing a module runs its packages'
//!   `__init__`), relative imports are resolved against the importer's package, and
//!   `from a.b import c` reaches `a.b.c` too when that is a module;
//! - a kept module keeps its packages (`a.b.c` keeps `a` and `a.b`);
//! - dynamic imports (`__import__(name)`, a plugin found by name) cannot be seen: `keep` names
//!   them, as dotted-name globs (`plugins.*`, `drivers.**`);
//! - prebuilt `.mpy` files are not read: what they import must be reached another way or kept.
//!
//! An import that names no frozen module (`import gc`, a built-in) or goes above the top
//! package reaches nothing; Python decides at run time.

use crate::args::Globs;
use std::collections::{BTreeMap, BTreeSet};

/// A module and the names its imports may reach.
pub struct Node<'a> {
    pub name: &'a str,
    pub reaches: &'a [String],
}

/// The names of the modules to keep, or an error naming an entry that is not frozen.
pub fn reachable(nodes: &[Node], entries: &[String], keep: &Globs) -> Result<BTreeSet<String>, String> {
    let by_name: BTreeMap<&str, &Node> = nodes.iter().map(|n| (n.name, n)).collect();
    let mut todo: Vec<&str> = Vec::new();
    for e in entries {
        match by_name.get_key_value(e.as_str()) {
            Some((name, _)) => todo.push(name),
            None => return Err(format!("freeze!: `entry` names `{e}`, which is not a frozen module of this set")),
        }
    }
    todo.extend(nodes.iter().filter(|n| keep.is_match(&n.name.replace('.', "/"))).map(|n| n.name));
    let mut kept = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !kept.insert(name.to_string()) {
            continue;
        }
        // the packages above it run first
        let mut at = name;
        while let Some((parent, _)) = at.rsplit_once('.') {
            if let Some((p, _)) = by_name.get_key_value(parent) {
                todo.push(p);
            }
            at = parent;
        }
        for target in by_name[name].reaches {
            if let Some((t, _)) = by_name.get_key_value(target.as_str()) {
                todo.push(t);
            }
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn follows_imports_packages_and_keeps() {
        let graph = [
            ("main", strings(&["app.ui", "gc"])),
            ("app", strings(&[])),
            ("app.ui", strings(&["app.draw"])),
            ("app.draw", strings(&[])),
            ("app.unused", strings(&[])),
            ("plugins", strings(&[])),
            ("plugins.a", strings(&["app.extra"])),
            ("plugins.deep.b", strings(&[])),
            ("app.extra", strings(&[])),
            ("tests", strings(&["main"])),
        ];
        let nodes: Vec<Node> = graph.iter().map(|(n, r)| Node { name: n, reaches: r }).collect();
        let keep = Globs::new(vec!["plugins/*".into()]).unwrap();
        let kept = reachable(&nodes, &strings(&["main"]), &keep).unwrap();
        let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
        assert_eq!(kept, ["app", "app.draw", "app.extra", "app.ui", "main", "plugins", "plugins.a"]);
        assert!(reachable(&nodes, &strings(&["nope"]), &keep).unwrap_err().contains("`nope`"));
    }
}
