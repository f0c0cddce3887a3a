//! Post-processing of schemars' output into schemas every validator takes with its
//! default options (ajv in strict mode, Python `jsonschema` with format checking):
//!
//! - schemars' own integer and float formats (`uint8` … `uint64`, `int32`, `double`, …)
//!   are not JSON Schema formats; they become `minimum` / `maximum` bounds;
//! - a `oneOf` of `const`s (a closed enum with a description per value) becomes an
//!   `enum`, so validators name the allowed values; the per-value descriptions move into
//!   the `description` text;
//! - `\d` in patterns becomes `[0-9]` (Python's `\d` also matches other scripts' digits);
//! - semver numbers in patterns are bounded as the `semver` crate bounds them (a
//!   `u64`, no leading zero).
//!
//! A transform, not hand edits: the schemas are regenerated from the types and the
//! drift test compares them with the published files.

use serde_json::{Map, Value, json};

/// The bounds of schemars' integer formats.
fn integer_bounds(format: &str) -> Option<(i128, i128)> {
    Some(match format {
        "uint8" => (0, u8::MAX.into()),
        "uint16" => (0, u16::MAX.into()),
        "uint32" => (0, u32::MAX.into()),
        "uint64" | "uint" => (0, u64::MAX.into()),
        "int8" => (i8::MIN.into(), i8::MAX.into()),
        "int16" => (i16::MIN.into(), i16::MAX.into()),
        "int32" => (i32::MIN.into(), i32::MAX.into()),
        "int64" | "int" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// A JSON number for a bound.
fn number(n: i128) -> Value {
    if let Ok(u) = u64::try_from(n) {
        Value::from(u)
    } else if let Ok(i) = i64::try_from(n) {
        Value::from(i)
    } else {
        Value::Null
    }
}

/// A regular expression (no anchors) matching exactly the decimal numbers from 0 to
/// `max`, written without leading zeros.
pub(crate) fn up_to(max: u64) -> String {
    let digits: Vec<u8> = max.to_string().bytes().map(|b| b.saturating_sub(b'0')).collect();
    let n = digits.len();
    let mut alternatives = vec!["0".to_owned()];
    // Fewer digits than `max`: any such number.
    if n > 1 {
        alternatives.push(if n == 2 {
            "[1-9]".to_owned()
        } else {
            format!("[1-9][0-9]{{0,{}}}", n.saturating_sub(2))
        });
    }
    // As many digits as `max`: a prefix of `max`, one smaller digit, then anything.
    for (i, &d) in digits.iter().enumerate() {
        let lowest = if i == 0 { 1 } else { 0 };
        if d > lowest {
            let prefix: String = digits
                .iter()
                .take(i)
                .map(|d| char::from(b'0'.saturating_add(*d)))
                .collect();
            let range = if d.saturating_sub(1) == lowest {
                format!("{lowest}")
            } else {
                format!("[{lowest}-{}]", d.saturating_sub(1))
            };
            let rest = n.saturating_sub(i).saturating_sub(1);
            let tail = match rest {
                0 => String::new(),
                1 => "[0-9]".to_owned(),
                r => format!("[0-9]{{{r}}}"),
            };
            alternatives.push(format!("{prefix}{range}{tail}"));
        }
    }
    if max > 0 {
        alternatives.push(max.to_string());
    }
    format!("(?:{})", alternatives.join("|"))
}

/// The semver numeric identifier as schemars writes it, and as the `semver` crate reads it.
const SEMVER_NUMBER: &str = r"(0|[1-9]\d*)";

/// How schemars' semver pattern starts.
const SEMVER_START: &str = r"^(0|[1-9]\d*)\.";

/// The ISO 8601 duration syntax `IsoDuration` declares; each number is read as a `u32`
/// (leading zeros allowed).
const DURATION: &str = crate::duration::IsoDuration::PATTERN;

/// The `schema_version` pattern the document types declare (major 1).
const SCHEMA_VERSION: &str = r"^1\.[0-9]+\.[0-9]+$";

/// Rewrites a pattern: `\d` → `[0-9]`, semver numbers bounded to `u64` without leading
/// zeros.
fn pattern(p: &str) -> String {
    let n = up_to(u64::MAX);
    if p == SCHEMA_VERSION {
        return format!(r"^1\.{n}\.{n}$");
    }
    if p == DURATION {
        return duration_pattern().to_owned();
    }
    p.replace(SEMVER_NUMBER, &format!("({n})")).replace(r"\d", "[0-9]")
}

/// The published pattern of an ISO 8601 duration as the crate reads it: each number a
/// `u32`, leading zeros allowed. The schema states the syntax with it alone (no
/// `format: duration`: RFC 3339's grammar, which validators' `duration` formats follow,
/// allows weeks only on their own, while the crate reads and writes `P1W2D`); the
/// schema walker recognises durations by it to apply the 100-year limit.
pub(crate) fn duration_pattern() -> &'static str {
    static PATTERN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PATTERN.get_or_init(|| {
        let n = format!("0*{}", up_to(u32::MAX.into()));
        format!("^P({n}Y)?({n}M)?({n}W)?({n}D)?(T({n}H)?({n}M)?({n}S)?)?$")
    })
}

/// Applies the transform to a generated schema, in place.
pub(crate) fn apply(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            for v in map.values_mut() {
                apply(v);
            }
            object(map);
        }
        Value::Array(items) => items.iter_mut().for_each(apply),
        _ => {}
    }
}

fn object(map: &mut Map<String, Value>) {
    if let Some(Value::String(format)) = map.get("format") {
        if let Some((lo, hi)) = integer_bounds(format) {
            map.remove("format");
            let tighter_min = map
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| m > lo as f64);
            if !tighter_min {
                map.insert("minimum".to_owned(), number(lo));
            }
            let tighter_max = map
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| m < hi as f64);
            if !tighter_max {
                map.insert("maximum".to_owned(), number(hi));
            }
        } else if matches!(format.as_str(), "double" | "float") {
            map.remove("format");
        }
    }
    if map.get("pattern").and_then(Value::as_str) == Some(DURATION) {
        map.remove("format");
    }
    if let Some(Value::String(p)) = map.get_mut("pattern") {
        let semver = p.starts_with(SEMVER_START);
        *p = pattern(p);
        if semver && !map.contains_key("description") {
            map.insert(
                "description".to_owned(),
                json!("A semantic version (SemVer 2.0.0) such as `1.2.3` or `2.6.0-rc.1`: numbers without leading zeros, each at most 18446744073709551615."),
            );
        }
    }
    // A closed enum: every alternative a `const` (with its own description).
    let consts = map.get("oneOf").and_then(Value::as_array).and_then(|alts| {
        alts.iter()
            .map(|a| {
                let a = a.as_object()?;
                let value = a.get("const")?.clone();
                a.keys()
                    .all(|k| matches!(k.as_str(), "const" | "description" | "type"))
                    .then(|| (value, a.get("description").and_then(Value::as_str).map(str::to_owned)))
            })
            .collect::<Option<Vec<_>>>()
    });
    if let Some(values) = consts.filter(|v| !v.is_empty()) {
        map.remove("oneOf");
        let described: Vec<String> = values
            .iter()
            .filter_map(|(v, d)| Some(format!("- `{}`: {}", v.as_str()?, d.as_deref()?.replace('\n', " "))))
            .collect();
        if !described.is_empty() {
            let mut text = map
                .get("description")
                .and_then(Value::as_str)
                .map(|d| format!("{d}\n\n"))
                .unwrap_or_default();
            text.push_str(&described.join("\n"));
            map.insert("description".to_owned(), Value::String(text));
        }
        if values.iter().all(|(v, _)| v.is_string()) {
            map.insert("type".to_owned(), json!("string"));
        }
        map.insert(
            "enum".to_owned(),
            Value::Array(values.into_iter().map(|(v, _)| v).collect()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_matches_exactly_the_numbers_in_range() {
        for max in [0u64, 1, 9, 10, 99, 100, 255, 4_294_967_295, 18_446_744_073_709_551_615] {
            let re = regex::Regex::new(&format!("^{}$", up_to(max))).unwrap();
            let mut probes: Vec<u64> = vec![0, 1, 9, 10, 11, 99, 100, 101, 255, 256, 1000];
            probes.extend([max, max.saturating_sub(1), max / 2, max / 10]);
            for p in probes {
                assert_eq!(re.is_match(&p.to_string()), p <= max, "{p} against {max}");
            }
            assert!(!re.is_match("01"), "no leading zero");
            let above = u128::from(max) + 1;
            assert!(!re.is_match(&above.to_string()), "{above}");
            assert!(!re.is_match(&format!("{max}0")));
        }
        // Every 20-digit number above u64::MAX with the same first digits.
        let re = regex::Regex::new(&format!("^{}$", up_to(u64::MAX))).unwrap();
        for s in [
            "18446744073709551616",
            "18446744073709551620",
            "18446744073709552615",
            "19000000000000000000",
            "99999999999999999999",
        ] {
            assert!(!re.is_match(s), "{s}");
        }
        for s in [
            "18446744073709551614",
            "18446744073709551609",
            "17999999999999999999",
            "10000000000000000000",
        ] {
            assert!(re.is_match(s), "{s}");
        }
    }

    #[test]
    fn formats_become_bounds_and_const_alternatives_an_enum() {
        let mut s = json!({
            "properties": {
                "n": {"type": "integer", "format": "uint32", "minimum": 0},
                "r": {"type": "integer", "format": "uint8", "maximum": 9},
                "f": {"type": "number", "format": "double"},
                "k": {"description": "Scope.", "oneOf": [
                    {"const": "a", "description": "First.", "type": "string"},
                    {"const": "b", "description": "Second."}]},
                "v": {"type": "string", "pattern": r"^(0|[1-9]\d*)\.\d+$"}
            }
        });
        apply(&mut s);
        let p = &s["properties"];
        assert_eq!(
            p["n"],
            json!({"type": "integer", "minimum": 0, "maximum": 4_294_967_295u64})
        );
        assert_eq!(p["r"], json!({"type": "integer", "minimum": 0, "maximum": 9}));
        assert_eq!(p["f"], json!({"type": "number"}));
        assert_eq!(p["k"]["enum"], json!(["a", "b"]));
        assert_eq!(p["k"]["description"], "Scope.\n\n- `a`: First.\n- `b`: Second.");
        let v = p["v"]["pattern"].as_str().unwrap();
        assert!(!v.contains(r"\d"), "{v}");
        let re = regex::Regex::new(v).unwrap();
        assert!(re.is_match("18446744073709551615.3"));
        assert!(!re.is_match("18446744073709551616.3"));
    }
}
