//! Reading JSON text into a tree, refusing duplicate object keys: a tree keeps one value
//! per key, so a repeated key would otherwise be dropped without a word (RFC 8259 leaves
//! repeated names to the parser; I-JSON, RFC 7493 §2.3, forbids them). Nesting is
//! bounded by serde_json's recursion limit (128 levels).

use std::fmt::Write as _;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::report::push_token;

/// Why the text is not a JSON document this crate reads.
pub(super) enum Failure {
    /// Not JSON (with serde_json's line and column).
    Syntax(serde_json::Error),
    /// An object names `key` twice; `pointer` is the object's place.
    DuplicateKey { pointer: String, key: String },
}

/// Parses `text` into a tree.
pub(super) fn parse(text: &str) -> Result<Value, Failure> {
    let mut duplicate = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Node {
        pointer: &mut String::new(),
        duplicate: &mut duplicate,
    };
    let parsed = seed.deserialize(&mut de).and_then(|v| de.end().map(|()| v));
    match (parsed, duplicate) {
        (_, Some((pointer, key))) => Err(Failure::DuplicateKey { pointer, key }),
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(Failure::Syntax(e)),
    }
}

/// One value at `pointer`; the first duplicate key found is recorded in `duplicate`.
struct Node<'a> {
    pointer: &'a mut String,
    duplicate: &'a mut Option<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
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

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        let len = self.pointer.len();
        loop {
            self.pointer.truncate(len);
            // Writing to a String cannot fail.
            let _ = write!(self.pointer, "/{}", items.len());
            let next = seq.next_element_seed(Node {
                pointer: &mut *self.pointer,
                duplicate: &mut *self.duplicate,
            })?;
            match next {
                Some(v) => items.push(v),
                None => break,
            }
        }
        self.pointer.truncate(len);
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        let len = self.pointer.len();
        while let Some(key) = map.next_key::<String>()? {
            self.pointer.truncate(len);
            self.pointer.push('/');
            push_token(self.pointer, &key);
            let value = map.next_value_seed(Node {
                pointer: &mut *self.pointer,
                duplicate: &mut *self.duplicate,
            })?;
            if members.contains_key(&key) {
                self.pointer.truncate(len);
                if self.duplicate.is_none() {
                    *self.duplicate = Some((self.pointer.clone(), key));
                }
                return Err(de::Error::custom("duplicate key"));
            }
            members.insert(key, value);
        }
        self.pointer.truncate(len);
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads_and_names_repeated_keys() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c~/d": {"e": []}}"#;
        let ours = parse(text).ok().unwrap();
        assert_eq!(ours, serde_json::from_str::<Value>(text).unwrap());
        let repeated = parse(r#"{"a": [{"x": 1}, {"y": 1, "c/d": {"k": 1, "k": 2}}]}"#);
        match repeated {
            Err(Failure::DuplicateKey { pointer, key }) => {
                assert_eq!(pointer, "/a/1/c~1d");
                assert_eq!(key, "k");
            }
            _ => panic!("a repeated key is named"),
        }
        assert!(matches!(parse("{\"a\": 1} x"), Err(Failure::Syntax(_))));
        assert!(
            matches!(parse(&"[".repeat(200)), Err(Failure::Syntax(_))),
            "depth is bounded"
        );
    }
}
