//! SHA-256 digests, and the digest of a value's RFC 8785 (JCS) canonical JSON.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::id::string_newtype;

fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

string_newtype!(
    /// A SHA-256 digest as 64 lowercase hexadecimal digits.
    Sha256Digest,
    what = "SHA-256 digest",
    pattern = "^[0-9a-f]{64}$",
    expected = "64 lowercase hexadecimal digits",
    check = is_sha256_hex
);

impl Sha256Digest {
    /// The all-zero digest that the first event of a timeline links to.
    pub fn genesis() -> Self {
        Self("0".repeat(64).into())
    }

    /// The SHA-256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(hex(&Sha256::digest(bytes).into()).into())
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
        Self::of_canonical_json_in(value, &mut buf)
    }

    /// [`of_canonical_json`](Self::of_canonical_json) reusing `buf` as scratch space.
    pub(crate) fn of_canonical_json_in(value: &impl Serialize, buf: &mut Vec<u8>) -> Result<Self, Error> {
        buf.clear();
        serde_json_canonicalizer::to_writer(value, &mut *buf).map_err(|e| Error::InvalidValue {
            what: "canonical JSON",
            value: e.to_string(),
            expected: "a value with string object keys and finite numbers".to_owned(),
        })?;
        Ok(Self::of(buf))
    }

    /// `true` when this digest is the SHA-256 of `bytes`, compared without allocating.
    pub(crate) fn matches(&self, bytes: &[u8]) -> bool {
        let mut text = [0u8; 64];
        hex_into(&Sha256::digest(bytes).into(), &mut text);
        self.as_str().as_bytes() == text
    }
}

fn hex_into(bytes: &[u8; 32], out: &mut [u8; 64]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        if let [hi, lo] = pair {
            *hi = DIGITS[usize::from(b >> 4)];
            *lo = DIGITS[usize::from(b & 0x0f)];
        }
    }
}

fn hex(bytes: &[u8; 32]) -> String {
    let mut out = [0u8; 64];
    hex_into(bytes, &mut out);
    out.iter().map(|&b| char::from(b)).collect()
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
