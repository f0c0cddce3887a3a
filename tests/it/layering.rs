//! The module graph has no cycles: no two top-level modules import each other (directly
//! or through others), and within an area (`threat`, `escalation`, …) no two sibling
//! files do. Read from the sources, so a new import that closes a cycle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::root;

/// Module path of each source file (`threat/ranking.rs` → `["threat", "ranking"]`), with
/// its text up to its `#[cfg(test)]` module (tests may import anything).
fn sources() -> Vec<(Vec<String>, String)> {
    fn walk(dir: &Path, prefix: &[String], out: &mut Vec<(Vec<String>, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                if name != "bin" {
                    let mut p = prefix.to_vec();
                    p.push(name);
                    walk(&path, &p, out);
                }
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut module = prefix.to_vec();
                if stem != "mod" && stem != "lib" {
                    module.push(stem.to_owned());
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code: String = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap()
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push((module, code));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root("src"), &[], &mut out);
    out
}

/// Identifiers following each occurrence of `prefix` (e.g. `crate::` → `threat`), and
/// inside a `prefix{…}` group the first identifier of each item.
fn names_after(code: &str, prefix: &str) -> Vec<String> {
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut out = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(body.split(',').map(|item| ident(item.trim())));
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// A cycle in `edges`, if any (depth-first search with colours).
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        stack.push(n.to_owned());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => {
                    let start = stack.iter().position(|s| s == m).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str()) {
            if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn modules_import_without_cycles() {
    let files = sources();
    let top: BTreeSet<String> = files.iter().filter_map(|(m, _)| m.first().cloned()).collect();
    assert!(top.contains("threat") && top.contains("validation"), "{top:?}");
    let mut crate_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sibling_edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        let Some(area) = module.first() else { continue };
        for name in names_after(code, "crate::") {
            if top.contains(&name) && &name != area {
                crate_edges.entry(area.clone()).or_default().insert(name);
            }
        }
        // Sibling files of one area, e.g. `threat::ranking` → `threat::method`.
        if module.len() == 2 {
            let siblings: BTreeSet<&str> = files
                .iter()
                .filter(|(m, _)| m.len() == 2 && m[0] == *area)
                .map(|(m, _)| m[1].as_str())
                .collect();
            let mut targets = names_after(code, "super::");
            targets.extend(names_after(code, &format!("crate::{area}::")));
            for name in targets {
                if siblings.contains(name.as_str()) && name != module[1] {
                    sibling_edges
                        .entry(module.join("::"))
                        .or_default()
                        .insert(format!("{area}::{name}"));
                }
            }
        }
    }
    assert!(
        crate_edges.get("policy").is_some_and(|e| e.contains("escalation")),
        "the scan sees imports: {crate_edges:?}"
    );
    assert_eq!(find_cycle(&crate_edges), None, "top-level modules: {crate_edges:#?}");
    assert!(
        sibling_edges
            .get("threat::ranking")
            .is_some_and(|e| e.contains("threat::method")),
        "the scan sees sibling imports: {sibling_edges:?}"
    );
    assert_eq!(find_cycle(&sibling_edges), None, "sibling files: {sibling_edges:#?}");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let edges: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), BTreeSet::from([b.to_owned()])))
        .collect();
    assert_eq!(find_cycle(&edges).unwrap().len(), 4);
    assert_eq!(names_after("use super::{a::b, c};", "super::"), ["a", "c"]);
}
