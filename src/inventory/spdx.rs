//! Import of SPDX documents: 2.2 and 2.3 JSON (packages and relationships) and 3.0
//! JSON-LD (`software_Package`, and the AI and Dataset profiles' `ai_AIPackage` and
//! `dataset_DatasetPackage`, with `dependsOn`, `contains` and `trainedOn`
//! relationships). Packages become assets; each package's JSON is kept in its asset's
//! `extensions.spdx`, the rest of the document (files, agents, licences, every
//! relationship as written) in the inventory's.
//!
//! No maintained crate reads SPDX 3.0, so this reads the subset it needs from the JSON.

use serde_json::{Map, Value};

use super::import::{Builder, Import, ImportOptions, MAX_ENTRY_DEPTH, depth, found, str_of};
use super::{BomFormat, DependencyKind, RegistryStatus};
use crate::error::Error;
use crate::incident::AssetKind;

fn fatal(pointer: &str, expected: &str, value: Option<&Value>) -> Error {
    super::import::fatal(BomFormat::Spdx, pointer, expected, value)
}

pub(super) fn import(doc: Value, options: ImportOptions) -> Result<Import, Error> {
    let Value::Object(root) = doc else {
        return Err(fatal("", "an SPDX document object", Some(&doc)));
    };
    if root.contains_key("spdxVersion") {
        v2(root, options)
    } else if root.contains_key("@graph") {
        v3(root, options)
    } else {
        Err(fatal(
            "",
            "an SPDX 2.x document (with `spdxVersion`) or an SPDX 3.0 JSON-LD document (with `@graph`)",
            None,
        ))
    }
}

/// SPDX 2.x `primaryPackagePurpose` (and 3.0 `software_primaryPurpose`) → asset kind.
fn kind_of(purpose: &str) -> AssetKind {
    match purpose.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
        "application" => AssetKind::Application,
        "library" | "framework" => AssetKind::Library,
        "container" | "operatingsystem" | "device" | "firmware" => AssetKind::Infrastructure,
        "model" => AssetKind::Model,
        "data" => AssetKind::Dataset,
        _ => AssetKind::Other,
    }
}

/// `Organization: Acme (security@acme.example)` → `Acme`; `NOASSERTION` → none.
fn agent_name(text: &str) -> Option<&str> {
    let name = text
        .split_once(':')
        .filter(|(kind, _)| matches!(kind.trim(), "Organization" | "Person" | "Tool"))
        .map_or(text, |(_, rest)| rest);
    let name = name.split_once('(').map_or(name, |(n, _)| n).trim();
    (!name.is_empty() && name != "NOASSERTION" && name != "NONE").then_some(name)
}

/// SPDX 2.x relationship types that make an edge, and which side depends on which:
/// `true` when the element depends on the related element (SPDX 2.3 §11.1).
fn v2_edge(relationship: &str) -> Option<bool> {
    match relationship {
        "DEPENDS_ON" | "CONTAINS" | "STATIC_LINK" | "DYNAMIC_LINK" | "HAS_PREREQUISITE" => Some(true),
        "DEPENDENCY_OF"
        | "BUILD_DEPENDENCY_OF"
        | "DEV_DEPENDENCY_OF"
        | "OPTIONAL_DEPENDENCY_OF"
        | "PROVIDED_DEPENDENCY_OF"
        | "TEST_DEPENDENCY_OF"
        | "RUNTIME_DEPENDENCY_OF"
        | "CONTAINED_BY"
        | "PREREQUISITE_FOR" => Some(false),
        _ => None,
    }
}

fn v2(mut root: Map<String, Value>, options: ImportOptions) -> Result<Import, Error> {
    let version = str_of(&root, "spdxVersion").unwrap_or_default().to_owned();
    if !matches!(version.as_str(), "SPDX-2.2" | "SPDX-2.3") {
        return Err(fatal(
            "/spdxVersion",
            "`SPDX-2.2` or `SPDX-2.3`",
            root.get("spdxVersion"),
        ));
    }
    let name = str_of(&root, "name").unwrap_or("SPDX import").to_owned();
    let mut b = Builder::new(&name, BomFormat::Spdx, options);
    // Elements that are not packages but may be named by relationships.
    let mut others: foldhash::HashSet<String> = foldhash::HashSet::default();
    for key in ["SPDXID"] {
        if let Some(id) = str_of(&root, key) {
            others.insert(id.to_owned());
        }
    }
    for list in ["files", "snippets"] {
        for e in root.get(list).and_then(Value::as_array).into_iter().flatten() {
            if let Some(id) = e.get("SPDXID").and_then(Value::as_str) {
                others.insert(id.to_owned());
            }
        }
    }
    let mut skipped: foldhash::HashSet<String> = foldhash::HashSet::default();
    let packages = root.remove("packages");
    check_rest(&root)?;
    match packages {
        None => {}
        Some(Value::Array(packages)) => {
            for (i, p) in packages.into_iter().enumerate() {
                package_v2(&mut b, format!("/packages/{i}"), p, &mut skipped)?;
            }
        }
        Some(other) => b.problem("/packages".to_owned(), "an array of packages", found(Some(&other))),
    }
    match root.get("relationships") {
        None => {}
        Some(Value::Array(relationships)) => {
            for (i, r) in relationships.iter().enumerate() {
                let at = format!("/relationships/{i}");
                let (Some(from), Some(kind), Some(to)) = (
                    r.get("spdxElementId").and_then(Value::as_str),
                    r.get("relationshipType").and_then(Value::as_str),
                    r.get("relatedSpdxElement").and_then(Value::as_str),
                ) else {
                    b.problem(
                        at,
                        "a relationship with `spdxElementId`, `relationshipType` and `relatedSpdxElement` (strings)",
                        found(Some(r)),
                    );
                    continue;
                };
                let Some(forward) = v2_edge(kind) else {
                    continue; // kept as written in the inventory's extensions
                };
                let external = |id: &str| id.starts_with("DocumentRef-");
                let ends = [("spdxElementId", from), ("relatedSpdxElement", to)]
                    .map(|(field, id)| endpoint(&mut b, &format!("{at}/{field}"), id, &others, &skipped, &external));
                if let [Some(Some(f)), Some(Some(t))] = ends {
                    let (from, to) = if forward { (f, t) } else { (t, f) };
                    // Containment is not use: a package containing a model does not
                    // thereby use it.
                    let kind = if matches!(kind, "CONTAINS" | "CONTAINED_BY") {
                        DependencyKind::DependsOn
                    } else {
                        b.plain_kind(to)
                    };
                    b.edge(from, to, kind);
                }
            }
        }
        Some(other) => b.problem("/relationships".to_owned(), "an array", found(Some(other))),
    }
    b.finish(version, root, "spdx")
}

/// The asset a relationship end names: `Some(Some(i))` for a package, `Some(None)` for
/// an element that is not an asset (the document, a file, an agent, an element of
/// another document, `NONE`, `NOASSERTION`), `None` when it names nothing imported (a
/// problem is recorded; for a skipped package, only in a lenient import).
fn endpoint(
    b: &mut Builder,
    at: &str,
    id: &str,
    others: &foldhash::HashSet<String>,
    skipped: &foldhash::HashSet<String>,
    external: &dyn Fn(&str) -> bool,
) -> Option<Option<usize>> {
    if let Some(i) = b.resolve(id) {
        return Some(Some(i));
    }
    if skipped.contains(id) {
        if b.options.lenient {
            b.problem(
                at.to_owned(),
                "an imported package (this one was skipped)",
                found(Some(&Value::String(id.to_owned()))),
            );
        }
        return None;
    }
    if others.contains(id) || external(id) || matches!(id, "NONE" | "NOASSERTION") {
        return Some(None);
    }
    b.problem(
        at.to_owned(),
        "the id of an element of the document (or of a document it imports)",
        found(Some(&Value::String(id.to_owned()))),
    );
    None
}

/// Checks a package's JSON fits the host-data depth (it is kept on its asset).
fn fits(b: &mut Builder, at: &str, obj: &Map<String, Value>) -> bool {
    let nesting = obj.values().map(depth).max().unwrap_or(0);
    if nesting >= MAX_ENTRY_DEPTH {
        b.problem(
            at.to_owned(),
            format!("a package nested at most {MAX_ENTRY_DEPTH} levels (its JSON is kept as host data)"),
            Some(format!("{} levels", nesting.saturating_add(1))),
        );
        return false;
    }
    true
}

/// The rest of the document is kept under the inventory's extensions.
fn check_rest(root: &Map<String, Value>) -> Result<(), Error> {
    if root.values().map(depth).max().unwrap_or(0) >= MAX_ENTRY_DEPTH {
        return Err(fatal(
            "",
            &format!(
                "a document whose members other than packages nest at most {} levels",
                MAX_ENTRY_DEPTH - 1
            ),
            None,
        ));
    }
    Ok(())
}

/// The members an SPDX version names a package's parts by.
struct Fields {
    /// The element id (`SPDXID`; 3.0: `spdxId`, or JSON-LD's `@id`).
    id: &'static [&'static str],
    version: &'static str,
    purpose: &'static str,
}

const V2: Fields = Fields {
    id: &["SPDXID"],
    version: "versionInfo",
    purpose: "primaryPackagePurpose",
};

const V3: Fields = Fields {
    id: &["spdxId", "@id"],
    version: "software_packageVersion",
    purpose: "software_primaryPurpose",
};

/// What a package says beyond its id, name and version, read by each version.
struct Extra {
    /// The kind its element type gives (3.0 AI and Dataset packages), else from the purpose.
    kind: Option<AssetKind>,
    purl: Option<String>,
    supplier: Option<String>,
}

/// Reads one package (either SPDX version) into an asset, or records its problems
/// (and its id as skipped).
fn package(
    b: &mut Builder,
    at: String,
    p: Value,
    fields: &Fields,
    extra: impl FnOnce(&Map<String, Value>) -> Extra,
    skipped: &mut foldhash::HashSet<String>,
) -> Result<(), Error> {
    let Value::Object(obj) = p else {
        b.problem(at, "a package object", found(Some(&p)));
        return Ok(());
    };
    let before = b.problems.len();
    fits(b, &at, &obj);
    let first = fields.id.first().copied().unwrap_or_default();
    let id = fields.id.iter().find_map(|k| str_of(&obj, k));
    if id.is_none() {
        b.problem(
            format!("{at}/{first}"),
            "an element id (a string)",
            found(obj.get(first)),
        );
    }
    if let Some(id) = id.filter(|id| b.is_known(id)) {
        b.problem(
            format!("{at}/{first}"),
            "an element id unique in the document",
            found(Some(&Value::String(id.to_owned()))),
        );
    }
    let name = str_of(&obj, "name");
    if name.is_none() {
        b.problem(
            format!("{at}/name"),
            "a package name (a string)",
            found(obj.get("name")),
        );
    }
    if obj.get(fields.version).is_some_and(|v| !v.is_string()) {
        b.problem(
            format!("{at}/{}", fields.version),
            "a string",
            found(obj.get(fields.version)),
        );
    }
    let (Some(id), Some(name), true) = (id, name, b.problems.len() == before) else {
        if let Some(id) = id.filter(|id| !b.is_known(id)) {
            skipped.insert(id.to_owned());
        }
        return Ok(());
    };
    let extra = extra(&obj);
    let purpose = str_of(&obj, fields.purpose);
    let kind = extra
        .kind
        .unwrap_or_else(|| purpose.map_or(AssetKind::Library, kind_of));
    let index = b.add_asset(
        &at,
        Some(id),
        id,
        kind,
        name,
        str_of(&obj, fields.version),
        extra.purl.as_deref(),
    )?;
    let party = match extra.supplier {
        Some(s) => Some(b.party(&s)?),
        None => None,
    };
    if let Some(asset) = b.asset_mut(index) {
        asset.supplier = party;
        asset.status = RegistryStatus::Released;
        if kind == AssetKind::Other {
            asset.source_type = purpose.map(str::to_owned);
        }
        asset.extensions.insert("spdx".to_owned(), Value::Object(obj));
    }
    Ok(())
}

/// An SPDX 2.x package: its `purl` external reference, and its supplier (else
/// originator) `Organization: Name (email)`.
fn package_v2(b: &mut Builder, at: String, p: Value, skipped: &mut foldhash::HashSet<String>) -> Result<(), Error> {
    let extra = |obj: &Map<String, Value>| Extra {
        kind: None,
        purl: obj
            .get("externalRefs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|r| r.get("referenceType").and_then(Value::as_str) == Some("purl"))
            .and_then(|r| r.get("referenceLocator"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        supplier: str_of(obj, "supplier")
            .and_then(agent_name)
            .or_else(|| str_of(obj, "originator").and_then(agent_name))
            .map(str::to_owned),
    };
    package(b, at, p, &V2, extra, skipped)
}

/// SPDX 3.0 element types that become assets.
fn v3_kind(element_type: &str) -> Option<Option<AssetKind>> {
    match element_type {
        "ai_AIPackage" => Some(Some(AssetKind::Model)),
        "dataset_DatasetPackage" => Some(Some(AssetKind::Dataset)),
        // The kind comes from the primary purpose.
        "software_Package" => Some(None),
        _ => None,
    }
}

/// SPDX 3.0 relationship types that make an edge `from` → `to`: `trainedOn` states
/// lineage, `contains` containment (`depends_on`), the others use (`uses_model` onto a
/// model, else `depends_on`).
fn v3_edge(relationship: &str) -> Option<Option<DependencyKind>> {
    match relationship {
        "trainedOn" => Some(Some(DependencyKind::TrainedOn)),
        "contains" => Some(Some(DependencyKind::DependsOn)),
        "dependsOn" | "hasStaticLink" | "hasDynamicLink" | "hasPrerequisite" => Some(None),
        _ => None,
    }
}

/// The SPDX 3.0 version a JSON-LD `@context` (a string or a list) names.
fn v3_version(context: &Value) -> Option<&'static str> {
    match context {
        Value::String(s) if s.contains("spdx.org/rdf/3.0.1/") => Some("3.0.1"),
        Value::String(s) if s.contains("spdx.org/rdf/3.0.0/") => Some("3.0.0"),
        Value::Array(items) => items.iter().find_map(v3_version),
        _ => None,
    }
}

fn v3(mut root: Map<String, Value>, options: ImportOptions) -> Result<Import, Error> {
    let Some(version) = root.get("@context").and_then(v3_version) else {
        return Err(fatal(
            "/@context",
            "the SPDX 3.0 JSON-LD context (`https://spdx.org/rdf/3.0.1/spdx-context.jsonld`)",
            root.get("@context"),
        ));
    };
    let version = version.to_owned();
    let Some(Value::Array(graph)) = root.remove("@graph") else {
        return Err(fatal("/@graph", "an array of elements", root.get("@graph")));
    };
    check_rest(&root)?;
    let id_of = |e: &Value| -> Option<String> {
        e.get("spdxId")
            .or_else(|| e.get("@id"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    // Agents by id (for `suppliedBy`), the document's name, every element id that is
    // not a package, and the elements of other documents a document imports.
    let mut agents: foldhash::HashMap<String, String> = foldhash::HashMap::default();
    let mut others: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut imported: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut name = None;
    for e in &graph {
        let Some(t) = e.get("type").and_then(Value::as_str) else {
            continue;
        };
        if let (Some(id), Some(n)) = (id_of(e), e.get("name").and_then(Value::as_str)) {
            if matches!(t, "Organization" | "Person" | "SoftwareAgent" | "Agent") {
                agents.insert(id, n.to_owned());
            } else if t == "SpdxDocument" && name.is_none() {
                name = Some(n.to_owned());
            }
        }
        if t == "SpdxDocument" {
            for m in e.get("import").and_then(Value::as_array).into_iter().flatten() {
                if let Some(x) = m.get("externalSpdxId").and_then(Value::as_str) {
                    imported.insert(x.to_owned());
                }
            }
        }
        if v3_kind(t).is_none() {
            if let Some(id) = id_of(e) {
                others.insert(id);
            }
        }
    }
    let mut b = Builder::new(name.as_deref().unwrap_or("SPDX import"), BomFormat::Spdx, options);
    let mut skipped: foldhash::HashSet<String> = foldhash::HashSet::default();
    let mut rest: Vec<Value> = Vec::with_capacity(graph.len());
    // Relationships are read once every package is an asset.
    let mut relationships: Vec<(usize, usize)> = Vec::new();
    for (i, e) in graph.into_iter().enumerate() {
        let at = format!("/@graph/{i}");
        let element_type = e.get("type").and_then(Value::as_str).map(str::to_owned);
        match element_type.as_deref().and_then(v3_kind) {
            Some(kind) => package_v3(&mut b, at, e, kind, &agents, &mut skipped)?,
            None => {
                if element_type.is_none() {
                    b.problem(format!("{at}/type"), "an element type (a string)", found(e.get("type")));
                }
                if matches!(
                    element_type.as_deref(),
                    Some("Relationship" | "LifecycleScopedRelationship")
                ) {
                    relationships.push((i, rest.len()));
                }
                rest.push(e);
            }
        }
    }
    let external = |id: &str| imported.contains(id);
    for (i, k) in relationships {
        let Some(r) = rest.get(k) else {
            continue;
        };
        let at = format!("/@graph/{i}");
        let Some(relationship) = r.get("relationshipType").and_then(Value::as_str) else {
            b.problem(
                format!("{at}/relationshipType"),
                "a relationship type (a string)",
                found(r.get("relationshipType")),
            );
            continue;
        };
        let Some(typed) = v3_edge(relationship) else {
            continue;
        };
        let Some(from) = r.get("from").and_then(Value::as_str) else {
            b.problem(format!("{at}/from"), "an element id (a string)", found(r.get("from")));
            continue;
        };
        let to: Vec<(String, &str)> = match r.get("to") {
            Some(Value::Array(items)) => {
                let mut to = Vec::with_capacity(items.len());
                for (j, t) in items.iter().enumerate() {
                    match t.as_str() {
                        Some(t) => to.push((format!("{at}/to/{j}"), t)),
                        None => b.problem(format!("{at}/to/{j}"), "an element id (a string)", found(Some(t))),
                    }
                }
                to
            }
            Some(Value::String(t)) => vec![(format!("{at}/to"), t.as_str())],
            other => {
                b.problem(format!("{at}/to"), "a list of element ids", found(other));
                continue;
            }
        };
        let from = endpoint(&mut b, &format!("{at}/from"), from, &others, &skipped, &external);
        for (pointer, t) in to {
            let target = endpoint(&mut b, &pointer, t, &others, &skipped, &external);
            if let (Some(Some(f)), Some(Some(t))) = (from, target) {
                let kind = typed.unwrap_or_else(|| b.plain_kind(t));
                b.edge(f, t, kind);
            }
        }
    }
    root.insert("@graph".to_owned(), Value::Array(rest));
    b.finish(version, root, "spdx")
}

fn package_v3(
    b: &mut Builder,
    at: String,
    e: Value,
    kind: Option<AssetKind>,
    agents: &foldhash::HashMap<String, String>,
    skipped: &mut foldhash::HashSet<String>,
) -> Result<(), Error> {
    let extra = |obj: &Map<String, Value>| Extra {
        kind,
        purl: str_of(obj, "software_packageUrl").map(str::to_owned),
        // The agent `suppliedBy` names, else the first that originated it.
        supplier: str_of(obj, "suppliedBy")
            .and_then(|s| agents.get(s))
            .or_else(|| {
                obj.get("originatedBy")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(Value::as_str)
                    .and_then(|s| agents.get(s))
            })
            .cloned(),
    };
    package(b, at, e, &V3, extra, skipped)
}
