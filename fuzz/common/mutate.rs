//! Structure-aware mutation: the fuzzer's bytes choose a valid seed document and a
//! sequence of edits to its JSON tree (replace a value, delete or add a member, copy a
//! subtree elsewhere, nest deeper, repeat an array element), so inputs stay close to
//! valid documents and reach the semantic checks, not only the JSON parser.

use arbitrary::{Result, Unstructured};
use serde_json::{Map, Value};

/// Values that stress the loaders: ids at the length limits, timestamps at the edges of
/// chrono's range, huge and fractional numbers, durations past any sane bound, tags of
/// every union.
const STRINGS: &[&str] = &[
    "",
    "a",
    "INC 42",
    "P4294967295W",
    "PT0S",
    "P1M",
    "PT1M",
    "P99999Y",
    "1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "2026-03-29T01:30:00+02:00",
    "+275760-09-13T00:00:00Z",
    "1.0.0",
    "2.0.0",
    "01.0.0",
    "1.0.0-rc.1",
    "18446744073709551616.0.0",
    ">=1.0.0, <2.0.0",
    "Europe/Berlin",
    "Not/AZone",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:4.0/AV:N",
    "AML.T0051",
    "any",
    "all",
    "harm",
    "notify",
    "wait",
    "gate",
    "terminal",
    "loop",
    "next",
    "team",
    "person",
    "rotation",
    "critical",
    "informational",
    "prompt_injection",
    "model",
    "MP",
    "Shared MP-OSP",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "s3://x",
    "\u{0}",
    "😀",
];

fn scalar(u: &mut Unstructured<'_>) -> Result<Value> {
    Ok(match u.int_in_range(0..=7)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::from(u.arbitrary::<i64>()?),
        3 => Value::from(u.arbitrary::<u64>()?),
        4 => Value::from(u.arbitrary::<f64>()?),
        5 => Value::from(*u.choose(STRINGS)?),
        6 => Value::from(u.arbitrary::<String>()?),
        _ => Value::from(u.int_in_range(0..=200u32)?),
    })
}

fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    if depth == 0 || u.ratio(2, 3)? {
        return scalar(u);
    }
    Ok(if u.arbitrary()? {
        let n = u.int_in_range(0..=3)?;
        Value::Array((0..n).map(|_| value(u, depth - 1)).collect::<Result<_>>()?)
    } else {
        let n = u.int_in_range(0..=3)?;
        let mut m = Map::new();
        for _ in 0..n {
            let k = if u.arbitrary()? { (*u.choose(STRINGS)?).to_owned() } else { u.arbitrary()? };
            m.insert(k, value(u, depth - 1)?);
        }
        Value::Object(m)
    })
}

/// Every node's path (a list of child positions) in the tree, up to a bound.
fn paths(v: &Value, here: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if out.len() > 4096 {
        return;
    }
    out.push(here.clone());
    let children: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(m) => m.values().collect(),
        _ => Vec::new(),
    };
    for (i, c) in children.into_iter().enumerate() {
        here.push(i);
        paths(c, here, out);
        here.pop();
    }
}

fn node_mut<'a>(v: &'a mut Value, path: &[usize]) -> Option<&'a mut Value> {
    let Some((&first, rest)) = path.split_first() else {
        return Some(v);
    };
    let child = match v {
        Value::Array(a) => a.get_mut(first)?,
        Value::Object(m) => m.values_mut().nth(first)?,
        _ => return None,
    };
    node_mut(child, rest)
}

fn node<'a>(v: &'a Value, path: &[usize]) -> Option<&'a Value> {
    let Some((&first, rest)) = path.split_first() else {
        return Some(v);
    };
    let child = match v {
        Value::Array(a) => a.get(first)?,
        Value::Object(m) => m.values().nth(first)?,
        _ => return None,
    };
    node(child, rest)
}

/// The most nodes a mutated document grows to.
const MAX_NODES: usize = 200_000;

/// One of `seeds` (JSON texts), edited a few times as the bytes say.
pub fn document(u: &mut Unstructured<'_>, seeds: &[&str]) -> Result<String> {
    let seed = u.choose(seeds)?;
    let mut doc: Value = serde_json::from_str(seed).unwrap_or(Value::Null);
    let edits = u.int_in_range(0..=8)?;
    for _ in 0..edits {
        let mut all = Vec::new();
        paths(&doc, &mut Vec::new(), &mut all);
        // Copies and repeats compound: stop growing past ~200k nodes (a few MB), so the
        // time goes to the library, not to building the input.
        if all.len() > MAX_NODES {
            break;
        }
        let target = u.choose(&all)?.clone();
        match u.int_in_range(0..=6)? {
            0 => {
                let new = value(u, 3)?;
                if let Some(n) = node_mut(&mut doc, &target) {
                    *n = new;
                }
            }
            1 => {
                // Delete a member or element.
                if let Some((&last, parent)) = target.split_last() {
                    if let Some(p) = node_mut(&mut doc, parent) {
                        match p {
                            Value::Array(a) if last < a.len() => {
                                a.remove(last);
                            }
                            Value::Object(m) => {
                                if let Some(k) = m.keys().nth(last).cloned() {
                                    m.remove(&k);
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            2 => {
                // Add a member (often a known field name) or an element.
                let new = value(u, 2)?;
                let key = if u.arbitrary()? { (*u.choose(STRINGS)?).to_owned() } else { u.arbitrary()? };
                match node_mut(&mut doc, &target) {
                    Some(Value::Object(m)) => {
                        m.insert(key, new);
                    }
                    Some(Value::Array(a)) => a.push(new),
                    _ => {}
                }
            }
            3 => {
                // Copy a subtree over another node (ids repeated, references crossed).
                let from = u.choose(&all)?.clone();
                if let Some(copy) = node(&doc, &from).cloned() {
                    if let Some(n) = node_mut(&mut doc, &target) {
                        *n = copy;
                    }
                }
            }
            4 => {
                // Nest deeper: wrap a node in `any`/`all` conditions or an array.
                let wraps = u.int_in_range(1..=40)?;
                if let Some(n) = node_mut(&mut doc, &target) {
                    let mut inner = n.take();
                    for _ in 0..wraps {
                        inner = if inner.is_object() {
                            serde_json::json!({"kind": "any", "conditions": [inner]})
                        } else {
                            Value::Array(vec![inner])
                        };
                    }
                    *n = inner;
                }
            }
            5 => {
                // Repeat an array element many times (duplicates, large lists).
                let times = u.int_in_range(1..=500)?;
                let room = MAX_NODES.saturating_sub(all.len());
                if let Some(Value::Array(a)) = node_mut(&mut doc, &target) {
                    if let Some(first) = a.first().cloned() {
                        let mut size = Vec::new();
                        paths(&first, &mut Vec::new(), &mut size);
                        let times = times.min(room / size.len().max(1));
                        a.extend(std::iter::repeat_n(first, times));
                    }
                }
            }
            _ => {
                let s = (*u.choose(STRINGS)?).to_owned();
                if let Some(n) = node_mut(&mut doc, &target) {
                    *n = Value::String(s);
                }
            }
        }
    }
    Ok(serde_json::to_string(&doc).unwrap_or_default())
}
