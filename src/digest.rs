//! SHA-256 digests, and the digest of a value's RFC 8785 (JCS) canonical JSON.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::canonical;

use crate::error::Error;

fn is_sha256_hex(s: &str) -> bool {
    // A branch-free scan (vectorizes).
    s.len() == 64
        && s.bytes().fold(true, |ok, b| {
            ok & ((b.wrapping_sub(b'0') < 10) | (b.wrapping_sub(b'a') < 6))
        })
}

const PATTERN: &str = "^[0-9a-f]{64}$";
const EXPECTED: &str = "64 lowercase hexadecimal digits";

/// A SHA-256 digest as 64 lowercase hexadecimal digits (stored inline: no allocation).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sha256Digest([u8; 64]);

impl Sha256Digest {
    /// The regular expression (JSON Schema `pattern`) a valid value matches.
    pub const PATTERN: &'static str = PATTERN;

    /// Checks `value` and wraps it.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when `value` is not 64 lowercase hexadecimal digits.
    pub fn new(value: impl AsRef<str>) -> Result<Self, Error> {
        let text = value.as_ref();
        let mut digits = [0u8; 64];
        if is_sha256_hex(text) {
            digits.copy_from_slice(text.as_bytes());
            Ok(Self(digits))
        } else {
            Err(Error::InvalidValue {
                what: "SHA-256 digest",
                value: text.to_owned(),
                expected: EXPECTED.to_owned(),
            })
        }
    }

    /// The digest as 64 lowercase hexadecimal digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::fmt::Display for Sha256Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::fmt::Debug for Sha256Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sha256Digest({:?})", self.as_str())
    }
}

impl std::str::FromStr for Sha256Digest {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl AsRef<str> for Sha256Digest {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl TryFrom<String> for Sha256Digest {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl TryFrom<&str> for Sha256Digest {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl From<Sha256Digest> for String {
    fn from(d: Sha256Digest) -> Self {
        d.as_str().to_owned()
    }
}

impl Serialize for Sha256Digest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Sha256Digest {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Self::new(text.as_ref()).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Sha256Digest {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sha256Digest".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": PATTERN,
            "description": "SHA-256 digest: 64 lowercase hexadecimal digits.",
        })
    }
}

impl Sha256Digest {
    /// The all-zero digest that the first event of a timeline links to.
    pub fn genesis() -> Self {
        Self([b'0'; 64])
    }

    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let mut digits = [0u8; 64];
        hex_into(&Sha256::digest(bytes).into(), &mut digits);
        Self(digits)
    }

    /// The SHA-256 of the RFC 8785 (JSON Canonicalization Scheme) serialization of
    /// `value`: object members sorted by their UTF-16 code units, no whitespace, numbers
    /// and strings in their canonical ECMAScript form. Anyone can recompute it without
    /// this crate, e.g. in Python with the `rfc8785` package and `hashlib`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when `value` cannot be canonicalized (a map with non-string
    /// keys, or a number outside what JSON can carry).
    pub fn of_canonical_json(value: &impl Serialize) -> Result<Self, Error> {
        let mut buf = Vec::with_capacity(512);
        canonical::write(value, &mut buf).map_err(|e| Error::InvalidValue {
            what: "canonical JSON",
            value: e.to_string(),
            expected: "a value with string object keys and finite numbers".to_owned(),
        })?;
        Ok(Self::of(&buf))
    }

    /// `true` when this digest is the SHA-256 of `bytes`.
    pub(crate) fn matches(&self, bytes: &[u8]) -> bool {
        *self == Self::of(bytes)
    }
}

fn hex_into(bytes: &[u8; 32], out: &mut [u8; 64]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        if let ([hi, lo], Some(&h), Some(&l)) =
            (pair, DIGITS.get(usize::from(b >> 4)), DIGITS.get(usize::from(b & 0x0f)))
        {
            (*hi, *lo) = (h, l);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // FIPS 180-2 test vector "abc".
        assert_eq!(
            Sha256Digest::of(b"abc").as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(Sha256Digest::of(b"abc").matches(b"abc"));
        assert!(!Sha256Digest::of(b"abc").matches(b"abd"));
        assert_eq!(Sha256Digest::genesis().as_str(), "0".repeat(64));
    }

    #[test]
    fn canonical_json_ignores_key_order_and_whitespace() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b": 1, "a": [1.0, "x"]}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":[1,"x"],"b":1}"#).unwrap();
        assert_eq!(
            Sha256Digest::of_canonical_json(&a).unwrap(),
            Sha256Digest::of_canonical_json(&b).unwrap()
        );
        assert_eq!(
            Sha256Digest::of_canonical_json(&a).unwrap(),
            Sha256Digest::of(br#"{"a":[1,"x"],"b":1}"#)
        );
    }
}
