//! [`VersionRange`]: a semver requirement in a form both the crate and JSON Schema
//! validators can check the same way.

use std::sync::OnceLock;

use regex::Regex;

use crate::error::Error;

/// A range of versions, such as the compromised versions of an asset: a semver
/// requirement with Cargo's matching rules (`>=2.5.0, <2.5.2`, `^1.4`, `~2.0.3`,
/// `1.2.*`, `*`), written in a form that [`VersionRange::PATTERN`] describes exactly.
///
/// The pattern is a strict subset of what the `semver` crate parses: up to 32
/// comparators separated by commas, each an optional operator (`=`, `>`, `>=`, `<`,
/// `<=`, `~`, `^`) and a version with an optional `*` for the minor or patch number and
/// an optional pre-release; no build metadata, numbers of at most 19 digits without
/// leading zeros, spaces only as separators. So the JSON schema (which carries the
/// pattern) and the crate accept the same strings. The text is kept as written, so a
/// document read and written back is unchanged.
///
/// # Examples
///
/// ```
/// use aiir::VersionRange;
///
/// let range: VersionRange = ">=2.5.0, <2.6.0".parse()?;
/// assert!(range.req().matches(&semver::Version::new(2, 5, 1)));
/// assert!("1.2.3+build".parse::<VersionRange>().is_err());
/// # Ok::<(), aiir::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct VersionRange {
    text: String,
    req: semver::VersionReq,
}

/// One numeric part: no leading zeros, at most 19 digits (always within `u64`).
macro_rules! num {
    () => {
        "(?:0|[1-9][0-9]{0,18})"
    };
}
/// One pre-release identifier: numeric (no leading zeros) or alphanumeric with a letter
/// or hyphen.
macro_rules! ident {
    () => {
        concat!("(?:0|[1-9][0-9]{0,18}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)")
    };
}
macro_rules! comparator {
    () => {
        concat!(
            "(?:(?:=|>=?|<=?|~|\\^) *)?",
            num!(),
            "(?:\\.(?:\\*|",
            num!(),
            "(?:\\.(?:\\*|",
            num!(),
            "(?:-",
            ident!(),
            "(?:\\.",
            ident!(),
            ")*)?))?))?"
        )
    };
}

impl VersionRange {
    /// The pattern every range matches (ECMA-262 and Rust `regex` agree on it).
    pub const PATTERN: &'static str = concat!("^ *(?:\\* *|", comparator!(), " *(?:, *", comparator!(), " *){0,31})$");

    const EXPECTED: &'static str = "a semver requirement such as `>=2.5.0, <2.6.0`, `^1.4` or `*`: at most 32 comparators, operators `=` `>` `>=` `<` `<=` `~` `^`, no build metadata";

    fn regex() -> &'static Regex {
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| {
            // A constant pattern, compiled by the test suite.
            #[allow(clippy::expect_used)]
            Regex::new(Self::PATTERN).expect("VersionRange::PATTERN compiles")
        })
    }

    /// Checks `text` against [`PATTERN`](Self::PATTERN) and parses it.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming what was expected.
    pub fn new(text: impl Into<String>) -> Result<Self, Error> {
        let text = text.into();
        let invalid = |text: String| Error::InvalidValue {
            what: "version range",
            value: text,
            expected: Self::EXPECTED.to_owned(),
        };
        if !Self::regex().is_match(&text) {
            return Err(invalid(text));
        }
        match semver::VersionReq::parse(&text) {
            Ok(req) => Ok(Self { text, req }),
            Err(_) => Err(invalid(text)),
        }
    }

    /// The semver requirement.
    pub fn req(&self) -> &semver::VersionReq {
        &self.req
    }

    /// The range as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl TryFrom<semver::VersionReq> for VersionRange {
    type Error = Error;
    /// The requirement as `semver` writes it, checked against the pattern (build
    /// metadata and more than 32 comparators are refused).
    fn try_from(req: semver::VersionReq) -> Result<Self, Error> {
        Self::new(req.to_string())
    }
}

impl std::str::FromStr for VersionRange {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::new(s)
    }
}

impl std::fmt::Display for VersionRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.text)
    }
}

impl std::fmt::Debug for VersionRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VersionRange({:?})", self.text)
    }
}

impl serde::Serialize for VersionRange {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for VersionRange {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::new(text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for VersionRange {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "VersionRange".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": Self::PATTERN,
            "description": "version range: a semver requirement such as `>=2.5.0, <2.6.0`, `^1.4` or `*` (Cargo's rules): at most 32 comparators, operators `=` `>` `>=` `<` `<=` `~` `^`, no build metadata.",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::VersionRange;

    #[test]
    fn the_pattern_accepts_only_what_semver_parses() {
        for ok in [
            "*",
            " * ",
            ">=2.5.0, <2.6.0",
            "^1.4",
            "~2.0.3",
            "1.2.*",
            "=0.0.0-alpha.1",
            ">= 1.0.0 ,<2",
            "1.*",
        ] {
            let r: VersionRange = ok.parse().unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(r.as_str(), ok);
        }
        for bad in [
            "",
            "01.2.3",
            "1.2.3+build",
            "*, 1.0",
            "1.*.3",
            "1.2.3-01",
            ">>1",
            "1,",
            "99999999999999999999",
            "1.0\t",
        ] {
            assert!(bad.parse::<VersionRange>().is_err(), "{bad:?} accepted");
        }
        let many = vec!["1"; 33].join(",");
        assert!(many.parse::<VersionRange>().is_err());
        let most = vec!["1"; 32].join(",");
        assert!(most.parse::<VersionRange>().is_ok());
    }

    /// The pattern without `^` and `$`, which the generator does not take.
    fn unanchored() -> &'static str {
        let p = VersionRange::PATTERN;
        p.strip_prefix('^').and_then(|p| p.strip_suffix('$')).unwrap_or(p)
    }

    proptest::proptest! {
        /// Every string the pattern matches parses as a semver requirement, so the
        /// schema never admits what the crate refuses.
        #[test]
        fn generated_from_the_pattern_parse(text in proptest::string::string_regex(unanchored()).unwrap()) {
            proptest::prop_assert!(semver::VersionReq::parse(&text).is_ok(), "{:?}", text);
            proptest::prop_assert!(VersionRange::new(text).is_ok());
        }

        /// Requirements semver writes round-trip through `TryFrom` when they fit.
        #[test]
        fn semver_written_requirements_fit(major in 0u64..1000, minor in 0u64..1000, patch in 0u64..1000) {
            let req = semver::VersionReq::parse(&format!(">={major}.{minor}.{patch}, <{}", major + 1)).unwrap();
            let range = VersionRange::try_from(req.clone()).unwrap();
            proptest::prop_assert_eq!(range.req(), &req);
        }
    }
}
