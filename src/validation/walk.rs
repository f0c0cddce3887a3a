//! A JSON Schema (draft 2020-12) walker for the subset schemars generates, collecting
//! every violation with its JSON pointer.
//!
//! Cost is linear in the document for the schemas this crate generates: a `oneOf` or
//! `anyOf` is resolved without trying every alternative when it is a tagged union (the
//! alternative whose `kind` constant matches the value's `kind`), a set of constants, or
//! one alternative besides `null`; only then is the value walked, against that one
//! alternative. Any other union is decided by checking each alternative silently, and
//! those answers are memoized per (schema node, value node), so no subtree is walked
//! more than a constant number of times. Recursion is bounded: by the depth of the
//! document (serde_json refuses more than 128 levels) and by [`MAX_REF_CHAIN`] `$ref`s
//! followed without descending into the value.

use foldhash::{HashMap, HashMapExt};

use std::fmt::Write as _;
use std::sync::{Mutex, OnceLock, PoisonError};

use regex::Regex;
use serde_json::{Map, Number, Value};

use crate::report::{ProblemKind, ValidationReport, escape_token, push_token};

/// How many `$ref`s may be followed in a row without descending into the value; a longer
/// chain (a reference cycle in a hand-written schema) fails instead of recursing forever.
const MAX_REF_CHAIN: u32 = 32;

/// Checks `value` against `schema` and appends each violation to `report` as a
/// structure problem.
pub(super) fn check(schema: &Value, value: &Value, report: &mut ValidationReport) {
    let mut w = Walker {
        root: schema,
        regexes: HashMap::new(),
        memo: HashMap::new(),
        tags: HashMap::new(),
        refs: HashMap::new(),
        one_of: HashMap::new(),
        out: Vec::new(),
    };
    let mut pointer = String::new();
    w.node(schema, value, &mut pointer, true, 0);
    for (p, kind, expected, found) in w.out {
        report.push(p, kind, expected, found);
    }
}

struct Walker<'s> {
    root: &'s Value,
    regexes: HashMap<&'s str, Option<&'static Regex>>,
    /// Validity of (schema node, value node) pairs decided silently, by address.
    memo: HashMap<(usize, usize), bool>,
    /// Each union's alternatives' tags (by the address of its alternatives), when every
    /// alternative has one: looked up once per union schema, not per value.
    tags: HashMap<usize, Option<std::rc::Rc<[&'s str]>>>,
    /// Resolved `$ref`s.
    refs: HashMap<&'s str, Option<&'s Value>>,
    /// Formatted lists of allowed values, by the address of the list.
    one_of: HashMap<usize, std::rc::Rc<str>>,
    out: Vec<(String, ProblemKind, String, Option<String>)>,
}

pub(super) fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => {
            let short: String = s.chars().take(60).collect();
            if short.len() < s.len() {
                format!("`{short}…`")
            } else {
                format!("`{s}`")
            }
        }
        Value::Array(a) => format!("an array of {} items", a.len()),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        _ => true,
    }
}

fn article(ty: &str) -> String {
    match ty {
        "object" | "array" | "integer" => format!("an {ty}"),
        "null" => "null".to_owned(),
        _ => format!("a {ty}"),
    }
}

fn quoted_list<'a>(values: impl Iterator<Item = &'a Value>) -> String {
    values
        .map(|v| format!("`{}`", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Exact order of two JSON numbers: integers compare as integers (no rounding through
/// `f64` near 2^64), anything else as `f64`.
fn cmp_numbers(a: &Number, b: &Number) -> Option<std::cmp::Ordering> {
    fn wide(n: &Number) -> Option<i128> {
        n.as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from))
            .or_else(|| {
                // An integral f64 (e.g. a value beyond u64 that serde_json read as f64).
                let f = n.as_f64()?;
                (f.fract() == 0.0 && f.abs() < 1.0e38).then(|| {
                    #[allow(clippy::cast_possible_truncation)] // integral and in range
                    let i = f as i128;
                    i
                })
            })
    }
    match (wide(a), wide(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// `pattern` compiled, once per process and shared: the schemas are the crate's own, so
/// the patterns are few (tens; each compiled program is kept for the life of the
/// process), and compiling one, or even cloning it (a clone starts with empty match
/// caches), costs far more than checking a document with it.
fn compiled(pattern: &str) -> Option<&'static Regex> {
    static CACHE: OnceLock<Mutex<std::collections::HashMap<String, Option<&'static Regex>>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(&known) = cache.get(pattern) {
        return known;
    }
    let regex = Regex::new(pattern).ok().map(|r| &*Box::leak(Box::new(r)));
    cache.insert(pattern.to_owned(), regex);
    regex
}

/// The tag of a tagged-union alternative: its `kind` property's constant.
fn tag_of(alt: &Value) -> Option<&str> {
    alt.get("properties")?.get("kind")?.get("const")?.as_str()
}

fn is_null_type(alt: &Value) -> bool {
    alt.get("type").and_then(Value::as_str) == Some("null")
}

/// The keywords of one schema object, gathered in one pass over its members (schema
/// objects are small BTreeMaps; one pass costs less than a lookup per keyword).
#[derive(Default)]
struct Kw<'s> {
    reference: Option<&'s str>,
    ty: Option<&'s Value>,
    enumeration: Option<&'s Vec<Value>>,
    constant: Option<&'s Value>,
    all_of: Option<&'s Vec<Value>>,
    any_of: Option<&'s Vec<Value>>,
    one_of: Option<&'s Vec<Value>>,
    not: Option<&'s Value>,
    pattern: Option<&'s str>,
    format: Option<&'s str>,
    description: Option<&'s str>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    bounds: [Option<&'s Number>; 4],
    min_items: Option<u64>,
    max_items: Option<u64>,
    items: Option<&'s Value>,
    prefix_items: Option<&'s Vec<Value>>,
    min_properties: Option<u64>,
    max_properties: Option<u64>,
    properties: Option<&'s Map<String, Value>>,
    required: Option<&'s Vec<Value>>,
    property_names: Option<&'s Value>,
    additional: Option<&'s Value>,
}

impl<'s> Kw<'s> {
    fn of(s: &'s Map<String, Value>) -> Self {
        let mut k = Self::default();
        for (key, v) in s {
            match key.as_str() {
                "$ref" => k.reference = v.as_str(),
                "type" => k.ty = Some(v),
                "enum" => k.enumeration = v.as_array(),
                "const" => k.constant = Some(v),
                "allOf" => k.all_of = v.as_array(),
                "anyOf" => k.any_of = v.as_array(),
                "oneOf" => k.one_of = v.as_array(),
                "not" => k.not = Some(v),
                "pattern" => k.pattern = v.as_str(),
                "format" => k.format = v.as_str(),
                "description" => k.description = v.as_str(),
                "minLength" => k.min_length = v.as_u64(),
                "maxLength" => k.max_length = v.as_u64(),
                "minimum" => k.bounds[0] = v.as_number(),
                "exclusiveMinimum" => k.bounds[1] = v.as_number(),
                "maximum" => k.bounds[2] = v.as_number(),
                "exclusiveMaximum" => k.bounds[3] = v.as_number(),
                "minItems" => k.min_items = v.as_u64(),
                "maxItems" => k.max_items = v.as_u64(),
                "items" => k.items = Some(v),
                "prefixItems" => k.prefix_items = v.as_array(),
                "minProperties" => k.min_properties = v.as_u64(),
                "maxProperties" => k.max_properties = v.as_u64(),
                "properties" => k.properties = v.as_object(),
                "required" => k.required = v.as_array(),
                "propertyNames" => k.property_names = Some(v),
                "additionalProperties" => k.additional = Some(v),
                _ => {}
            }
        }
        k
    }
}

impl<'s> Walker<'s> {
    fn regex(&mut self, pattern: &'s str) -> Option<&'static Regex> {
        *self.regexes.entry(pattern).or_insert_with(|| compiled(pattern))
    }

    fn resolve(&mut self, reference: &'s str) -> Option<&'s Value> {
        let root = self.root;
        *self
            .refs
            .entry(reference)
            .or_insert_with(|| reference.strip_prefix('#').and_then(|p| root.pointer(p)))
    }

    /// "one of `a`, `b`, …" for a list of allowed values, formatted once per list.
    fn one_of<'a>(&mut self, key: usize, values: impl Iterator<Item = &'a Value>) -> String {
        self.one_of
            .entry(key)
            .or_insert_with(|| format!("one of {}", quoted_list(values)).into())
            .to_string()
    }

    /// Records a violation when reporting; always returns `false` (invalid).
    fn fail(&mut self, report: bool, ptr: &str, expected: String, found: Option<String>) -> bool {
        if report {
            self.out.push((ptr.to_owned(), ProblemKind::Structure, expected, found));
        }
        false
    }

    /// Checks `v` against `schema`. With `report`, every violation is recorded; without,
    /// the answer alone is wanted and the walk stops at the first violation.
    fn node(&mut self, schema: &'s Value, v: &Value, ptr: &mut String, report: bool, refs: u32) -> bool {
        let s = match schema {
            Value::Bool(true) => return true,
            Value::Bool(false) => return self.fail(report, ptr, "nothing here".to_owned(), Some(describe(v))),
            Value::Object(s) => s,
            _ => return true,
        };
        let k = Kw::of(s);
        let mut ok = true;
        if let Some(r) = k.reference {
            ok &= match self.resolve(r) {
                Some(_) if refs >= MAX_REF_CHAIN => self.fail(
                    report,
                    ptr,
                    format!(
                        "a value (schema reference `{r}` is part of a reference chain longer than {MAX_REF_CHAIN})"
                    ),
                    None,
                ),
                Some(target) => self.node(target, v, ptr, report, refs.saturating_add(1)),
                None => self.fail(
                    report,
                    ptr,
                    format!("a value (schema reference `{r}` does not resolve)"),
                    None,
                ),
            };
            if !ok && !report {
                return false;
            }
        }
        if let Some(ty) = k.ty {
            let fits = match ty {
                Value::String(t) => type_matches(t, v),
                Value::Array(ts) => ts.is_empty() || ts.iter().filter_map(Value::as_str).any(|t| type_matches(t, v)),
                _ => true,
            };
            if !fits {
                let expected = match ty {
                    Value::String(t) => article(t),
                    Value::Array(ts) => ts
                        .iter()
                        .filter_map(Value::as_str)
                        .map(article)
                        .collect::<Vec<_>>()
                        .join(" or "),
                    _ => String::new(),
                };
                return self.fail(report, ptr, expected, Some(describe(v)));
            }
        }
        if let Some(values) = k.enumeration {
            if !values.contains(v) {
                let expected = self.one_of(values.as_ptr() as usize, values.iter());
                return self.fail(report, ptr, expected, Some(describe(v)));
            }
        }
        if let Some(c) = k.constant {
            if c != v {
                let expected = format!("`{}`", c.as_str().map_or_else(|| c.to_string(), str::to_owned));
                return self.fail(report, ptr, expected, Some(describe(v)));
            }
        }
        ok &= match v {
            Value::String(text) => self.string(&k, text, v, ptr, report),
            Value::Number(n) => self.number(&k, n, v, ptr, report),
            Value::Object(obj) => self.object(&k, obj, ptr, report),
            Value::Array(items) => self.array(&k, items, v, ptr, report),
            Value::Bool(_) | Value::Null => true,
        };
        if !ok && !report {
            return false;
        }
        if let Some(all) = k.all_of {
            for sub in all {
                ok &= self.node(sub, v, ptr, report, 0);
                if !ok && !report {
                    return false;
                }
            }
        }
        if let Some(any) = k.any_of {
            ok &= self.union(any, v, ptr, report, false);
        }
        if let Some(one) = k.one_of {
            ok &= self.union(one, v, ptr, report, true);
        }
        if let Some(not) = k.not {
            if self.silently(not, v) {
                let what = not.get("pattern").and_then(Value::as_str).map_or_else(
                    || "a value not matching the excluded form".to_owned(),
                    |p| format!("a string not matching `{p}`"),
                );
                ok = self.fail(report, ptr, what, Some(describe(v)));
            }
        }
        ok
    }

    /// Whether `v` matches `schema`, memoized per pair of nodes.
    fn silently(&mut self, schema: &'s Value, v: &Value) -> bool {
        let key = (std::ptr::from_ref(schema) as usize, std::ptr::from_ref(v) as usize);
        if let Some(&known) = self.memo.get(&key) {
            return known;
        }
        let answer = self.node(schema, v, &mut String::new(), false, 0);
        self.memo.insert(key, answer);
        answer
    }

    /// `anyOf` (`exactly_one` false) or `oneOf` (true).
    fn union(&mut self, alts: &'s [Value], v: &Value, ptr: &mut String, report: bool, exactly_one: bool) -> bool {
        // Tagged union: the alternative whose `kind` constant is the value's `kind`.
        let tags = self
            .tags
            .entry(alts.as_ptr() as usize)
            .or_insert_with(|| {
                let tags: Vec<&'s str> = alts.iter().filter_map(tag_of).collect();
                (!alts.is_empty() && tags.len() == alts.len()).then(|| tags.into())
            })
            .clone();
        if let Some(tags) = tags {
            let Some(obj) = v.as_object() else {
                return self.fail(report, ptr, "an object".to_owned(), Some(describe(v)));
            };
            let Some(kind) = obj.get("kind") else {
                let at = format!("{ptr}/kind");
                return self.fail(report, &at, "a `kind` tag (the property is required)".to_owned(), None);
            };
            let chosen = kind
                .as_str()
                .and_then(|k| tags.iter().position(|t| *t == k))
                .and_then(|i| alts.get(i));
            return match chosen {
                Some(alt) => self.node(alt, v, ptr, report, 0),
                None => {
                    let expected = format!(
                        "one of {}",
                        tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")
                    );
                    let at = format!("{ptr}/kind");
                    self.fail(report, &at, expected, Some(describe(kind)))
                }
            };
        }
        // A set of constants (a unit enum with documented values).
        if !alts.is_empty() && alts.iter().all(|a| a.get("const").is_some()) {
            if alts.iter().any(|a| a.get("const") == Some(v)) {
                return true;
            }
            let expected = self.one_of(alts.as_ptr() as usize, alts.iter().filter_map(|a| a.get("const")));
            return self.fail(report, ptr, expected, Some(describe(v)));
        }
        // `Option<T>`: null, or the one other alternative.
        let non_null: Vec<&'s Value> = alts.iter().filter(|a| !is_null_type(a)).collect();
        if let [only] = non_null.as_slice() {
            if v.is_null() && non_null.len() < alts.len() {
                return true;
            }
            return self.node(only, v, ptr, report, 0);
        }
        // Anything else: decide each alternative silently (memoized).
        let matching = alts.iter().filter(|a| self.silently(a, v)).count();
        match matching {
            0 => self.fail(
                report,
                ptr,
                format!("a value matching one of {} alternatives", alts.len()),
                Some(describe(v)),
            ),
            1 => true,
            n if exactly_one => self.fail(
                report,
                ptr,
                "a value matching exactly one alternative".to_owned(),
                Some(format!("{} matching {n}", describe(v))),
            ),
            _ => true,
        }
    }

    fn string(&mut self, k: &Kw<'s>, text: &str, v: &Value, ptr: &str, report: bool) -> bool {
        let mut ok = true;
        if let Some(pattern) = k.pattern {
            if !self.regex(pattern).is_none_or(|re| re.is_match(text)) {
                let expected = match k.description {
                    // A long pattern (bounded numbers) says less than its description.
                    Some(d) if pattern.len() > 100 => {
                        let d = d.split_whitespace().collect::<Vec<_>>().join(" ");
                        let d = d.trim_end_matches('.');
                        let mut chars = d.chars();
                        chars
                            .next()
                            .map(|c| c.to_lowercase().chain(chars).collect::<String>())
                            .unwrap_or_default()
                    }
                    Some(d) => format!("a string matching `{pattern}` ({})", d.trim_end_matches('.')),
                    None => format!("a string matching `{pattern}`"),
                };
                ok = self.fail(report, ptr, expected, Some(describe(v)));
                if !report {
                    return false;
                }
            }
        }
        if k.min_length.is_some() || k.max_length.is_some() {
            let chars = text.chars().count() as u64;
            if let Some(min) = k.min_length.filter(|&min| chars < min) {
                ok = self.fail(
                    report,
                    ptr,
                    format!("a string of at least {min} characters"),
                    Some(describe(v)),
                );
            }
            if let Some(max) = k.max_length.filter(|&max| chars > max) {
                ok = self.fail(
                    report,
                    ptr,
                    format!("a string of at most {max} characters"),
                    Some(describe(v)),
                );
            }
        }
        // Formats: asserted here (JSON Schema leaves them to the validator); durations
        // (recognised by their pattern) as the crate reads them, which a pattern cannot
        // fully say (at most 100 years).
        match k.format {
            Some("date-time") if crate::time::parse_str(text).is_none() => {
                self.fail(report, ptr, crate::time::EXPECTED.to_owned(), Some(describe(v)))
            }
            Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                self.fail(report, ptr, "a date such as `2026-03-01`".to_owned(), Some(describe(v)))
            }
            _ if ok && k.pattern == Some(super::transform::duration_pattern()) => {
                match crate::duration::IsoDuration::parse(text) {
                    // The 100-year total is beyond what a schema can state: a library-only
                    // check (a semantic problem), which leaves the value schema-valid.
                    Err(crate::error::Error::InvalidValue { expected, .. }) if super::library_only(&expected) => {
                        if report {
                            self.out
                                .push((ptr.to_owned(), ProblemKind::Semantic, expected, Some(describe(v))));
                        }
                        ok
                    }
                    Err(crate::error::Error::InvalidValue { expected, .. }) => {
                        self.fail(report, ptr, expected, Some(describe(v)))
                    }
                    _ => ok,
                }
            }
            _ => ok,
        }
    }

    fn number(&mut self, k: &Kw<'s>, n: &Number, v: &Value, ptr: &str, report: bool) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let mut ok = true;
        let rules: [(&str, &[std::cmp::Ordering]); 4] = [
            ("≥", &[Less]),
            (">", &[Less, Equal]),
            ("≤", &[Greater]),
            ("<", &[Greater, Equal]),
        ];
        for (bound, (sign, bad)) in k.bounds.iter().zip(rules) {
            if let Some(bound) = bound {
                // Numbers that cannot be ordered (never in JSON) count as violations.
                if cmp_numbers(n, bound).is_none_or(|o| bad.contains(&o)) {
                    ok = self.fail(report, ptr, format!("a number {sign} {bound}"), Some(describe(v)));
                }
            }
        }
        ok
    }

    fn array(&mut self, k: &Kw<'s>, items: &[Value], v: &Value, ptr: &mut String, report: bool) -> bool {
        let mut ok = true;
        if let Some(min) = k.min_items.filter(|&min| (items.len() as u64) < min) {
            ok = self.fail(report, ptr, format!("at least {min} items"), Some(describe(v)));
        }
        if let Some(max) = k.max_items.filter(|&max| (items.len() as u64) > max) {
            ok = self.fail(report, ptr, format!("at most {max} items"), Some(describe(v)));
        }
        if !ok && !report {
            return false;
        }
        // `prefixItems` check items by position; `items` then applies to the rest.
        let prefix = k.prefix_items.map_or(&[][..], Vec::as_slice);
        for (i, (schema, item)) in prefix.iter().zip(items).enumerate() {
            let len = ptr.len();
            // Writing to a String cannot fail.
            let _ = write!(ptr, "/{i}");
            ok &= self.node(schema, item, ptr, report, 0);
            ptr.truncate(len);
            if !ok && !report {
                return false;
            }
        }
        if let Some(item_schema) = k.items {
            for (i, item) in items.iter().enumerate().skip(prefix.len()) {
                let len = ptr.len();
                // Writing to a String cannot fail.
                let _ = write!(ptr, "/{i}");
                ok &= self.node(item_schema, item, ptr, report, 0);
                ptr.truncate(len);
                if !ok && !report {
                    return false;
                }
            }
        }
        ok
    }

    fn object(&mut self, k: &Kw<'s>, obj: &Map<String, Value>, ptr: &mut String, report: bool) -> bool {
        let mut ok = true;
        let count = obj.len() as u64;
        if let Some(min) = k.min_properties.filter(|&min| count < min) {
            ok = self.fail(
                report,
                ptr,
                format!("an object with at least {min} members"),
                Some(format!("{count} members")),
            );
        }
        if let Some(max) = k.max_properties.filter(|&max| count > max) {
            ok = self.fail(
                report,
                ptr,
                format!("an object with at most {max} members"),
                Some(format!("{count} members")),
            );
        }
        if !ok && !report {
            return false;
        }
        let props = k.properties;
        if let Some(required) = k.required {
            for name in required.iter().filter_map(Value::as_str) {
                if !obj.contains_key(name) {
                    let at = format!("{ptr}/{}", escape_token(name));
                    ok = self.fail(report, &at, "a value (the property is required)".to_owned(), None);
                    if !report {
                        return false;
                    }
                }
            }
        }
        for (key, value) in obj {
            let len = ptr.len();
            ptr.push('/');
            push_token(ptr, key);
            if let Some(names) = k.property_names {
                let key_value = Value::String(key.clone());
                // The memo is keyed by addresses: a value on the stack must not enter it
                // (the next key would reuse the address), so it gets a memo of its own.
                let memo = std::mem::take(&mut self.memo);
                let fits = self.node(names, &key_value, &mut String::new(), false, 0);
                self.memo = memo;
                if !fits {
                    let hint = names
                        .get("pattern")
                        .and_then(Value::as_str)
                        .map_or_else(String::new, |p| format!(" matching `{p}`"));
                    ok = self.fail(report, ptr, format!("a property name{hint}"), Some(format!("`{key}`")));
                }
            }
            ok &= match props.and_then(|p| p.get(key)) {
                Some(sub) => self.node(sub, value, ptr, report, 0),
                None => match k.additional {
                    Some(Value::Bool(false)) => {
                        // At most 30 names: each problem stays small however many
                        // unknown members a document has.
                        let allowed = props
                            .map(|p| {
                                let mut names: Vec<String> = p.keys().take(30).map(|k| format!("`{k}`")).collect();
                                if p.len() > 30 {
                                    names.push(format!("… ({} in all)", p.len()));
                                }
                                names.join(", ")
                            })
                            .unwrap_or_default();
                        let expected = format!("no property `{key}` here (allowed: {allowed})");
                        self.fail(report, ptr, expected, Some(describe(value)))
                    }
                    Some(sub) => self.node(sub, value, ptr, report, 0),
                    None => true,
                },
            };
            ptr.truncate(len);
            if !ok && !report {
                return false;
            }
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(schema: &Value, v: &Value) -> Vec<String> {
        let mut r = ValidationReport::new(crate::report::DocumentKind::Incident);
        check(schema, v, &mut r);
        r.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn integers_compare_exactly_near_u64_max() {
        let schema = json!({"type": "integer", "minimum": 0, "maximum": 18_446_744_073_709_551_615u64});
        assert!(problems(&schema, &json!(18_446_744_073_709_551_615u64)).is_empty());
        let beyond: Value = serde_json::from_str("18446744073709551616").unwrap();
        assert_eq!(problems(&schema, &beyond).len(), 1);
        assert_eq!(problems(&schema, &json!(-1)).len(), 1);
    }

    #[test]
    fn reference_cycles_end() {
        let schema = json!({"$ref": "#/$defs/a", "$defs": {"a": {"$ref": "#/$defs/a"}}});
        let p = problems(&schema, &json!(1));
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].contains("reference chain"), "{p:?}");
    }

    #[test]
    fn tagged_union_reports_against_the_chosen_alternative() {
        let schema = json!({"oneOf": [
            {"type": "object", "properties": {"kind": {"const": "a"}, "x": {"type": "integer"}}, "required": ["kind"]},
            {"type": "object", "properties": {"kind": {"const": "b"}}, "required": ["kind"]}
        ]});
        assert_eq!(
            problems(&schema, &json!({"kind": "a", "x": "no"})),
            ["/x: expected an integer, found `no`"]
        );
        assert_eq!(
            problems(&schema, &json!({"kind": "c"})),
            ["/kind: expected one of `a`, `b`, found `c`"]
        );
    }
}
