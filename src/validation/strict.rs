//! Reading JSON into a tree without losing anything silently: a tree keeps one value per
//! key, so a repeated key would otherwise be dropped without a word (RFC 8259 leaves
//! repeated names to the parser; I-JSON, RFC 7493 §2.3, forbids them). Nesting is
//! bounded by serde_json's recursion limit (128 levels), and host data (`extensions`,
//! event `details`) by [`MAX_HOST_DEPTH`].

use std::fmt::Write as _;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::report::{ProblemKind, ValidationReport, push_token};

/// How deeply host data (`extensions`) may nest: well inside serde_json's limit for the
/// whole document, so what validates in Rust also reads back.
pub(crate) const MAX_HOST_DEPTH: usize = 64;

/// What host data must be (the same words on every path).
const HOST_EXPECTED: &str = "host data without repeated keys, nested at most 64 levels deep";

/// Why the text is not a JSON document this crate reads.
pub(super) enum Failure {
    /// Not JSON (with serde_json's line and column).
    Syntax(serde_json::Error),
}

/// Parses `text` into a tree, with every repeated key (the object's pointer and the key);
/// a repeated key's later value is kept, as serde_json does.
pub(super) fn parse(text: &str) -> Result<(Value, Vec<(String, String)>), Failure> {
    let mut repeated = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Node {
        pointer: &mut String::new(),
        repeated: Some(&mut repeated),
        depth: 0,
        limit: usize::MAX,
    };
    let value = seed
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(Failure::Syntax)?;
    Ok((value, repeated))
}

/// Deserializes host data (`extensions`), refusing repeated keys at any depth and
/// nesting deeper than [`MAX_HOST_DEPTH`].
pub(crate) fn host_object<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    let seed = Node {
        pointer: &mut String::new(),
        repeated: None,
        depth: 1,
        limit: MAX_HOST_DEPTH,
    };
    match d.deserialize_map(seed)? {
        Value::Object(map) => Ok(map),
        _ => Err(de::Error::custom("invalid host data: expected an object")),
    }
}

/// Reports host data nested deeper than [`MAX_HOST_DEPTH`], at the first container too
/// deep in document order (where the JSON path stops reading it), with the words the
/// JSON path uses: a structure problem on both paths.
pub(crate) fn check_host(map: &Map<String, Value>, pointer: &str, report: &mut ValidationReport) {
    enum Children<'a> {
        Members(serde_json::map::Iter<'a>),
        Items(std::iter::Enumerate<std::slice::Iter<'a, Value>>),
    }
    enum Token<'a> {
        Key(&'a str),
        Index(usize),
    }
    // Iterative depth-first, in the order a parser meets the values (members by name,
    // items by index): a value built in Rust may nest deeper than any stack.
    let mut path: Vec<Token<'_>> = Vec::new();
    let mut stack = vec![Children::Members(map.iter())];
    while let Some(top) = stack.last_mut() {
        let next = match top {
            Children::Members(it) => it.next().map(|(k, v)| (Token::Key(k.as_str()), v)),
            Children::Items(it) => it.next().map(|(i, v)| (Token::Index(i), v)),
        };
        let Some((token, value)) = next else {
            stack.pop();
            path.pop();
            continue;
        };
        let children = match value {
            Value::Object(members) => Children::Members(members.iter()),
            Value::Array(items) => Children::Items(items.iter().enumerate()),
            _ => continue,
        };
        path.push(token);
        // The top object is level 1; this container is one level below its parent.
        if stack.len() >= MAX_HOST_DEPTH {
            let mut at = pointer.to_owned();
            for t in &path {
                match t {
                    Token::Key(k) => {
                        at.push('/');
                        push_token(&mut at, k);
                    }
                    Token::Index(i) => {
                        let _ = write!(at, "/{i}");
                    }
                }
            }
            report.push(
                at,
                ProblemKind::Structure,
                HOST_EXPECTED,
                Some(format!(
                    "invalid host data `nesting deeper than {MAX_HOST_DEPTH} levels`"
                )),
            );
            return;
        }
        stack.push(children);
    }
}

/// One value at `pointer`: repeated keys recorded (`repeated`) or refused (`None`);
/// nesting past `limit` refused.
struct Node<'a> {
    pointer: &'a mut String,
    repeated: Option<&'a mut Vec<(String, String)>>,
    depth: usize,
    limit: usize,
}

impl Node<'_> {
    fn child(&mut self) -> Node<'_> {
        Node {
            pointer: &mut *self.pointer,
            repeated: self.repeated.as_deref_mut(),
            depth: self.depth.saturating_add(1),
            limit: self.limit,
        }
    }

    fn too_deep<E: de::Error>(&self) -> Result<(), E> {
        if self.depth > self.limit {
            Err(E::custom(format!(
                "invalid host data `nesting deeper than {} levels`: expected {HOST_EXPECTED}",
                self.limit
            )))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        self.too_deep()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        let len = self.pointer.len();
        loop {
            self.pointer.truncate(len);
            // Writing to a String cannot fail.
            let _ = write!(self.pointer, "/{}", items.len());
            match seq.next_element_seed(self.child())? {
                Some(v) => items.push(v),
                None => break,
            }
        }
        self.pointer.truncate(len);
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        self.too_deep()?;
        let mut members = Map::new();
        let len = self.pointer.len();
        while let Some(key) = map.next_key::<String>()? {
            self.pointer.truncate(len);
            self.pointer.push('/');
            push_token(self.pointer, &key);
            let value = map.next_value_seed(self.child())?;
            if members.contains_key(&key) {
                self.pointer.truncate(len);
                match self.repeated.as_deref_mut() {
                    Some(repeated) => repeated.push((self.pointer.clone(), key.clone())),
                    None => {
                        return Err(de::Error::custom(format!(
                            "invalid host data `{key}` repeated: expected {HOST_EXPECTED}"
                        )));
                    }
                }
            }
            members.insert(key, value);
        }
        self.pointer.truncate(len);
        Ok(Value::Object(members))
    }
}

/// Parses `text` into a tree, reporting each repeated key (at its object's pointer) to
/// `report`; `None`, with the syntax error reported, when it is not JSON.
pub(crate) fn parse_reporting(text: &str, report: &mut ValidationReport) -> Option<Value> {
    match parse(text) {
        Ok((value, repeated)) => {
            for (pointer, key) in repeated {
                report.push(
                    pointer,
                    ProblemKind::Structure,
                    "an object without repeated keys",
                    Some(format!("`{key}` more than once")),
                );
            }
            Some(value)
        }
        Err(Failure::Syntax(e)) => {
            report.push(
                "",
                ProblemKind::Syntax,
                "a JSON document",
                Some(format!("a syntax error ({e})")),
            );
            None
        }
    }
}

/// Parses an imported document (`kind`) into a tree: a syntax error, or a repeated key
/// (a tree would keep only the last value), is a problem.
pub(crate) fn parse_import(text: &str, kind: crate::report::DocumentKind) -> Result<Value, ValidationReport> {
    let mut report = ValidationReport::new(kind);
    match parse_reporting(text, &mut report) {
        Some(value) if report.is_empty() => Ok(value),
        _ => Err(report),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads_and_names_repeated_keys() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c~/d": {"e": []}}"#;
        let (ours, repeated) = parse(text).ok().unwrap();
        assert_eq!(ours, serde_json::from_str::<Value>(text).unwrap());
        assert!(repeated.is_empty());
        let (_, repeated) = parse(r#"{"a": [{"x": 1}, {"y": 1, "c/d": {"k": 1, "k": 2}}], "a": 3}"#)
            .ok()
            .unwrap();
        assert_eq!(
            repeated,
            [
                ("/a/1/c~1d".to_owned(), "k".to_owned()),
                (String::new(), "a".to_owned())
            ]
        );
        assert!(matches!(parse("{\"a\": 1} x"), Err(Failure::Syntax(_))));
        assert!(
            matches!(parse(&"[".repeat(200)), Err(Failure::Syntax(_))),
            "depth is bounded"
        );
    }

    #[test]
    fn host_data_refuses_repeats_and_depth() {
        let read = |text: &str| host_object(&mut serde_json::Deserializer::from_str(text));
        assert!(read(r#"{"a": {"b": [1, {"c": 2}]}}"#).is_ok());
        let err = read(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err().to_string();
        assert!(err.contains("`b` repeated"), "{err}");
        let deep = format!("{{\"a\": {}1{}}}", "[".repeat(70), "]".repeat(70));
        assert!(
            read(&deep)
                .unwrap_err()
                .to_string()
                .contains("nesting deeper than 64 levels")
        );
        let ok = format!("{{\"a\": {}1{}}}", "[".repeat(62), "]".repeat(62));
        assert!(read(&ok).is_ok());
        // The Rust-path check draws the line at the same depth.
        let mut report = ValidationReport::new(crate::report::DocumentKind::Incident);
        check_host(&serde_json::from_str(&ok).unwrap(), "/extensions", &mut report);
        assert!(report.is_empty(), "{report}");
        check_host(&serde_json::from_str(&deep).unwrap(), "/extensions", &mut report);
        assert_eq!(report.len(), 1);
    }
}
