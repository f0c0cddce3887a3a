//! What the BOM importers share: options, the result with what a lenient import
//! skipped, format detection, version reading, id generation and edge collection.
//!
//! Both importers read the BOM into a [`serde_json::Value`] once and move each
//! component's JSON into its asset (nothing is cloned), so an import costs a small
//! constant times the JSON parse (see `benches/inventory.rs`).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde_json::{Map, Value};

use super::{Asset, Dependency, DependencyKind, Inventory, InventoryParty};
use crate::error::Error;
use crate::id::{AssetId, PartyId};
use crate::incident::AssetKind;
use crate::report::{DocumentKind, Problem, ProblemKind, ValidationReport, push_token};

/// A bill-of-materials format the inventory imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BomFormat {
    /// CycloneDX JSON, spec versions 1.2 to 1.6.
    CycloneDx,
    /// SPDX: 2.2 and 2.3 JSON, 3.0 JSON-LD (with the AI and Dataset profiles).
    Spdx,
}

impl BomFormat {
    /// The format of a BOM, from its first members: `bomFormat` (CycloneDX),
    /// `spdxVersion` (SPDX 2.x) or an `@context` naming `spdx.org` (SPDX 3.0); `None`
    /// when it is neither (or not a JSON object).
    ///
    /// Reads the text as JSON once; use [`Inventory::import_bom`] with `None` to detect
    /// and import in one pass.
    pub fn detect(json: &str) -> Option<Self> {
        let value: Value = serde_json::from_str(json).ok()?;
        Self::of(&value)
    }

    /// [`detect`](Self::detect) on a JSON value already read.
    pub fn of(value: &Value) -> Option<Self> {
        let root = value.as_object()?;
        if root.contains_key("bomFormat") {
            Some(Self::CycloneDx)
        } else if root.contains_key("spdxVersion") || root.get("@context").is_some_and(names_spdx) {
            Some(Self::Spdx)
        } else {
            None
        }
    }

    /// The report kind for problems in a BOM of this format.
    pub(super) fn document(self) -> DocumentKind {
        match self {
            Self::CycloneDx => DocumentKind::CycloneDx,
            Self::Spdx => DocumentKind::Spdx,
        }
    }
}

/// `true` when a JSON-LD `@context` (a string, or a list of them) names spdx.org.
fn names_spdx(context: &Value) -> bool {
    match context {
        Value::String(s) => s.contains("spdx.org/rdf/3."),
        Value::Array(items) => items.iter().any(names_spdx),
        _ => false,
    }
}

impl std::fmt::Display for BomFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Self::CycloneDx => "cyclonedx",
            Self::Spdx => "spdx",
        })
    }
}

impl std::str::FromStr for BomFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "cyclonedx" => Ok(Self::CycloneDx),
            "spdx" => Ok(Self::Spdx),
            _ => Err(Error::InvalidValue {
                what: "BOM format",
                value: s.to_owned(),
                expected: "`cyclonedx` or `spdx`".to_owned(),
            }),
        }
    }
}

/// How strictly a BOM is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Import what can be imported and list the rest in [`Import::skipped`], instead of
    /// refusing a BOM with any bad entry.
    pub lenient: bool,
}

impl ImportOptions {
    /// Refuse a BOM with any bad entry, reporting every problem (the default).
    pub fn strict() -> Self {
        Self { lenient: false }
    }

    /// Skip bad entries (and dependencies on them), listing each in [`Import::skipped`].
    pub fn lenient() -> Self {
        Self { lenient: true }
    }
}

/// An imported BOM: the inventory, and what a lenient import left out.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Import {
    /// The inventory (valid: [`Inventory::validate`] accepts it).
    pub inventory: Inventory,
    /// The BOM's format.
    pub format: BomFormat,
    /// The BOM's spec version as written (`1.4`, `SPDX-2.3`, `3.0.1`).
    pub spec_version: String,
    /// The entries a lenient import skipped, each with the JSON pointer into the BOM and
    /// why; empty for a strict import (which fails instead).
    pub skipped: Vec<Problem>,
}

/// A JSON pointer: `base` followed by `tokens`, each escaped.
pub(super) fn pointer(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_owned();
    for t in tokens {
        out.push('/');
        push_token(&mut out, t);
    }
    out
}

/// A short rendering of a found value for a message.
pub(super) fn found(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(format!("`{}`", s.chars().take(80).collect::<String>())),
        Value::Null => Some("null".to_owned()),
        other => Some(other.to_string().chars().take(80).collect()),
    }
}

/// Reads a version as semver where the order is well defined:
/// - semver as is (`1.2.3`, `2.5.0-b32`; Go pseudo-versions are semver pre-releases);
/// - a leading `v` or `V` dropped (`v6.3.0`, as Go modules and Git tags write them);
/// - one or two numeric parts padded (`1.4` → `1.4.0`, `7` → `7.0.0`);
/// - a Maven release qualifier (`.Final`, `.RELEASE`, `.GA`, any case) read as build
///   metadata (`5.2.18.Final` → `5.2.18+Final`), which orders as the plain release,
///   as Maven itself orders it.
///
/// Anything else (four numeric parts, other qualifiers, dates, commit hashes) is `None`:
/// kept verbatim in `version_text`, matched by no version range.
pub(crate) fn read_version(text: &str) -> Option<semver::Version> {
    let t = text.strip_prefix(['v', 'V']).unwrap_or(text);
    if let Ok(v) = semver::Version::parse(t) {
        return Some(v);
    }
    let numeric =
        |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0'));
    let parts: Vec<&str> = t.split('.').collect();
    match parts.as_slice() {
        [major] if numeric(major) => format!("{major}.0.0").parse().ok(),
        [major, minor] if numeric(major) && numeric(minor) => format!("{major}.{minor}.0").parse().ok(),
        [major, minor, patch, qualifier]
            if numeric(major)
                && numeric(minor)
                && numeric(patch)
                && ["final", "release", "ga"].contains(&qualifier.to_ascii_lowercase().as_str()) =>
        {
            format!("{major}.{minor}.{patch}+{qualifier}").parse().ok()
        }
        _ => None,
    }
}

/// The package URL without version, qualifiers or subpath (`pkg:npm/lodash@4.17.21` →
/// `pkg:npm/lodash`): the name every version of a package shares.
pub(crate) fn purl_base(purl: &str) -> &str {
    let end = purl.find(['?', '#']).unwrap_or(purl.len());
    let head = purl.get(..end).unwrap_or(purl);
    match head.rsplit_once('@') {
        Some((base, version)) if !version.contains('/') && base.contains('/') => base,
        _ => head,
    }
}

/// A valid identifier from free text: keeps `[A-Za-z0-9._:@/+-]`, replaces the rest with
/// `-`, at most 112 characters (room for a `+N` suffix), starting with a letter or digit.
fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len().min(112));
    for c in text.chars() {
        if s.len() >= 112 {
            break;
        }
        s.push(
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '@' | '/' | '+' | '-') {
                c
            } else {
                '-'
            },
        );
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        s.insert(0, 'x');
    }
    s
}

/// Builds the inventory: unique asset ids from source references, parties by name, and
/// deduplicated typed edges; collects problems (strict) or skipped entries (lenient).
pub(super) struct Builder {
    pub(super) inventory: Inventory,
    pub(super) options: ImportOptions,
    pub(super) problems: Vec<Problem>,
    format: BomFormat,
    taken: HashSet<AssetId>,
    /// Source reference (bom-ref, SPDXID, spdxId) → asset index.
    refs: HashMap<String, usize>,
    parties: HashMap<String, PartyId>,
    party_ids: HashSet<PartyId>,
    edges: HashMap<(usize, usize), usize>,
}

impl Builder {
    pub(super) fn new(name: &str, format: BomFormat, options: ImportOptions) -> Self {
        Self {
            inventory: Inventory::new(name),
            options,
            problems: Vec::new(),
            format,
            taken: HashSet::new(),
            refs: HashMap::new(),
            parties: HashMap::new(),
            party_ids: HashSet::new(),
            edges: HashMap::new(),
        }
    }

    /// Records a problem with an entry (skipped in a lenient import).
    pub(super) fn problem(&mut self, pointer: String, expected: impl Into<String>, found: Option<String>) {
        self.problems
            .push(Problem::new(pointer, ProblemKind::Structure, expected, found));
    }

    /// A unique asset id made from `text`.
    fn unique_id(&mut self, text: &str) -> Result<AssetId, Error> {
        let base = slug(text);
        let mut candidate = base.clone();
        let mut n = 1u32;
        loop {
            let id = AssetId::new(candidate)?;
            if self.taken.insert(id.clone()) {
                return Ok(id);
            }
            n = n.saturating_add(1);
            candidate = format!("{base}+{n}");
        }
    }

    /// The index of the asset a source reference names.
    pub(super) fn resolve(&self, reference: &str) -> Option<usize> {
        self.refs.get(reference).copied()
    }

    /// `true` when a source reference is already taken (by an earlier entry).
    pub(super) fn is_known(&self, reference: &str) -> bool {
        self.refs.contains_key(reference)
    }

    /// Adds an asset whose id comes from `reference` (when given; it is then how edges
    /// name it) or from `fallback`. Returns its index.
    pub(super) fn add_asset(
        &mut self,
        reference: Option<&str>,
        fallback: &str,
        kind: AssetKind,
        name: &str,
        version_text: Option<&str>,
    ) -> Result<usize, Error> {
        let id = self.unique_id(reference.unwrap_or(fallback))?;
        let version = version_text.and_then(read_version);
        let mut asset = Asset::new(id, kind, name, version);
        if let Some(text) = version_text {
            if asset.version.as_ref().map(ToString::to_string).as_deref() != Some(text) {
                asset.version_text = Some(text.to_owned());
            }
        }
        let index = self.inventory.assets.len();
        self.inventory.assets.push(asset);
        if let Some(r) = reference {
            self.refs.insert(r.to_owned(), index);
        }
        Ok(index)
    }

    /// The asset at `index` (just added).
    pub(super) fn asset_mut(&mut self, index: usize) -> Option<&mut Asset> {
        self.inventory.assets.get_mut(index)
    }

    /// The kind of the asset at `index`.
    pub(super) fn kind(&self, index: usize) -> Option<AssetKind> {
        self.inventory.assets.get(index).map(|a| a.kind)
    }

    /// The party named `name` (added on first use).
    pub(super) fn party(&mut self, name: &str) -> Result<PartyId, Error> {
        if let Some(id) = self.parties.get(name) {
            return Ok(id.clone());
        }
        let base = slug(&name.to_lowercase());
        let mut candidate = base.clone();
        let mut n = 1u32;
        let id = loop {
            let id = PartyId::new(candidate)?;
            if self.party_ids.insert(id.clone()) {
                break id;
            }
            n = n.saturating_add(1);
            candidate = format!("{base}+{n}");
        };
        self.parties.insert(name.to_owned(), id.clone());
        self.inventory.parties.push(InventoryParty::new(id.clone(), name));
        Ok(id)
    }

    /// Adds the edge `from` depends on `to`, once per pair; a typed kind replaces a
    /// plain `depends_on` for the same pair. A self loop (which some generators write)
    /// says nothing about the blast radius and is left out (the BOM's own list is kept
    /// in the inventory's extensions).
    pub(super) fn edge(&mut self, from: usize, to: usize, kind: DependencyKind) {
        if from == to {
            return;
        }
        let (Some(f), Some(t)) = (self.inventory.assets.get(from), self.inventory.assets.get(to)) else {
            return;
        };
        let dependency = Dependency::new(f.id.clone(), t.id.clone(), kind);
        match self.edges.get(&(from, to)) {
            Some(&i) => {
                if let Some(d) = self.inventory.dependencies.get_mut(i) {
                    if d.kind == DependencyKind::DependsOn {
                        d.kind = kind;
                    }
                }
            }
            None => {
                self.edges.insert((from, to), self.inventory.dependencies.len());
                self.inventory.dependencies.push(dependency);
            }
        }
    }

    /// The edge kind for `from` depending on `to` when the source says only "depends":
    /// on a model it uses it; a model on a dataset was trained on it.
    pub(super) fn plain_kind(&self, from: usize, to: usize) -> DependencyKind {
        match (self.kind(from), self.kind(to)) {
            (_, Some(AssetKind::Model)) => DependencyKind::UsesModel,
            (Some(AssetKind::Model), Some(AssetKind::Dataset)) => DependencyKind::TrainedOn,
            _ => DependencyKind::DependsOn,
        }
    }

    /// The import: an error listing every problem (strict, or a lenient import of a BOM
    /// whose inventory would still be invalid), or the inventory with what was skipped.
    pub(super) fn finish(mut self, spec_version: String, rest: Map<String, Value>, key: &str) -> Result<Import, Error> {
        if !rest.is_empty() {
            self.inventory.extensions.insert(key.to_owned(), Value::Object(rest));
        }
        if !self.problems.is_empty() && !self.options.lenient {
            let mut report = ValidationReport::new(self.format.document());
            report.problems = self.problems;
            return Err(Error::Invalid(report));
        }
        // The importer keeps ids unique, references resolved and suppliers listed; what
        // is left to fail is a cycle through a typed (AI) edge, which a BOM cannot fix.
        if let Err(Error::Invalid(inner)) = crate::Document::validate(&self.inventory) {
            let mut report = ValidationReport::new(self.format.document());
            for mut p in inner.problems {
                p.expected = format!("{} (in the imported inventory)", p.expected);
                report.problems.push(p);
            }
            return Err(Error::Invalid(report));
        }
        Ok(Import {
            inventory: self.inventory,
            format: self.format,
            spec_version,
            skipped: self.problems,
        })
    }
}

/// A string member of an object, or `None`.
pub(super) fn str_of<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_where_the_order_is_defined() {
        let v = |s: &str| read_version(s).map(|v| v.to_string());
        assert_eq!(v("1.2.3").as_deref(), Some("1.2.3"));
        assert_eq!(v("v6.3.0").as_deref(), Some("6.3.0"));
        assert_eq!(
            v("v0.0.0-20200622213623-75b288015ac9").as_deref(),
            Some("0.0.0-20200622213623-75b288015ac9")
        );
        assert_eq!(v("1.4").as_deref(), Some("1.4.0"));
        assert_eq!(v("7").as_deref(), Some("7.0.0"));
        assert_eq!(v("5.2.18.Final").as_deref(), Some("5.2.18+Final"));
        assert_eq!(v("1.5.16.RELEASE").as_deref(), Some("1.5.16+RELEASE"));
        for none in [
            "1.2.3.4",
            "2.7.7_5",
            "2024-04-15",
            "75b288015ac9",
            "01.2",
            "1.0.Beta1",
            "",
        ] {
            assert_eq!(v(none), None, "{none}");
        }
        let a = read_version("5.2.18.Final").unwrap();
        let b = read_version("5.2.18").unwrap();
        assert_eq!(a.cmp_precedence(&b), std::cmp::Ordering::Equal);
    }

    #[test]
    fn purl_bases() {
        assert_eq!(purl_base("pkg:npm/lodash@4.17.21"), "pkg:npm/lodash");
        assert_eq!(
            purl_base("pkg:npm/%40angular/core@9.0.0?x=1#sub"),
            "pkg:npm/%40angular/core"
        );
        assert_eq!(purl_base("pkg:maven/org.a/b@1.0?type=jar"), "pkg:maven/org.a/b");
        assert_eq!(purl_base("pkg:golang/github.com/a/b"), "pkg:golang/github.com/a/b");
    }

    #[test]
    fn slugs_are_valid_ids() {
        for text in ["arrow==1.4.0", "@scope/x", "é", "", "a|b", &"x".repeat(500)] {
            assert!(AssetId::new(slug(text)).is_ok(), "{text}");
        }
    }
}
