//! What the BOM importers share: options, the result with what a lenient import
//! skipped, format detection, version reading, id generation and edge collection.
//!
//! Both importers read the BOM into a [`serde_json::Value`] once and move each
//! component's JSON into its asset (nothing is cloned), so an import costs a small
//! constant times the JSON parse (see `benches/inventory.rs`).

use foldhash::{HashMap, HashMapExt, HashSet};
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
    /// The format of a BOM, from its top-level members: `bomFormat` (CycloneDX),
    /// `spdxVersion` (SPDX 2.x) or an `@context` naming `spdx.org/rdf/3.` (SPDX 3.0);
    /// `None` when it is neither (or not JSON, or not an object).
    ///
    /// Parses the whole text; [`Inventory::import_bom`] with `None` detects and imports
    /// in one parse, and [`of`](Self::of) reads a value already parsed.
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
    /// The inventory (valid: [`Document::validate`](crate::Document::validate) accepts it).
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

/// A BOM refused whole (not JSON of the format, an unsupported spec version, …): one
/// structure problem at `pointer`, in either mode.
pub(super) fn fatal(format: BomFormat, pointer: &str, expected: &str, value: Option<&Value>) -> Error {
    let mut report = ValidationReport::new(format.document());
    report.push(
        pointer,
        ProblemKind::Structure,
        expected,
        found(value).or(Some("nothing".to_owned())),
    );
    Error::Invalid(report)
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

/// Reads a version as [`read_version`] does, except for operating-system packages
/// (purl types `deb`, `apk`, `rpm`, `alpm`), whose versions end in a packaging revision
/// (`3.1.4-r5`, `3.0.2-0ubuntu1.10`) that semver would read as a pre-release, ordering
/// `3.1.4-r5` before `3.1.4`: the upstream part is read and the revision kept as build
/// metadata (`3.1.4+r5`), which orders as the upstream release. An epoch (`1:2.3-4`)
/// has no semver reading.
pub(crate) fn read_version_for(purl: Option<&str>, text: &str) -> Option<semver::Version> {
    let os = purl.is_some_and(|p| {
        ["pkg:deb/", "pkg:apk/", "pkg:rpm/", "pkg:alpm/"]
            .iter()
            .any(|t| p.starts_with(t))
    });
    if !os {
        return read_version(text);
    }
    if text.contains(':') {
        return None;
    }
    match text.rsplit_once('-') {
        Some((upstream, revision)) => {
            let mut v = read_version(upstream)?;
            if !v.pre.is_empty() || !v.build.is_empty() {
                return None;
            }
            v.build = semver::BuildMetadata::new(revision).ok()?;
            Some(v)
        }
        None => read_version(text).filter(|v| v.pre.is_empty()),
    }
}

/// How deeply a value nests (a scalar 0, `{}` 1), counted without recursion.
pub(super) fn depth(value: &Value) -> usize {
    let mut deepest = 0usize;
    let mut stack: Vec<(&Value, usize)> = vec![(value, 1)];
    while let Some((v, level)) = stack.pop() {
        match v {
            Value::Object(m) => {
                deepest = deepest.max(level);
                stack.extend(m.values().map(|c| (c, level.saturating_add(1))));
            }
            Value::Array(a) => {
                deepest = deepest.max(level);
                stack.extend(a.iter().map(|c| (c, level.saturating_add(1))));
            }
            _ => {}
        }
    }
    deepest
}

/// The deepest a BOM entry may nest: it is kept under an asset's `extensions` (level 1)
/// at level 2, and host data nests at most `MAX_HOST_DEPTH` levels.
pub(super) const MAX_ENTRY_DEPTH: usize = crate::validation::strict::MAX_HOST_DEPTH - 1;

/// The key a package URL is looked up by: without version, qualifiers or subpath, and
/// percent-decoded (`pkg:npm/%40angular/core@9.0.0` → `pkg:npm/@angular/core`).
pub(crate) fn purl_key(purl: &str) -> String {
    let base = purl_base(purl);
    let bytes = base.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i.saturating_add(1)), hex(i.saturating_add(2))) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h.saturating_mul(16).saturating_add(l)).unwrap_or(b'%'));
                i = i.saturating_add(3);
            }
            _ => {
                out.push(b);
                i = i.saturating_add(1);
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| base.to_owned())
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

/// Identifiers handed out so far.
#[derive(Default)]
struct Names {
    taken: HashSet<String>,
    /// The last suffix used for a base, so clashes cost linear time in all.
    suffixes: HashMap<String, u32>,
}

impl Names {
    /// A unique identifier made from `text`: its slug, or on a clash the slug with
    /// `+2`, `+3`, …, resuming where the last clash on the same slug stopped.
    fn unique(&mut self, text: &str) -> String {
        let base = slug(text);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let mut n = self.suffixes.get(&base).copied().unwrap_or(1);
        loop {
            n = n.saturating_add(1);
            let candidate = format!("{base}+{n}");
            if self.taken.insert(candidate.clone()) {
                self.suffixes.insert(base, n);
                return candidate;
            }
        }
    }
}

/// Builds the inventory: unique asset ids from source references, parties by name, and
/// deduplicated typed edges; collects problems (strict) or skipped entries (lenient).
pub(super) struct Builder {
    pub(super) inventory: Inventory,
    pub(super) options: ImportOptions,
    pub(super) problems: Vec<Problem>,
    format: BomFormat,
    asset_ids: Names,
    party_ids: Names,
    /// Source reference (bom-ref, SPDXID, spdxId) → asset index.
    refs: HashMap<String, usize>,
    /// The BOM pointer of each asset's entry.
    pointers: Vec<String>,
    parties: HashMap<String, PartyId>,
    edges: HashMap<(usize, usize), usize>,
}

impl Builder {
    pub(super) fn new(name: &str, format: BomFormat, options: ImportOptions) -> Self {
        Self {
            inventory: Inventory::new(name),
            options,
            problems: Vec::new(),
            format,
            asset_ids: Names::default(),
            party_ids: Names::default(),
            refs: HashMap::new(),
            pointers: Vec::new(),
            parties: HashMap::new(),
            edges: HashMap::new(),
        }
    }

    /// Records a problem with an entry (skipped in a lenient import).
    pub(super) fn problem(&mut self, pointer: String, expected: impl Into<String>, found: Option<String>) {
        self.problems
            .push(Problem::new(pointer, ProblemKind::Structure, expected, found));
    }

    /// The index of the asset a source reference names.
    pub(super) fn resolve(&self, reference: &str) -> Option<usize> {
        self.refs.get(reference).copied()
    }

    /// `true` when a source reference is already taken (by an earlier entry).
    pub(super) fn is_known(&self, reference: &str) -> bool {
        self.refs.contains_key(reference)
    }

    /// Adds an asset for the entry at `pointer`, whose id comes from `reference` (when
    /// given; it is then how edges name it) or from `fallback`. Returns its index.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn add_asset(
        &mut self,
        pointer: &str,
        reference: Option<&str>,
        fallback: &str,
        kind: AssetKind,
        name: &str,
        version_text: Option<&str>,
        purl: Option<&str>,
    ) -> Result<usize, Error> {
        let id = AssetId::new(self.asset_ids.unique(reference.unwrap_or(fallback)))?;
        let version = version_text.and_then(|t| read_version_for(purl, t));
        let mut asset = Asset::new(id, kind, name, version);
        if let Some(text) = version_text {
            if asset.version.as_ref().map(ToString::to_string).as_deref() != Some(text) {
                asset.version_text = Some(text.to_owned());
            }
        }
        asset.purl = purl.map(str::to_owned);
        let index = self.inventory.assets.len();
        self.inventory.assets.push(asset);
        self.pointers.push(pointer.to_owned());
        if let Some(r) = reference {
            self.refs.insert(r.to_owned(), index);
        }
        Ok(index)
    }

    /// The BOM pointer of the asset at `index`.
    pub(super) fn pointer_of(&self, index: usize) -> &str {
        self.pointers.get(index).map_or("", String::as_str)
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
        let id = PartyId::new(self.party_ids.unique(&name.to_lowercase()))?;
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
    /// onto a model it uses it; otherwise `depends_on` (lineage such as `trained_on` is
    /// only taken from a source that states it).
    pub(super) fn plain_kind(&self, to: usize) -> DependencyKind {
        match self.kind(to) {
            Some(AssetKind::Model) => DependencyKind::UsesModel,
            _ => DependencyKind::DependsOn,
        }
    }

    /// Leaves out every lineage edge (`trained_on`, `fine_tuned_from`) that lies on a
    /// dependency cycle (both ends in one strongly connected component), listing each as
    /// skipped at its dependent's entry: lineage cannot loop, and the run-time edges of
    /// the cycle stay.
    fn drop_lineage_cycles(&mut self) {
        let lineage = |k: DependencyKind| matches!(k, DependencyKind::TrainedOn | DependencyKind::FineTunedFrom);
        if !self.inventory.dependencies.iter().any(|d| lineage(d.kind)) {
            return;
        }
        let mut graph: petgraph::graph::DiGraph<(), (), u32> =
            petgraph::graph::DiGraph::with_capacity(self.inventory.assets.len(), self.edges.len());
        for _ in &self.inventory.assets {
            graph.add_node(());
        }
        for &(from, to) in self.edges.keys() {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(from),
                petgraph::graph::NodeIndex::new(to),
                (),
            );
        }
        let mut component = vec![usize::MAX; self.inventory.assets.len()];
        for (c, scc) in petgraph::algo::tarjan_scc(&graph).into_iter().enumerate() {
            if scc.len() > 1 {
                for n in scc {
                    if let Some(slot) = component.get_mut(n.index()) {
                        *slot = c;
                    }
                }
            }
        }
        // (dependency, its dependent asset), in the order the edges were added.
        let mut order: Vec<(usize, usize)> = Vec::new();
        for (&(from, to), &i) in &self.edges {
            let (Some(&a), Some(&b)) = (component.get(from), component.get(to)) else {
                continue;
            };
            let kind = self.inventory.dependencies.get(i).map(|d| d.kind);
            if a != usize::MAX && a == b && kind.is_some_and(lineage) {
                order.push((i, from));
            }
        }
        order.sort_unstable();
        let dropped: HashSet<usize> = order.iter().map(|&(i, _)| i).collect();
        for &(i, from) in &order {
            if let Some(d) = self.inventory.dependencies.get(i) {
                let from = self.pointer_of(from).to_owned();
                let kind = serde_json::to_value(d.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let found = Some(format!("`{}` → `{}`", d.from, d.to));
                self.problems.push(Problem::new(
                    from,
                    ProblemKind::Semantic,
                    format!("a `{kind}` edge on no dependency cycle (lineage cannot loop; this one is left out)"),
                    found,
                ));
            }
        }
        let mut position = 0usize;
        self.inventory.dependencies.retain(|_| {
            let keep = !dropped.contains(&position);
            position = position.saturating_add(1);
            keep
        });
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
        if self.options.lenient {
            self.drop_lineage_cycles();
        }
        // The importer keeps ids unique, references resolved, suppliers listed and
        // entries within the host-data depth; what is left to fail is a cycle through a
        // lineage edge (`trained_on`, `fine_tuned_from`) in a strict import, reported at
        // the entry it starts from.
        if let Err(Error::Invalid(inner)) = crate::Document::validate(&self.inventory) {
            let mut report = ValidationReport::new(self.format.document());
            for mut p in inner.problems {
                let asset = p
                    .pointer
                    .strip_prefix("/assets/")
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(i) = asset {
                    p.pointer = self.pointer_of(i).to_owned();
                }
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
    fn os_package_revisions_are_not_pre_releases() {
        let v = |purl: &str, s: &str| read_version_for(Some(purl), s).map(|v| v.to_string());
        assert_eq!(
            v("pkg:apk/alpine/openssl@3.1.4-r5", "3.1.4-r5").as_deref(),
            Some("3.1.4+r5")
        );
        assert_eq!(
            v("pkg:deb/ubuntu/openssl@3.0.2-0ubuntu1.10", "3.0.2-0ubuntu1.10").as_deref(),
            Some("3.0.2+0ubuntu1.10")
        );
        assert_eq!(v("pkg:rpm/fedora/curl@1:7.50.3-1.fc25", "1:7.50.3-1.fc25"), None);
        assert_eq!(v("pkg:npm/x@1.0.0-rc.1", "1.0.0-rc.1").as_deref(), Some("1.0.0-rc.1"));
        let r5 = read_version_for(Some("pkg:apk/a/b"), "3.1.4-r5").unwrap();
        assert!(semver::VersionReq::parse(">=3.1.0, <3.1.5").unwrap().matches(&r5));
    }

    #[test]
    fn purl_keys_ignore_version_and_percent_encoding() {
        assert_eq!(purl_key("pkg:npm/%40angular/core@9.0.0"), "pkg:npm/@angular/core");
        assert_eq!(purl_key("pkg:npm/@angular/core"), "pkg:npm/@angular/core");
        assert_eq!(purl_key("pkg:npm/a%2"), "pkg:npm/a%2");
        assert_eq!(purl_key("pkg:npm/%ff"), "pkg:npm/%ff");
    }

    #[test]
    fn clashing_names_get_suffixes_in_linear_time() {
        let mut names = Names::default();
        let ids: Vec<String> = (0..50_000).map(|_| names.unique("a")).collect();
        assert_eq!(ids.first().map(String::as_str), Some("a"));
        assert_eq!(ids.get(1).map(String::as_str), Some("a+2"));
        assert_eq!(ids.last().map(String::as_str), Some("a+50000"));
        assert_eq!(
            names.unique("a+3"),
            "a+3+2",
            "a literal that was handed out clashes too"
        );
    }

    #[test]
    fn slugs_are_valid_ids() {
        for text in ["arrow==1.4.0", "@scope/x", "é", "", "a|b", &"x".repeat(500)] {
            assert!(AssetId::new(slug(text)).is_ok(), "{text}");
        }
    }
}
