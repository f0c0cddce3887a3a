//! The AI bill of materials (AIBOM): assets, their versions and registry status, typed
//! dependencies, and the queries responders need — which deployed systems depend on a
//! compromised model, dataset, prompt or tool (and through what), who owns each, and
//! which version to roll back to.
//!
//! petgraph stays private: [`AssetGraph`] wraps it and speaks [`AssetId`]s.

mod cyclonedx;
mod import;
mod spdx;

pub use self::import::{BomFormat, Import, ImportOptions};

use std::collections::VecDeque;
use std::collections::hash_map::Entry;

use foldhash::{HashMap, HashMapExt, HashSet};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::builder::setters;
use crate::contact::Contact;
use crate::error::Error;
use crate::id::{AssetId, PartyId};
use crate::incident::AssetKind;
use crate::report::{DocumentKind, ProblemKind, ValidationReport, quoted};
use crate::ssrm::{Actor, Layer};
use crate::validation::{Document, check_unique, parse_document};

/// An asset's status in its registry (model registry, prompt store, tool registry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RegistryStatus {
    /// Released, not specifically vetted.
    #[default]
    Released,
    /// Vetted and approved as a rollback target.
    KnownGood,
    /// Withdrawn (compromised or defective); never a rollback target.
    Revoked,
}

/// One asset version in the inventory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Asset {
    /// Unique in the inventory, e.g. `chat-model@2.5.1`.
    pub id: AssetId,
    /// What kind of asset.
    pub kind: AssetKind,
    /// The asset's name, shared by its versions, e.g. `chat-model`.
    pub name: String,
    /// The version (semver).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<semver::Version>,
    /// The version as the source wrote it, when it was not semver (e.g. CycloneDX `1.4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_text: Option<String>,
    /// Its package URL (`pkg:npm/lodash@4.17.21`), when known; `affected` and
    /// `rollback_target` also find an asset by its purl without version
    /// (`pkg:npm/lodash`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purl: Option<String>,
    /// The party that supplies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<PartyId>,
    /// The SSRM layer it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
    /// Where it is deployed, e.g. `production`; empty when not deployed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environments: Vec<String>,
    /// Registry status.
    #[serde(default)]
    pub status: RegistryStatus,
    /// The source's own type name when `kind` is `other` (e.g. a CycloneDX type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Host or source data, kept as is (an imported CycloneDX component lives here).
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::validation::strict::host_object"
    )]
    pub extensions: Map<String, Value>,
}

impl Asset {
    /// An asset with id, kind, name and version.
    pub fn new(id: AssetId, kind: AssetKind, name: impl Into<String>, version: Option<semver::Version>) -> Self {
        Self {
            id,
            kind,
            name: name.into(),
            version,
            version_text: None,
            purl: None,
            supplier: None,
            layer: None,
            environments: Vec::new(),
            status: RegistryStatus::Released,
            source_type: None,
            extensions: Map::new(),
        }
    }

    setters! {
        with_version_text => version_text: opt String;
        with_purl => purl: opt String;
        with_supplier => supplier: opt PartyId;
        with_layer => layer: opt Layer;
        with_environments => environments: list String;
        with_status => status: set RegistryStatus;
        with_source_type => source_type: opt String;
        with_extensions => extensions: set Map<String, Value>;
    }

    /// `true` when deployed somewhere.
    pub fn is_deployed(&self) -> bool {
        !self.environments.is_empty()
    }
}

/// How one asset depends on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DependencyKind {
    /// Calls or embeds a model.
    UsesModel,
    /// Was trained or fine-tuned on a dataset.
    TrainedOn,
    /// Was fine-tuned from a base model.
    FineTunedFrom,
    /// Retrieves from a vector store or data source.
    RetrievesFrom,
    /// Calls a tool or MCP server.
    CallsTool,
    /// Uses a prompt template or system prompt.
    UsesPrompt,
    /// Runs on infrastructure.
    RunsOn,
    /// Any other dependency (CycloneDX `dependsOn`).
    DependsOn,
}

/// `from` depends on `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Dependency {
    /// The dependent asset.
    pub from: AssetId,
    /// The asset it depends on.
    pub to: AssetId,
    /// How.
    pub kind: DependencyKind,
}

impl Dependency {
    /// `from` depends on `to` in the way `kind` says.
    pub fn new(from: AssetId, to: AssetId, kind: DependencyKind) -> Self {
        Self { from, to, kind }
    }
}

/// A supplier or operator of assets and the SSRM roles it plays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct InventoryParty {
    /// The party's id.
    pub id: PartyId,
    /// Its name.
    pub name: String,
    /// The SSRM roles it plays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Actor>,
    /// Its security contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

impl InventoryParty {
    /// A party with its id and name, and no roles yet.
    pub fn new(id: PartyId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            roles: Vec::new(),
            contact: None,
        }
    }

    setters! {
        with_roles => roles: list Actor;
        with_contact => contact: opt Contact;
    }
}

/// An inventory (AIBOM) document (schema `urn:aiir:schema:inventory:1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct Inventory {
    /// The schema version of this document (semver; the major must be 1).
    #[schemars(with = "String", regex(pattern = r"^1\.[0-9]+\.[0-9]+$"))]
    pub schema_version: semver::Version,
    /// The inventory's name.
    pub name: String,
    /// Parties that supply or operate assets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<InventoryParty>,
    /// The assets, one entry per version.
    pub assets: Vec<Asset>,
    /// Dependencies between assets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    /// Host data; kept as is and written back unchanged.
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "crate::validation::strict::host_object"
    )]
    pub extensions: Map<String, Value>,
}

impl Inventory {
    /// An empty inventory.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::Document;
    /// use aiir::incident::AssetKind;
    /// use aiir::inventory::{Asset, Dependency, DependencyKind, Inventory, RegistryStatus};
    ///
    /// let v = |s: &str| semver::Version::parse(s);
    /// let inventory = Inventory::new("acme").with_assets([
    ///     Asset::new("model@1.0.0".parse()?, AssetKind::Model, "model", Some(v("1.0.0")?)).with_status(RegistryStatus::KnownGood),
    ///     Asset::new("model@1.1.0".parse()?, AssetKind::Model, "model", Some(v("1.1.0")?)),
    ///     Asset::new("bot@2.0.0".parse()?, AssetKind::Application, "bot", Some(v("2.0.0")?)).with_environments(["production".to_owned()]),
    /// ])
    /// .with_dependencies([Dependency::new("bot@2.0.0".parse()?, "model@1.1.0".parse()?, DependencyKind::UsesModel)]);
    /// inventory.validate()?;
    /// let graph = inventory.graph()?;
    /// let compromised = semver::VersionReq::parse(">=1.1.0")?;
    /// assert_eq!(graph.affected("model", &compromised).len(), 2); // the model and the bot
    /// assert_eq!(graph.rollback_target("model", &compromised)?.id.as_str(), "model@1.0.0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            schema_version: Self::SCHEMA_VERSION,
            name: name.into(),
            parties: Vec::new(),
            assets: Vec::new(),
            dependencies: Vec::new(),
            extensions: Map::new(),
        }
    }

    setters! {
        with_parties => parties: list InventoryParty;
        with_assets => assets: list Asset;
        with_dependencies => dependencies: list Dependency;
        with_extensions => extensions: set Map<String, Value>;
    }

    /// Parses and validates an inventory document (see [`Document::from_json`]):
    /// unique asset and party ids, dependencies naming assets of the inventory, suppliers
    /// naming parties, and no dependency cycles (each reported with its path).
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        <Self as Document>::from_json(json)
    }

    /// Builds and validates the dependency graph.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing duplicate ids, dangling references and every
    /// dependency cycle (with the cycle's path).
    pub fn graph(&self) -> Result<AssetGraph<'_>, Error> {
        AssetGraph::new(self)
    }
}

impl Inventory {
    /// Imports a BOM in `format` (detected when `None`, see [`BomFormat::detect`]): a
    /// CycloneDX 1.2–1.6 JSON BOM ([`from_cyclonedx`](Self::from_cyclonedx)) or an SPDX
    /// 2.2/2.3 JSON or 3.0 JSON-LD document ([`from_spdx`](Self::from_spdx)).
    ///
    /// A strict import fails on any bad entry; a lenient one imports the rest and lists
    /// what it skipped in [`Import::skipped`]. Either way a BOM that is not JSON, not of
    /// the format, or of an unsupported spec version is refused.
    ///
    /// # Examples
    ///
    /// ```
    /// use aiir::inventory::{ImportOptions, Inventory};
    ///
    /// let bom = r#"{"bomFormat": "CycloneDX", "specVersion": "1.4",
    ///   "metadata": {"component": {"bom-ref": "app", "type": "application", "name": "app", "version": "2.0.0"}},
    ///   "components": [
    ///     {"bom-ref": "lib", "type": "library", "name": "left-pad", "version": "v1.3.0", "purl": "pkg:npm/left-pad@1.3.0"},
    ///     {"type": "library", "version": "1.0.0"}
    ///   ],
    ///   "dependencies": [{"ref": "app", "dependsOn": ["lib"]}]}"#;
    /// assert!(Inventory::import_bom(bom, None, ImportOptions::strict()).is_err());
    /// let import = Inventory::import_bom(bom, None, ImportOptions::lenient())?;
    /// assert_eq!(import.skipped[0].pointer, "/components/1/name");
    /// let graph = import.inventory.graph()?;
    /// let affected = graph.affected("pkg:npm/left-pad", &"<2".parse()?);
    /// assert_eq!(affected.len(), 2); // the library (read as 1.3.0) and the application
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`] with a report of kind `cyclonedx` or `spdx` listing every
    /// problem with its JSON pointer into the BOM.
    pub fn import_bom(json: &str, format: Option<BomFormat>, options: ImportOptions) -> Result<Import, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            let document = format.map_or(DocumentKind::Inventory, BomFormat::document);
            let mut report = ValidationReport::new(document);
            report.push("", ProblemKind::Syntax, "a JSON document", Some(e.to_string()));
            Error::Invalid(report)
        })?;
        let format = match format.or_else(|| BomFormat::of(&value)) {
            Some(f) => f,
            None => {
                let mut report = ValidationReport::new(DocumentKind::Inventory);
                report.push(
                    "",
                    ProblemKind::Structure,
                    "a CycloneDX BOM (with `bomFormat`) or an SPDX document (with `spdxVersion` or an SPDX 3 `@context`)",
                    None,
                );
                return Err(Error::Invalid(report));
            }
        };
        match format {
            BomFormat::CycloneDx => cyclonedx::import(value, options),
            BomFormat::Spdx => spdx::import(value, options),
        }
    }

    /// Imports a CycloneDX 1.2–1.6 JSON BOM strictly (see [`import_bom`](Self::import_bom)
    /// and `docs/inventory.md` for what is read and what is kept).
    ///
    /// The subject (`metadata.component`), components (nested ones too) and services
    /// (nested too) become assets; `dependencies`, nesting, model-card datasets
    /// (`trained_on`) and service data flows (`retrieves_from`) become edges; suppliers,
    /// manufacturers, publishers and service providers become parties. Component types
    /// map to asset kinds (`machine-learning-model` → model, `data` → dataset,
    /// `application` → application, `library`/`framework` → library,
    /// `container`/`platform`/`device`/`firmware`/`operating-system` → infrastructure);
    /// any other type is kept as kind `other` with its name in `source_type`. Each
    /// component's JSON is kept under its asset's `extensions.cyclonedx`, the rest of the
    /// BOM under the inventory's. Versions are read as semver where the order is well
    /// defined (`v6.3.0`, `1.4`, `5.2.18.Final`; see `docs/inventory.md`) and kept as
    /// written in `version_text` when that differs.
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem with its JSON pointer into the BOM.
    pub fn from_cyclonedx(json: &str) -> Result<Self, Error> {
        Self::import_bom(json, Some(BomFormat::CycloneDx), ImportOptions::strict()).map(|i| i.inventory)
    }

    /// Imports an SPDX 2.2/2.3 JSON or 3.0 JSON-LD document strictly (see
    /// [`import_bom`](Self::import_bom) and `docs/inventory.md`).
    ///
    /// # Errors
    /// [`Error::Invalid`] listing every problem with its JSON pointer into the document.
    pub fn from_spdx(json: &str) -> Result<Self, Error> {
        Self::import_bom(json, Some(BomFormat::Spdx), ImportOptions::strict()).map(|i| i.inventory)
    }
}

impl crate::validation::sealed::Sealed for Inventory {}

impl Document for Inventory {
    const KIND: DocumentKind = DocumentKind::Inventory;
    const SCHEMA_VERSION: semver::Version = semver::Version::new(1, 0, 0);

    fn schema_version(&self) -> &semver::Version {
        &self.schema_version
    }

    /// Unique asset and party ids, dependencies naming assets of the inventory,
    /// suppliers naming parties, and no dependency cycles (each with its path).
    fn check(&self, report: &mut ValidationReport) {
        crate::validation::strict::check_host(&self.extensions, "/extensions", report);
        for (i, asset) in self.assets.iter().enumerate() {
            crate::validation::strict::check_host(&asset.extensions, &format!("/assets/{i}/extensions"), report);
        }
        if let Err(Error::Invalid(r)) = AssetGraph::new(self) {
            report.problems.extend(r.problems);
        }
        check_unique(
            &self.parties,
            |p| &p.id,
            "/parties",
            "id",
            "a party id unique in the inventory",
            report,
        );
        let parties: HashSet<&PartyId> = self.parties.iter().map(|p| &p.id).collect();
        for (i, a) in self.assets.iter().enumerate() {
            if let Some(s) = &a.supplier {
                if !parties.contains(s) {
                    report.semantic(
                        format!("/assets/{i}/supplier"),
                        "a party of the inventory",
                        Some(quoted(s)),
                    );
                }
            }
        }
    }

    fn from_json(json: &str) -> Result<Self, Error> {
        parse_document(json)
    }
}

/// The validated dependency graph of an inventory. Edges point from dependent to dependency.
#[derive(Debug, Clone)]
pub struct AssetGraph<'i> {
    inventory: &'i Inventory,
    /// Node `i` is asset `i`.
    graph: DiGraph<(), DependencyKind, u32>,
    /// Ids by value: up to 24 bytes they are inline, so a probe reads no asset.
    ids: HashMap<AssetId, NodeIndex<u32>>,
    by_name: HashMap<&'i str, Vec<NodeIndex<u32>>>,
    /// Package URLs without version, percent-decoded (see `import::purl_key`).
    by_purl: HashMap<String, Vec<NodeIndex<u32>>>,
    parties: HashMap<&'i PartyId, &'i InventoryParty>,
}

impl<'i> AssetGraph<'i> {
    fn new(inventory: &'i Inventory) -> Result<Self, Error> {
        let mut report = ValidationReport::new(DocumentKind::Inventory);
        let mut graph = DiGraph::with_capacity(inventory.assets.len(), inventory.dependencies.len());
        let mut ids: HashMap<AssetId, NodeIndex<u32>> = HashMap::with_capacity(inventory.assets.len());
        let mut by_name: HashMap<&str, Vec<NodeIndex<u32>>> = HashMap::new();
        let mut by_purl: HashMap<String, Vec<NodeIndex<u32>>> = HashMap::new();
        for (i, a) in inventory.assets.iter().enumerate() {
            let node = graph.add_node(());
            match ids.entry(a.id.clone()) {
                Entry::Vacant(e) => {
                    e.insert(node);
                }
                Entry::Occupied(first) => report.semantic(
                    format!("/assets/{i}/id"),
                    format!(
                        "an asset id unique in the inventory (also at /assets/{})",
                        first.get().index()
                    ),
                    Some(quoted(&a.id)),
                ),
            }
            by_name.entry(a.name.as_str()).or_default().push(node);
            if let Some(purl) = &a.purl {
                by_purl.entry(import::purl_key(purl)).or_default().push(node);
            }
        }
        // Lookups return the first asset with an id (duplicates are reported above).
        for (i, d) in inventory.dependencies.iter().enumerate() {
            let from = ids.get(&d.from).copied();
            let to = ids.get(&d.to).copied();
            for (field, id, node) in [("from", &d.from, from), ("to", &d.to, to)] {
                if node.is_none() {
                    report.semantic(
                        format!("/dependencies/{i}/{field}"),
                        "an asset of the inventory",
                        Some(quoted(id)),
                    );
                }
            }
            if let (Some(f), Some(t)) = (from, to) {
                graph.add_edge(f, t, d.kind);
            }
        }
        // Cycles through a lineage edge, and self loops: a topological sort proves there
        // are none; otherwise list each strongly connected component holding a
        // `trained_on` or `fine_tuned_from` edge, or a self loop. Lineage says how an
        // artefact version was made, so it cannot loop (a model version trained on data
        // that came from that very version); run-time dependencies can: package managers
        // allow cyclic dependencies (Go modules, npm), and a service and an application
        // may each take data from the other, as generated BOMs show.
        if petgraph::algo::toposort(&graph, None).is_err() {
            let mut sccs = petgraph::algo::tarjan_scc(&graph);
            let mut component = vec![usize::MAX; graph.node_count()];
            for (c, scc) in sccs.iter().enumerate() {
                for n in scc {
                    if let Some(slot) = component.get_mut(n.index()) {
                        *slot = c;
                    }
                }
            }
            let mut typed = vec![false; sccs.len()];
            for e in graph.raw_edges() {
                let (a, b) = (e.source().index(), e.target().index());
                let lineage = matches!(e.weight, DependencyKind::TrainedOn | DependencyKind::FineTunedFrom);
                if (lineage || a == b) && component.get(a) == component.get(b) {
                    if let Some(t) = component.get(a).and_then(|&c| typed.get_mut(c)) {
                        *t = true;
                    }
                }
            }
            let mut cyclic: Vec<Vec<NodeIndex<u32>>> = sccs
                .drain(..)
                .zip(typed)
                .filter_map(|(scc, typed)| typed.then_some(scc))
                .collect();
            // Report cycles in document order.
            cyclic.sort_by_key(|scc| scc.iter().map(|n| n.index()).min());
            for scc in cyclic {
                let names: Vec<&str> = cycle_path(&graph, &scc)
                    .iter()
                    .filter_map(|n| inventory.assets.get(n.index()))
                    .map(|a| a.id.as_str())
                    .collect();
                let first = scc.iter().map(|n| n.index()).min().unwrap_or(0);
                report.semantic(
                    format!("/assets/{first}/id"),
                    "no dependency cycle through a `trained_on` or `fine_tuned_from` edge, and no asset depending on itself",
                    Some(format!("the cycle {}", names.join(" → "))),
                );
            }
        }
        if !report.is_empty() {
            return Err(Error::Invalid(report));
        }
        let mut parties = HashMap::with_capacity(inventory.parties.len());
        for p in &inventory.parties {
            parties.entry(&p.id).or_insert(p);
        }
        Ok(Self {
            inventory,
            graph,
            ids,
            by_name,
            by_purl,
            parties,
        })
    }

    fn asset(&self, n: NodeIndex<u32>) -> Option<&'i Asset> {
        self.inventory.assets.get(n.index())
    }

    /// The asset with this id.
    pub fn get(&self, id: &AssetId) -> Option<&'i Asset> {
        self.ids.get(id).and_then(|&n| self.asset(n))
    }

    /// Every version of the asset called `name` (or with this package URL, with or
    /// without version; percent-encoding does not matter).
    pub fn versions(&self, name: &str) -> impl Iterator<Item = &'i Asset> + '_ {
        self.named(name).iter().filter_map(|&n| self.asset(n))
    }

    /// The nodes of the assets called `name`, or, for a `pkg:` URL, with that purl.
    fn named(&self, name: &str) -> &[NodeIndex<u32>] {
        let found = if name.starts_with("pkg:") {
            self.by_purl.get(&import::purl_key(name))
        } else {
            self.by_name.get(name)
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// The assets `id` depends on directly, with how.
    pub fn dependencies(&self, id: &AssetId) -> Vec<(&'i Asset, DependencyKind)> {
        self.neighbours(id, Direction::Outgoing)
    }

    /// The assets that depend on `id` directly, with how.
    pub fn dependents(&self, id: &AssetId) -> Vec<(&'i Asset, DependencyKind)> {
        self.neighbours(id, Direction::Incoming)
    }

    fn neighbours(&self, id: &AssetId, dir: Direction) -> Vec<(&'i Asset, DependencyKind)> {
        let Some(&n) = self.ids.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<(&'i Asset, DependencyKind)> = self
            .graph
            .edges_directed(n, dir)
            .filter_map(|e| {
                use petgraph::visit::EdgeRef;
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                Some((self.asset(other)?, *e.weight()))
            })
            .collect();
        out.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        out
    }

    /// The supplier party of an asset, if known.
    pub fn owner(&self, asset: &Asset) -> Option<&'i InventoryParty> {
        self.parties.get(asset.supplier.as_ref()?).copied()
    }

    /// Everything affected when the versions of `name` matching `versions` are
    /// compromised: those versions, and every asset that depends on them transitively.
    ///
    /// Each entry has its shortest dependency path to a compromised asset (see
    /// [`Affected::path`]). Entries are ordered: deployed assets first, then by distance
    /// (compromised assets at 0), then id. Version matching follows Cargo's semver rules:
    /// pre-releases match only requirements that name a pre-release of the same version;
    /// `*` matches every version of `name`, pre-releases and assets with no semver
    /// version (a dataset with no version, a Git hash) included. `name` is an asset name
    /// or a package URL without version (`pkg:npm/lodash`).
    pub fn affected(&self, name: &str, versions: &semver::VersionReq) -> Affected<'i> {
        let every = *versions == semver::VersionReq::STAR;
        let sources: Vec<NodeIndex<u32>> = self
            .named(name)
            .iter()
            .copied()
            .filter(|&n| {
                self.asset(n)
                    .is_some_and(|a| a.version.as_ref().map_or(every, |v| every || versions.matches(v)))
            })
            .collect();
        self.affected_from(&sources)
    }

    /// Everything that depends (transitively) on the given assets, and the assets
    /// themselves: the blast radius of an incident's affected assets. Unknown ids are
    /// ignored; check them with [`get`](Self::get).
    pub fn blast_radius<'a>(&self, ids: impl IntoIterator<Item = &'a AssetId>) -> Affected<'i> {
        let sources: Vec<NodeIndex<u32>> = ids.into_iter().filter_map(|id| self.ids.get(id).copied()).collect();
        self.affected_from(&sources)
    }

    fn affected_from(&self, sources: &[NodeIndex<u32>]) -> Affected<'i> {
        let n = self.graph.node_count();
        // parent[node] = the dependency through which it was reached (u32::MAX = none).
        let mut parent = vec![u32::MAX; n];
        let mut depth = vec![u32::MAX; n];
        let mut queue = VecDeque::new();
        let mut reached = Vec::new();
        for &s in sources {
            if let Some(d) = depth.get_mut(s.index()) {
                if *d == u32::MAX {
                    *d = 0;
                    queue.push_back(s);
                    reached.push(s);
                }
            }
        }
        while let Some(node) = queue.pop_front() {
            let next_depth = depth.get(node.index()).copied().unwrap_or(0).saturating_add(1);
            for dep in self.graph.neighbors_directed(node, Direction::Incoming) {
                if let Some(d) = depth.get_mut(dep.index()) {
                    if *d == u32::MAX {
                        *d = next_depth;
                        if let Some(p) = parent.get_mut(dep.index()) {
                            *p = node.index() as u32;
                        }
                        queue.push_back(dep);
                        reached.push(dep);
                    }
                }
            }
        }
        let mut entries: Vec<Exposed<'i>> = reached
            .into_iter()
            .filter_map(|node| {
                let asset = self.asset(node)?;
                Some(Exposed {
                    asset,
                    depth: depth.get(node.index()).copied().unwrap_or(0),
                    owner: self.owner(asset),
                    node: node.index() as u32,
                })
            })
            .collect();
        entries.sort_by(|a, b| {
            b.asset
                .is_deployed()
                .cmp(&a.asset.is_deployed())
                .then(a.depth.cmp(&b.depth))
                .then_with(|| a.asset.id.cmp(&b.asset.id))
        });
        Affected {
            inventory: self.inventory,
            entries,
            parent,
        }
    }

    /// The newest known-good version of `name` outside `versions` (the compromised range).
    ///
    /// # Errors
    /// [`Error::NoRollback`] saying why: no asset has that name; no version is known
    /// good; or every known-good version is inside the range.
    pub fn rollback_target(&self, name: &str, versions: &semver::VersionReq) -> Result<&'i Asset, Error> {
        let all: Vec<&'i Asset> = self.versions(name).collect();
        let none = |reason: String| Error::NoRollback {
            asset: name.to_owned(),
            versions: versions.to_string(),
            reason,
        };
        if all.is_empty() {
            return Err(none("the inventory has no asset with that name".to_owned()));
        }
        let known_good: Vec<&'i Asset> = all
            .iter()
            .copied()
            .filter(|a| a.status == RegistryStatus::KnownGood)
            .collect();
        if known_good.is_empty() {
            return Err(none(format!("none of its {} versions is marked known good", all.len())));
        }
        known_good
            .iter()
            .copied()
            .filter(|a| a.version.as_ref().is_some_and(|v| !versions.matches(v)))
            .max_by(|a, b| a.version.cmp(&b.version))
            .ok_or_else(|| {
                let list: Vec<String> = known_good
                    .iter()
                    .map(|a| a.version.as_ref().map_or_else(|| a.id.to_string(), ToString::to_string))
                    .collect();
                none(format!(
                    "every known-good version ({}) is in the compromised range",
                    list.join(", ")
                ))
            })
    }
}

/// Finds one cycle through the nodes of a strongly connected component.
fn cycle_path(graph: &DiGraph<(), DependencyKind, u32>, scc: &[NodeIndex<u32>]) -> Vec<NodeIndex<u32>> {
    let Some(&start) = scc.iter().min_by_key(|n| n.index()) else {
        return Vec::new();
    };
    // BFS inside the component from `start` back to `start`.
    let members: HashSet<NodeIndex<u32>> = scc.iter().copied().collect();
    let inside = |n: NodeIndex<u32>| members.contains(&n);
    let mut prev: HashMap<NodeIndex<u32>, NodeIndex<u32>> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors_directed(node, Direction::Outgoing) {
            if next == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    match prev.get(&at) {
                        Some(&p) => {
                            path.push(p);
                            at = p;
                        }
                        None => break,
                    }
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if inside(next) && next != start && !prev.contains_key(&next) {
                prev.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    vec![start, start]
}

/// An asset exposed to a compromise: a compromised asset itself, or one that depends on
/// one (transitively).
#[derive(Debug, Clone, Copy)]
pub struct Exposed<'i> {
    /// The asset.
    pub asset: &'i Asset,
    /// Dependency hops to the nearest compromised asset (0 for a compromised asset).
    pub depth: u32,
    /// Its supplier party, if the inventory names it.
    pub owner: Option<&'i InventoryParty>,
    node: u32,
}

/// The result of an `affected` or `blast_radius` query.
#[derive(Debug, Clone)]
pub struct Affected<'i> {
    inventory: &'i Inventory,
    /// Affected assets: deployed first, then by distance, then id.
    pub entries: Vec<Exposed<'i>>,
    parent: Vec<u32>,
}

impl<'i> Affected<'i> {
    /// `true` when nothing is affected.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of affected assets.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    fn asset_at(&self, node: u32) -> Option<&'i Asset> {
        // Nodes are added in asset order, so a node's index is its asset's index.
        self.inventory.assets.get(node as usize)
    }

    /// The dependency path from `entry` down to the compromised asset it depends on:
    /// `[entry, …, compromised]`.
    pub fn path(&self, entry: &Exposed<'i>) -> Vec<&'i Asset> {
        let mut out = Vec::new();
        let mut at = entry.node;
        let mut guard = 0;
        while let Some(a) = self.asset_at(at) {
            out.push(a);
            match self.parent.get(at as usize) {
                Some(&p) if p != u32::MAX && guard <= self.parent.len() => at = p,
                _ => break,
            }
            guard = guard.saturating_add(1);
        }
        out
    }

    /// An owned, serializable form (the CLI's output; schema `urn:aiir:schema:affected:1`).
    pub fn report(&self) -> AffectedReport {
        AffectedReport {
            affected: self
                .entries
                .iter()
                .map(|e| AffectedEntry {
                    asset: e.asset.id.clone(),
                    name: e.asset.name.clone(),
                    version: e.asset.version.clone(),
                    kind: e.asset.kind,
                    deployed: e.asset.environments.clone(),
                    depth: e.depth,
                    via: self
                        .parent
                        .get(e.node as usize)
                        .and_then(|&p| self.asset_at(p))
                        .map(|a| a.id.clone()),
                    owner: e.owner.map(|p| AffectedOwner {
                        party: p.id.clone(),
                        name: p.name.clone(),
                        roles: p.roles.clone(),
                    }),
                    layer: e.asset.layer,
                })
                .collect(),
        }
    }
}

/// The owner of an affected asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AffectedOwner {
    /// The party.
    pub party: PartyId,
    /// Its name.
    pub name: String,
    /// Its SSRM roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Actor>,
}

/// One line of an [`AffectedReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AffectedEntry {
    /// The asset.
    pub asset: AssetId,
    /// Its name.
    pub name: String,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<semver::Version>,
    /// Its kind.
    pub kind: AssetKind,
    /// Where it is deployed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployed: Vec<String>,
    /// Hops to the compromised asset.
    pub depth: u32,
    /// The next asset on its shortest dependency path to a compromised asset (absent for
    /// a compromised asset). Following `via` from entry to entry rebuilds the path; the
    /// report does not repeat whole paths, so its size stays linear in the assets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<AssetId>,
    /// Who supplies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AffectedOwner>,
    /// Its SSRM layer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<Layer>,
}

/// The affected assets as a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub struct AffectedReport {
    /// Deployed first, then by distance, then id.
    pub affected: Vec<AffectedEntry>,
}
