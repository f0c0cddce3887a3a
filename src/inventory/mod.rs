//! The AI bill of materials (AIBOM): assets, their versions and registry status, typed
//! dependencies, and the queries responders need — which deployed systems depend on a
//! compromised model, dataset, prompt or tool (and through what), who owns each, and
//! which version to roll back to.
//!
//! petgraph stays private: [`AssetGraph`] wraps it and speaks [`AssetId`]s.

mod cyclonedx;

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
use crate::report::{DocumentKind, ValidationReport, quoted};
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

    /// Imports a CycloneDX 1.6 JSON BOM: components (nested ones too) become assets,
    /// `dependencies` become `depends_on` edges, suppliers and publishers become parties.
    /// Component types map to asset kinds (`machine-learning-model` → model, `data` →
    /// dataset, `application` → application, `library`/`framework` → library,
    /// `container`/`platform`/`device`/`firmware` → infrastructure, services →
    /// service); any other type is kept as kind `other` with its name in
    /// `source_type`. Each component's JSON is kept under `extensions.cyclonedx`.
    /// Versions that are not semver are coerced where unambiguous (`1.4` → `1.4.0`) and
    /// always kept as written in `version_text`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the JSON path when the BOM is malformed.
    pub fn from_cyclonedx(json: &str) -> Result<Self, Error> {
        cyclonedx::import(json)
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
    parties: HashMap<&'i PartyId, &'i InventoryParty>,
}

impl<'i> AssetGraph<'i> {
    fn new(inventory: &'i Inventory) -> Result<Self, Error> {
        let mut report = ValidationReport::new(DocumentKind::Inventory);
        let mut graph = DiGraph::with_capacity(inventory.assets.len(), inventory.dependencies.len());
        let mut ids: HashMap<AssetId, NodeIndex<u32>> = HashMap::with_capacity(inventory.assets.len());
        let mut by_name: HashMap<&str, Vec<NodeIndex<u32>>> = HashMap::new();
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
        // Cycles: a topological sort proves there are none; otherwise list every cycle
        // (strongly connected component with more than one node, or a self loop).
        if petgraph::algo::toposort(&graph, None).is_err() {
            let mut sccs = petgraph::algo::tarjan_scc(&graph);
            // Report cycles in document order.
            sccs.sort_by_key(|scc| scc.iter().map(|n| n.index()).min());
            for scc in sccs {
                let self_loop = scc.len() == 1 && scc.first().is_some_and(|&n| graph.contains_edge(n, n));
                if scc.len() > 1 || self_loop {
                    let names: Vec<&str> = cycle_path(&graph, &scc)
                        .iter()
                        .filter_map(|n| inventory.assets.get(n.index()))
                        .map(|a| a.id.as_str())
                        .collect();
                    let first = scc.iter().map(|n| n.index()).min().unwrap_or(0);
                    report.semantic(
                        format!("/assets/{first}/id"),
                        "an acyclic dependency graph",
                        Some(format!("the cycle {}", names.join(" → "))),
                    );
                }
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

    /// Every version of the asset called `name`.
    pub fn versions(&self, name: &str) -> impl Iterator<Item = &'i Asset> + '_ {
        self.by_name
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&n| self.asset(n))
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
    /// pre-releases match only requirements that name a pre-release of the same version.
    pub fn affected(&self, name: &str, versions: &semver::VersionReq) -> Affected<'i> {
        let sources: Vec<NodeIndex<u32>> = self
            .by_name
            .get(name)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&n| {
                self.asset(n)
                    .and_then(|a| a.version.as_ref())
                    .is_some_and(|v| versions.matches(v))
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
