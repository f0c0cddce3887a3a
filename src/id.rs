//! Validated identifiers.
//!
//! Every identifier is a newtype with a private field: [`new`](IncidentId::new) checks
//! it, deserialization goes through the same check, and the JSON schema carries the same
//! constraint as a `pattern`, so non-Rust validators reject what Rust rejects.

/// Generates a validated string newtype with the house-style API.
macro_rules! string_newtype {
    (
        $(#[$meta:meta])*
        $name:ident, what = $what:literal, pattern = $pattern:literal,
        expected = $expected:literal, check = $check:expr
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(compact_str::CompactString);

        impl $name {
            /// The regular expression (JSON Schema `pattern`) a valid value matches.
            pub const PATTERN: &'static str = $pattern;

            /// Checks `value` and wraps it.
            ///
            /// # Errors
            /// [`Error::InvalidValue`](crate::Error::InvalidValue) when `value` does not match
            #[doc = concat!("`", $pattern, "`.")]
            pub fn new(value: impl Into<String>) -> Result<Self, $crate::error::Error> {
                Self::checked(compact_str::CompactString::from(value.into()))
            }

            fn checked(value: compact_str::CompactString) -> Result<Self, $crate::error::Error> {
                let check: fn(&str) -> bool = $check;
                if check(&value) {
                    Ok(Self(value))
                } else {
                    Err($crate::error::Error::InvalidValue {
                        what: $what,
                        value: value.into_string(),
                        expected: $expected.to_owned(),
                    })
                }
            }

            /// The identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> Result<Self, $crate::error::Error> {
                Self::checked(s.into())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::error::Error;
            fn try_from(s: String) -> Result<Self, $crate::error::Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::error::Error;
            fn try_from(s: &str) -> Result<Self, $crate::error::Error> {
                Self::checked(s.into())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.into_string()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Ids up to 24 bytes are stored inline: no allocation per id.
                let value = compact_str::CompactString::deserialize(deserializer)?;
                Self::checked(value).map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": concat!($what, ": ", $expected, "."),
                })
            }
        }
    };
}
pub(crate) use string_newtype;

/// `true` for an ASCII letter or digit.
fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// The general identifier rule: 1–128 chars, starts alphanumeric, then `A-Za-z0-9._:@/+-`
/// (so `chat-model@2.5.1` and `group/name` work).
pub(crate) fn is_general_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if alnum(c))
        && s.len() <= 128
        && chars.all(|c| alnum(c) || matches!(c, '.' | '_' | ':' | '@' | '/' | '+' | '-'))
}

/// The key rule: 1–64 chars, lowercase ASCII letter or digit first, then `a-z0-9._-`.
pub(crate) fn is_key(s: &str) -> bool {
    let lower = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if lower(c))
        && s.len() <= 64
        && chars.all(|c| lower(c) || matches!(c, '.' | '_' | '-'))
}

macro_rules! general_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        string_newtype!(
            $(#[$meta])*
            $name,
            what = $what,
            pattern = "^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$",
            expected = "1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit",
            check = is_general_id
        );
    };
}

macro_rules! key_id {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        string_newtype!(
            $(#[$meta])*
            $name,
            what = $what,
            pattern = "^[a-z0-9][a-z0-9._-]{0,63}$",
            expected = "1 to 64 characters from `a-z 0-9 . _ -`, starting with a lowercase letter or digit",
            check = is_key
        );
    };
}

general_id!(
    /// Identifies one incident, e.g. `INC-2026-0042`. Unique within the host's records.
    IncidentId,
    "incident id"
);
general_id!(
    /// Identifies a person, team, rotation or automation acting on an incident, e.g. `alice` or `soc-oncall`.
    ResponderId,
    "responder id"
);
general_id!(
    /// Identifies an AI asset (model, dataset, prompt, tool, agent, application, …) in an inventory.
    AssetId,
    "asset id"
);
general_id!(
    /// Identifies a concrete organisation in the AI supply chain, e.g. `modelco`.
    PartyId,
    "party id"
);
general_id!(
    /// Identifies a piece of evidence attached to an incident.
    EvidenceId,
    "evidence id"
);
general_id!(
    /// Identifies a threat in a threat register.
    ThreatId,
    "threat id"
);
general_id!(
    /// Identifies a mitigation in a threat register.
    MitigationId,
    "mitigation id"
);
key_id!(
    /// Identifies an incident category in a policy's taxonomy, e.g. `prompt_injection`.
    CategoryId,
    "category id"
);
key_id!(
    /// Identifies a response playbook in a policy, e.g. `contain-harmful-output`.
    PlaybookId,
    "playbook id"
);
key_id!(
    /// Identifies a step of a response playbook, e.g. `preserve-logs`; unique within the
    /// playbook.
    PlaybookStepId,
    "step id"
);
key_id!(
    /// Identifies an audience of the communications plan, e.g. `executives`.
    AudienceId,
    "audience id"
);
key_id!(
    /// Identifies a level of a severity-matrix axis, e.g. `major` or `multi_tenant`.
    LevelId,
    "axis level id"
);
key_id!(
    /// Identifies a rule of a policy (axis rules, urgency rules), e.g. `personal-data-10k`.
    RuleId,
    "rule id"
);
general_id!(
    /// Identifies a priority level of a policy, e.g. `P1`.
    PriorityId,
    "priority id"
);

key_id!(
    /// Identifies a regulatory regime's notification rule, e.g. `gdpr-art33` or
    /// `sec-8k-1.05` (the regulation module lists the built-in ids).
    RegimeId,
    "regime id"
);
key_id!(
    /// Names one report a regime asks for, e.g. `early_warning`, `notification`, `final`.
    ReportKind,
    "report kind"
);

/// `true` for `EU`, an ISO 3166-1 alpha-2 code (`DE`), or a code with an ISO 3166-2
/// subdivision (`US-CA`, `FR-75C`).
fn is_jurisdiction(s: &str) -> bool {
    let upper = |b: &[u8]| b.iter().all(u8::is_ascii_uppercase);
    let b = s.as_bytes();
    match (b.get(..2), b.get(2), b.get(3..)) {
        (Some(country), None, _) => upper(country),
        (Some(country), Some(b'-'), Some(sub)) => {
            upper(country)
                && (1..=3).contains(&sub.len())
                && sub.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }
        _ => false,
    }
}

string_newtype!(
    /// Where an incident's effects are felt: an ISO 3166-1 alpha-2 country code (`DE`), a
    /// country with an ISO 3166-2 subdivision (`US-CA`), or `EU` for the European Union as
    /// a whole. Regulatory rules match a country against its subdivisions and the EU
    /// against its member states (see [`Jurisdiction::within`]).
    Jurisdiction,
    what = "jurisdiction",
    pattern = "^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
    expected = "an ISO 3166-1 alpha-2 code such as `DE`, a subdivision such as `US-CA`, or `EU`",
    check = is_jurisdiction
);

/// The 27 member states of the European Union (ISO 3166-1 alpha-2; Greece is `GR`).
pub(crate) const EU_MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
    "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl Jurisdiction {
    /// The country part (`US` for `US-CA`; `EU` for `EU`).
    pub fn country(&self) -> &str {
        self.as_str().get(..2).unwrap_or_default()
    }

    /// `true` when this jurisdiction lies within `area`: the same code, a subdivision of
    /// the country `area` (`US-CA` within `US`), or a member state (or its subdivision)
    /// within `EU`.
    pub fn within(&self, area: &Self) -> bool {
        self == area
            || (area.as_str().len() == 2 && self.country() == area.as_str())
            || (area.as_str() == "EU" && EU_MEMBER_STATES.contains(&self.country()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_ids_accept_and_reject() {
        assert!(IncidentId::new("INC-2026-0042").is_ok());
        assert!(IncidentId::new("a").is_ok());
        assert!(IncidentId::new("").is_err());
        assert!(IncidentId::new("-lead").is_err());
        assert!(IncidentId::new("has space").is_err());
        assert!(IncidentId::new("x".repeat(128)).is_ok());
        assert!(IncidentId::new("x".repeat(129)).is_err());
        assert!(IncidentId::new("é").is_err());
    }

    #[test]
    fn keys_are_lowercase() {
        assert!(CategoryId::new("prompt_injection").is_ok());
        assert!(CategoryId::new("Prompt").is_err());
        assert!(CategoryId::new("a:b").is_err());
    }

    #[test]
    fn error_names_input_and_expectation() {
        let err = IncidentId::new("bad id").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid incident id `bad id`: expected 1 to 128 characters from `A-Z a-z 0-9 . _ : @ / + -`, starting with a letter or digit"
        );
    }

    #[test]
    fn deserialization_goes_through_new() {
        let ok: Result<CategoryId, _> = serde_json::from_str("\"model_theft\"");
        assert!(ok.is_ok());
        let bad: Result<CategoryId, _> = serde_json::from_str("\"Model Theft\"");
        assert!(bad.is_err());
    }

    #[test]
    fn inline_and_heap_ids_behave_alike() {
        // Ids up to 24 bytes are stored inline, longer ones on the heap: both round-trip,
        // compare, order and hash as their text.
        use std::hash::{BuildHasher, RandomState};
        let state = RandomState::new();
        for len in [1usize, 23, 24, 25, 127] {
            let text = format!("a{}", "b".repeat(len - 1));
            let id = IncidentId::new(text.clone()).unwrap();
            assert_eq!(id.as_str(), text);
            assert_eq!(String::from(id.clone()), text);
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<IncidentId>(&json).unwrap(), id);
            assert_eq!(text.parse::<IncidentId>().unwrap(), id);
            assert_eq!(
                state.hash_one(&id),
                state.hash_one(IncidentId::new(text.as_str()).unwrap())
            );
            let longer = IncidentId::new(format!("{text}c")).unwrap();
            assert!(id < longer);
            assert_ne!(id, longer);
        }
        let err = serde_json::from_str::<IncidentId>(&format!("\"{}\"", "x".repeat(129))).unwrap_err();
        assert!(err.to_string().contains("invalid incident id"), "{err}");
    }

    #[test]
    fn hand_checks_agree_with_patterns() {
        let general = regex::Regex::new(IncidentId::PATTERN).unwrap();
        let key = regex::Regex::new(CategoryId::PATTERN).unwrap();
        for s in [
            "",
            "a",
            "A",
            "-",
            "a-",
            "_a",
            "a_b",
            "a:b",
            "a.b",
            "ab c",
            "é",
            "Z9",
            "9z",
            "a\n",
            "a/b",
            "a@1.0.0+b",
            "a b",
            "ok-ID_1:2.3",
        ] {
            assert_eq!(general.is_match(s), is_general_id(s), "general `{s}`");
            assert_eq!(key.is_match(s), is_key(s), "key `{s}`");
        }
    }
}
