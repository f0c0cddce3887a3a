//! The document idiom: the [`Document`] trait every document type implements, and the
//! one parse pipeline they share.
//!
//! Parsing has a fast path: a valid document is deserialized straight into its type
//! (identifiers and values are checked by their constructors on the way), then its
//! `schema_version` and semantic rules are checked. Only when deserialization fails does
//! the slow path build a generic JSON tree and walk it against the type's schema to
//! collect **every** structural problem with its JSON pointer (see `walk.rs`).

mod objects;
pub(crate) mod strict;
pub(crate) mod transform;
mod walk;

pub(crate) use objects::{object, object_opt, objects};

pub(crate) mod sealed {
    /// Keeps [`Document`](super::Document) implemented by this crate's documents only.
    pub trait Sealed {}
}

use foldhash::{HashMap, HashMapExt};
use std::any::TypeId;
use std::collections::hash_map::Entry;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock, PoisonError};

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::report::{DocumentKind, Problem, ProblemKind, ValidationReport, push_token, quoted};

/// A JSON document of this crate: an incident, a policy, a threat register, an
/// inventory or an escalation policy.
///
/// Every document is checked by the same rules however it was made: [`from_json`]
/// parses and runs [`check`]; a document built in Rust runs the same [`check`] through
/// [`validate`]. Checks that need more than the document (is the incident's category
/// defined by a policy?) live with what they need (`Policy::check_incident`).
///
/// [`from_json`]: Document::from_json
/// [`check`]: Document::check
/// [`validate`]: Document::validate
///
/// The trait is sealed: the crate's five document types are its only implementors.
pub trait Document: sealed::Sealed + Serialize + JsonSchema + Sized + 'static {
    /// Which document this is.
    const KIND: DocumentKind;

    /// The `schema_version` this crate writes. It reads every version with the same major.
    const SCHEMA_VERSION: semver::Version;

    /// The document's `schema_version`.
    fn schema_version(&self) -> &semver::Version;

    /// Appends every semantic problem of the document to `report`, each with its JSON
    /// pointer: the rules a JSON schema cannot state (unique ids, references that
    /// resolve, times in order, an intact hash chain, …).
    fn check(&self, report: &mut ValidationReport);

    /// Parses and validates a document: JSON syntax, `schema_version` (same major),
    /// structure (every schema violation, each with its JSON pointer), then [`check`](Self::check).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    fn from_json(json: &str) -> Result<Self, Error>;

    /// Runs [`check`](Self::check) and the `schema_version` check on a document however
    /// it was made.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    fn validate(&self) -> Result<(), Error> {
        let mut report = ValidationReport::new(Self::KIND);
        check_version(Self::KIND, &Self::SCHEMA_VERSION, self.schema_version(), &mut report);
        // As when parsing: a document of another major version is reported as such alone.
        if report.is_empty() {
            self.check(&mut report);
        }
        finish(report)
    }

    /// The JSON schema (draft 2020-12), with `$id` `urn:aiir:schema:<kind>:<major>`.
    /// Generated from the types once per process.
    fn schema() -> &'static Value {
        cached_schema::<Self>(|| generate_schema::<Self>(&schema_id(Self::KIND.as_str(), &Self::SCHEMA_VERSION)))
    }

    /// The document as pretty-printed JSON.
    fn to_json_pretty(&self) -> String {
        to_json_pretty(self)
    }
}

/// `Ok(())` for an empty report, else [`Error::Invalid`].
///
/// Checks are staged as parsing is: when a value built in Rust breaks a rule on single
/// values (one the schema states, such as a time beyond year 9999, or a library-only one
/// such as a duration over 100 years), only those problems are reported, as parsing its
/// JSON stops before the document's own checks; so both paths give the same report.
pub(crate) fn finish(mut report: ValidationReport) -> Result<(), Error> {
    let value_stage = |p: &Problem| p.kind == ProblemKind::Structure || library_only(&p.expected);
    if report.problems.iter().any(&value_stage) {
        report
            .problems
            .retain(|p| p.kind != ProblemKind::Semantic || value_stage(p));
        in_document_order(&mut report);
    }
    if report.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(report))
    }
}

/// Orders problems as the schema walker meets them: by pointer, token by token, object
/// members by name and array items by index (a stable sort: problems at one place keep
/// their order).
fn in_document_order(report: &mut ValidationReport) {
    fn cmp_pointers(a: &str, b: &str) -> std::cmp::Ordering {
        let token = |t: &str| match t.parse::<u64>() {
            Ok(i) => (0u8, i, ""),
            Err(_) => (1, 0, ""),
        };
        // Skip the common prefix up to its last whole token (pointers in one report
        // share long prefixes).
        let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let start = a
            .as_bytes()
            .get(..common)
            .and_then(|p| p.iter().rposition(|&c| c == b'/'))
            .unwrap_or(0);
        let (a, b) = (a.get(start..).unwrap_or(a), b.get(start..).unwrap_or(b));
        let (mut x, mut y) = (a.split('/').skip(1), b.split('/').skip(1));
        loop {
            match (x.next(), y.next()) {
                (None, None) => return std::cmp::Ordering::Equal,
                (None, Some(_)) => return std::cmp::Ordering::Less,
                (Some(_), None) => return std::cmp::Ordering::Greater,
                (Some(s), Some(t)) => {
                    let order = token(s).cmp(&token(t)).then_with(|| s.cmp(t));
                    if order.is_ne() {
                        return order;
                    }
                }
            }
        }
    }
    // A stable sort: linear on the (usual) already ordered report.
    report.problems.sort_by(|a, b| cmp_pointers(&a.pointer, &b.pointer));
}

/// Our own types always serialize (map keys are strings, no custom failures).
pub(crate) fn to_json_pretty(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The URN `$id` of a document's schema, e.g. `urn:aiir:schema:incident:1`.
pub(crate) fn schema_id(name: &str, version: &semver::Version) -> String {
    format!("urn:aiir:schema:{name}:{}", version.major)
}

/// A draft 2020-12 schema for `T` with `$schema` and `$id` first (so the files read well).
pub(crate) fn generate_schema<T: JsonSchema>(id: &str) -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let Value::Object(generated) = schema.to_value() else {
        return Value::Null;
    };
    let mut root = Map::new();
    if let Some(s) = generated.get("$schema") {
        root.insert("$schema".into(), s.clone());
    }
    root.insert("$id".into(), Value::String(id.to_owned()));
    for (k, v) in generated {
        if k != "$schema" {
            root.insert(k, v);
        }
    }
    let mut schema = Value::Object(root);
    transform::apply(&mut schema);
    schema
}

/// The schema of `T`, generated once per process by `make` (schemas depend on the types
/// alone). Each entry is leaked once: a handful of constant values for the whole run.
pub(crate) fn cached_schema<T: 'static>(make: impl FnOnce() -> Value) -> &'static Value {
    static CACHE: OnceLock<Mutex<HashMap<TypeId, &'static Value>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let mut map = cache.lock().unwrap_or_else(PoisonError::into_inner);
    match map.entry(TypeId::of::<T>()) {
        Entry::Occupied(e) => e.get(),
        Entry::Vacant(e) => e.insert(Box::leak(Box::new(make()))),
    }
}

pub(crate) fn check_version(
    kind: DocumentKind,
    supported: &semver::Version,
    found: &semver::Version,
    report: &mut ValidationReport,
) {
    if found.major != supported.major {
        report.push(
            "/schema_version",
            ProblemKind::Version,
            format!(
                "a schema_version with major version {} (this crate reads {kind} documents {}.x.y)",
                supported.major, supported.major
            ),
            Some(quoted(found)),
        );
    } else if !found.pre.is_empty() || !found.build.is_empty() {
        // As the schema's pattern `^1\.[0-9]+\.[0-9]+$` says.
        report.push(
            "/schema_version",
            ProblemKind::Version,
            format!(
                "a version `{}.minor.patch` without pre-release or build parts",
                supported.major
            ),
            Some(quoted(found)),
        );
    }
}

/// Checks a JSON value against a schema (structure only), appending every violation.
pub(crate) fn check_against(schema: &Value, value: &Value, report: &mut ValidationReport) {
    walk::check(schema, value, report);
    in_document_order(report);
}

/// The structural half of [`Document::from_json`]: syntax, version and shape, into the
/// raw deserialized form `R` (the document type itself, or the shape it is converted
/// from). Semantic checks are the caller's.
pub(crate) fn parse_structure<R: DeserializeOwned>(
    json: &str,
    kind: DocumentKind,
    supported: &semver::Version,
    schema: &Value,
    version_of: impl Fn(&R) -> &semver::Version,
) -> Result<R, ValidationReport> {
    let mut report = ValidationReport::new(kind);
    // The fast path: a valid document is read straight into its type, structs from
    // objects only (serde alone would read one from an array, field by position).
    if let Ok(doc) = objects::from_str::<R>(json) {
        check_version(kind, supported, version_of(&doc), &mut report);
        return if report.is_empty() { Ok(doc) } else { Err(report) };
    }
    // The all-errors path: a tree (refusing duplicate keys, which a tree would silently
    // collapse), walked against the schema.
    let Some(value) = strict::parse_reporting(json, &mut report) else {
        return Err(report);
    };
    // A document of another major version is reported as such, not as a pile of shape errors.
    match value.get("schema_version") {
        Some(Value::String(v)) => {
            if let Ok(v) = semver::Version::parse(v) {
                if v.major != supported.major {
                    check_version(kind, supported, &v, &mut report);
                    return Err(report);
                }
            }
        }
        None if value.is_object() => {
            report.push(
                "/schema_version",
                ProblemKind::Version,
                format!(
                    "a `schema_version` (this crate reads {kind} documents {}.x.y)",
                    supported.major
                ),
                None,
            );
        }
        _ => {}
    }
    walk::check(schema, &value, &mut report);
    // Serde may reject what the schema lets through (a CVSS vector that does not score):
    // report its first error unless the schema walk already reported a problem at or
    // below the same place.
    if let Err(e) = serde_path_to_error::deserialize::<_, R>(&value) {
        let pointer = path_to_pointer(e.path());
        let covered = |p: &str| {
            p == pointer
                || p.strip_prefix(pointer.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        if !report.problems.iter().any(|p| covered(&p.pointer)) {
            let (expected, found) = split_message(&e.inner().to_string());
            let kind = if library_only(&expected) {
                ProblemKind::Semantic
            } else {
                ProblemKind::Structure
            };
            report.push(pointer, kind, expected, Some(found));
        }
    }
    report.problems.dedup();
    in_document_order(&mut report);
    Err(report)
}

/// The checks on a single value that no JSON Schema can state, by the words of their
/// `expected`: a CVSS vector that names every base metric and scores (the schema states
/// its prefix); an ISO 8601 duration of at most 100 years all parts together (the
/// schema states the syntax); event details whose integer literals stay within
/// ±(2^53 − 1) and that nest at most 32 levels (a schema sees numbers, not how they are
/// written). They are semantic problems, so a document that fails only these is
/// schema-valid (docs/validation.md lists what only the library checks).
pub(crate) fn library_only(expected: &str) -> bool {
    [
        "a CVSS v3.0, v3.1 or v4.0 vector",
        "a duration of at most",
        "a non-empty object (omit `details` when there are none) of I-JSON values",
    ]
    .iter()
    .any(|prefix| expected.starts_with(prefix))
}

/// A deserialization message as (expected, found): the crate's own messages read
/// "invalid {what} `{value}`: expected {expected}"; others are kept whole.
fn split_message(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("invalid ") {
        if let Some((found, expected)) = rest.split_once(": expected ") {
            // Serde appends " at line L column C" to some messages.
            let expected = expected.split(" at line ").next().unwrap_or(expected);
            return (expected.to_owned(), format!("invalid {found}"));
        }
    }
    ("a valid value".to_owned(), message.to_owned())
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                pointer.push('/');
                push_token(&mut pointer, key);
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// The whole of [`Document::from_json`] for a document deserialized as itself.
pub(crate) fn parse_document<D: Document + DeserializeOwned>(json: &str) -> Result<D, Error> {
    let doc = parse_structure::<D>(json, D::KIND, &D::SCHEMA_VERSION, D::schema(), D::schema_version)?;
    let mut report = ValidationReport::new(D::KIND);
    doc.check(&mut report);
    finish(report).map(|()| doc)
}

/// Reports every repeated key of `items` (in a hash set, linear in the list): the
/// problem is at `{list}/{i}/{field}` for each repeat, naming the first occurrence.
pub(crate) fn check_unique<'a, K, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> K,
    list: &str,
    field: &str,
    what: &str,
    report: &mut ValidationReport,
) where
    K: Hash + Eq + std::fmt::Display,
{
    let mut seen: HashMap<K, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match seen.entry(key(item)) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            Entry::Occupied(e) => {
                let found = quoted(e.key());
                let first = *e.get();
                let at = if field.is_empty() {
                    format!("{list}/{i}")
                } else {
                    format!("{list}/{i}/{field}")
                };
                report.semantic(at, format!("{what} (also at {list}/{first})"), Some(found));
            }
        }
    }
}
