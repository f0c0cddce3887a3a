//! RFC 8785 (JSON Canonicalization Scheme) serialization of any `Serialize` value.
//!
//! The canonical form (RFC 8785 §3.2): no whitespace; object members sorted by the UTF-16
//! code units of their names; strings with only `"`, `\` and the control characters
//! U+0000–U+001F escaped (`\b \t \n \f \r` short forms, else `\u00xx` lowercase hex);
//! numbers as ECMAScript's `Number.prototype.toString` writes the IEEE 754 double
//! (integers without a fraction, exponents as `1e+21`). The serializer writes straight
//! into a buffer; only objects buffer their members, to sort them.

use std::borrow::Cow;
use std::fmt::Display;

use serde::ser::{self, Serialize};

/// Why a value has no canonical form.
#[derive(Debug)]
pub(crate) struct CanonicalError(String);

impl Display for CanonicalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanonicalError {}

impl ser::Error for CanonicalError {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, CanonicalError>;

/// Buffers objects borrow while they sort their members, kept for the next value (so
/// canonicalizing many values allocates little).
#[derive(Default)]
pub(crate) struct Scratch {
    bufs: Vec<Vec<u8>>,
    lists: Vec<Members>,
}

type Members = Vec<(Cow<'static, str>, std::ops::Range<usize>)>;

/// Appends the canonical JSON of `value` to `out`.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<()> {
    write_with(value, out, &mut Scratch::default())
}

/// [`write`] reusing `scratch`.
pub(crate) fn write_with<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>, scratch: &mut Scratch) -> Result<()> {
    value.serialize(Canonical { out, scratch })
}

/// A string as RFC 8785 writes it, which is how serde_json escapes strings: `"`, `\`
/// and U+0000–U+001F only (most strings need none, and are copied as they are).
fn string(s: &str, out: &mut Vec<u8>) {
    // A branch-free scan (vectorizes): any byte that needs an escape?
    let special = s
        .bytes()
        .map(|b| u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\'))
        .fold(0, |any, x| any | x);
    if special != 0 {
        // Serializing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.reserve(s.len().saturating_add(2));
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

fn float(f: f64, out: &mut Vec<u8>) -> Result<()> {
    if !f.is_finite() {
        return Err(CanonicalError(format!("{f} is not a JSON number")));
    }
    let mut buf = ryu_js::Buffer::new();
    out.extend_from_slice(buf.format_finite(f).as_bytes());
    Ok(())
}

/// Integers within ±(2^53 − 1), the I-JSON range (RFC 7493 §2.2) in which every
/// implementation reads the same number. Larger integers are refused rather than rounded
/// to the nearest double: two different integers would otherwise hash alike, and other
/// implementations (Python's `rfc8785`) refuse them too.
fn integer(i: i128, out: &mut Vec<u8>) -> Result<()> {
    const SAFE: i128 = (1 << 53) - 1;
    if (-SAFE..=SAFE).contains(&i) {
        out.extend_from_slice(i.to_string().as_bytes());
        Ok(())
    } else {
        Err(CanonicalError(format!("the integer {i} is beyond ±(2^53 − 1)")))
    }
}

struct Canonical<'a> {
    out: &'a mut Vec<u8>,
    scratch: &'a mut Scratch,
}

/// Orders member names by their UTF-16 code units. UTF-8 byte order is code-point order,
/// which differs from UTF-16 order only between characters from U+E000 to U+FFFF (lead
/// bytes 0xEE, 0xEF) and supplementary characters (lead bytes 0xF0 up): compare bytes
/// unless a name holds one of those.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.bytes().chain(b.bytes()).any(|x| x >= 0xee) {
        a.encode_utf16().cmp(b.encode_utf16())
    } else {
        a.as_bytes().cmp(b.as_bytes())
    }
}

/// An object being written. Members that arrive in canonical order are written straight
/// to `out`; at the first member out of order, the values written so far move to `buf`,
/// and the members are sorted at the end.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    scratch: &'a mut Scratch,
    /// Where the members start in `out` (just after `{`).
    start: usize,
    /// `false` once members are buffered in `buf`.
    direct: bool,
    buf: Vec<u8>,
    /// Member names with the range of their values (in `out` while direct, else `buf`).
    members: Members,
    pending_key: Option<String>,
    /// For `{"variant": {…}}`: wrap the object in one more.
    variant: bool,
}

impl<'a> Object<'a> {
    fn new(out: &'a mut Vec<u8>, scratch: &'a mut Scratch, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            out.push(b'{');
            string(v, out);
            out.push(b':');
        }
        out.push(b'{');
        let members = scratch.lists.pop().unwrap_or_default();
        Self {
            start: out.len(),
            out,
            scratch,
            direct: true,
            buf: Vec::new(),
            members,
            pending_key: None,
            variant: variant.is_some(),
        }
    }

    fn member<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, value: &T) -> Result<()> {
        if self.direct {
            let in_order = self
                .members
                .last()
                .is_none_or(|(last, _)| utf16_order(last, &key) == std::cmp::Ordering::Less);
            if in_order {
                if !self.members.is_empty() {
                    self.out.push(b',');
                }
                string(&key, self.out);
                self.out.push(b':');
                let at = self.out.len();
                value.serialize(Canonical {
                    out: self.out,
                    scratch: self.scratch,
                })?;
                self.members.push((key, at..self.out.len()));
                return Ok(());
            }
            // Out of order: move the values written so far to `buf`.
            self.buf = self.scratch.bufs.pop().unwrap_or_default();
            for (_, range) in &mut self.members {
                let moved = self.buf.len();
                self.buf
                    .extend_from_slice(self.out.get(range.clone()).unwrap_or_default());
                *range = moved..self.buf.len();
            }
            self.out.truncate(self.start);
            self.direct = false;
        }
        let at = self.buf.len();
        value.serialize(Canonical {
            out: &mut self.buf,
            scratch: self.scratch,
        })?;
        self.members.push((key, at..self.buf.len()));
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        if !self.direct {
            self.members.sort_by(|a, b| utf16_order(&a.0, &b.0));
            for (i, (k, range)) in self.members.iter().enumerate() {
                if i > 0 {
                    self.out.push(b',');
                }
                string(k, self.out);
                self.out.push(b':');
                self.out
                    .extend_from_slice(self.buf.get(range.clone()).unwrap_or_default());
            }
            self.buf.clear();
            self.scratch.bufs.push(std::mem::take(&mut self.buf));
        }
        self.out.push(b'}');
        if self.variant {
            self.out.push(b'}');
        }
        self.members.clear();
        self.scratch.lists.push(std::mem::take(&mut self.members));
        Ok(())
    }
}

/// An array being written.
struct Array<'a> {
    out: &'a mut Vec<u8>,
    scratch: &'a mut Scratch,
    first: bool,
    variant: Option<&'static str>,
}

impl<'a> Array<'a> {
    fn new(out: &'a mut Vec<u8>, scratch: &'a mut Scratch, variant: Option<&'static str>) -> Self {
        if let Some(v) = variant {
            out.push(b'{');
            string(v, out);
            out.push(b':');
        }
        out.push(b'[');
        Self {
            out,
            scratch,
            first: true,
            variant,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        value.serialize(Canonical {
            out: self.out,
            scratch: self.scratch,
        })
    }

    fn finish(self) -> Result<()> {
        self.out.push(b']');
        if self.variant.is_some() {
            self.out.push(b'}');
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for Canonical<'a> {
    type Ok = ();
    type Error = CanonicalError;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        integer(v, self.out)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        integer(v.into(), self.out)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        match i128::try_from(v) {
            Ok(i) => integer(i, self.out),
            #[allow(clippy::cast_precision_loss)] // JavaScript semantics: the nearest double
            Err(_) => float(v as f64, self.out),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        float(v.into(), self.out)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        float(v, self.out)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        string(v.encode_utf8(&mut [0; 4]), self.out);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        string(v, self.out);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        let mut a = Array::new(self.out, self.scratch, None);
        for b in v {
            a.element(b)?;
        }
        a.finish()
    }
    fn serialize_none(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        let mut o = Object::new(self.out, self.scratch, None);
        o.member(Cow::Borrowed(variant), value)?;
        o.finish()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Array<'a>> {
        Ok(Array::new(self.out, self.scratch, None))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Array<'a>> {
        Ok(Array::new(self.out, self.scratch, None))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Array<'a>> {
        Ok(Array::new(self.out, self.scratch, None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Array<'a>> {
        Ok(Array::new(self.out, self.scratch, Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Object<'a>> {
        Ok(Object::new(self.out, self.scratch, None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Object<'a>> {
        Ok(Object::new(self.out, self.scratch, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Object<'a>> {
        Ok(Object::new(self.out, self.scratch, Some(variant)))
    }
}

macro_rules! array_impl {
    ($($trait:ident :: $method:ident),*) => {
        $(
            impl ser::$trait for Array<'_> {
                type Ok = ();
                type Error = CanonicalError;
                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                    self.element(value)
                }
                fn end(self) -> Result<()> {
                    self.finish()
                }
            }
        )*
    };
}
array_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        // Keys must be strings: serialize to JSON and read the string back.
        let mut text = Vec::new();
        key.serialize(Canonical {
            out: &mut text,
            scratch: self.scratch,
        })?;
        match serde_json::from_slice::<serde_json::Value>(&text) {
            Ok(serde_json::Value::String(s)) => {
                self.pending_key = Some(s);
                Ok(())
            }
            _ => Err(CanonicalError("a map with a key that is not a string".to_owned())),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .pending_key
            .take()
            .ok_or_else(|| CanonicalError("a map value without a key".to_owned()))?;
        self.member(Cow::Owned(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = CanonicalError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut out = Vec::new();
        write(&value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn follows_rfc_8785() {
        // RFC 8785 §3.2.2.3 number samples and §3.2.3 sorting.
        assert_eq!(
            canonical("[1.0, 1e21, 1e-7, 0.000001, -0.0, 333333333.33333329, 1E30, 9007199254740991]"),
            "[1,1e+21,1e-7,0.000001,0,333333333.3333333,1e+30,9007199254740991]"
        );
        // Integers beyond the I-JSON range are refused, not rounded (2^53 and 2^53 + 1
        // would otherwise hash alike).
        for big in [
            9_007_199_254_740_992_i128,
            9_007_199_254_740_993,
            -9_007_199_254_740_992,
        ] {
            assert!(write(&big, &mut Vec::new()).is_err(), "{big}");
        }
        assert!(write(&u64::MAX, &mut Vec::new()).is_err());
        assert_eq!(
            canonical(r#"{"b":1,"a":{"d":[],"c":null}}"#),
            r#"{"a":{"c":null,"d":[]},"b":1}"#
        );
        assert_eq!(
            canonical(r#""\u0000\u001f\t\"\\\u007f€""#),
            "\"\\u0000\\u001f\\t\\\"\\\\\u{7f}€\""
        );
        // UTF-16 order: U+1F600 (surrogates D83D…) sorts before U+E000.
        assert_eq!(
            canonical("{\"\u{e000}\":1,\"\u{1f600}\":2}"),
            "{\"\u{1f600}\":2,\"\u{e000}\":1}"
        );
    }

    #[test]
    fn typed_values_match_their_json_values() {
        #[derive(serde::Serialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        enum E {
            Note { text: String, at: u64 },
        }
        let e = E::Note {
            text: "x".into(),
            at: 3,
        };
        let mut a = Vec::new();
        write(&e, &mut a).unwrap();
        let mut b = Vec::new();
        write(&serde_json::to_value(&e).unwrap(), &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(String::from_utf8(a).unwrap(), r#"{"at":3,"kind":"note","text":"x"}"#);
        assert!(write(&f64::NAN, &mut Vec::new()).is_err());
    }
}
