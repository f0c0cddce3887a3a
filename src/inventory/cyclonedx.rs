//! Import of CycloneDX JSON BOMs, spec versions 1.2 to 1.6, as generators write them:
//! the BOM's subject (`metadata.component`), components nested at any depth, services
//! (SaaSBOM) with their data flows, `dependencies`, and ML-BOM model cards whose
//! datasets name data components. Component types we do not model are kept as kind
//! `other`, never dropped; every component's JSON is kept in its asset's `extensions`,
//! the rest of the BOM in the inventory's.

use serde_json::{Map, Value};

use super::import::{Builder, Import, ImportOptions, MAX_ENTRY_DEPTH, depth, found, pointer, str_of};
use super::{BomFormat, DependencyKind, RegistryStatus};
use crate::error::Error;
use crate::incident::AssetKind;

/// The spec versions read (JSON BOMs start at 1.2).
pub(super) const SPEC_VERSIONS: [&str; 5] = ["1.2", "1.3", "1.4", "1.5", "1.6"];

fn kind_of(t: &str) -> AssetKind {
    match t {
        "machine-learning-model" => AssetKind::Model,
        "data" => AssetKind::Dataset,
        "application" => AssetKind::Application,
        "library" | "framework" => AssetKind::Library,
        "container" | "platform" | "device" | "firmware" | "operating-system" => AssetKind::Infrastructure,
        _ => AssetKind::Other,
    }
}

fn fatal(pointer: &str, expected: &str, value: Option<&Value>) -> Error {
    super::import::fatal(BomFormat::CycloneDx, pointer, expected, value)
}

/// A component or service waiting to be read.
struct Pending {
    pointer: String,
    value: Value,
    service: bool,
    parent: Option<usize>,
}

/// References resolved once every asset exists.
struct Later {
    /// (model, pointer, bom-ref) from model cards' datasets.
    datasets: Vec<(usize, String, String)>,
    /// (service, inbound, pointer, bom-ref or URL) from services' data flows.
    flows: Vec<(usize, bool, String, String)>,
    /// (parent, child) of nested components and services.
    nested: Vec<(usize, usize)>,
}

/// `true` for a reference outside this BOM: a URL, or a BOM-Link to another BOM
/// (`urn:cdx:…`).
fn external(reference: &str) -> bool {
    reference.starts_with("urn:cdx:") || reference.contains("://")
}

pub(super) fn import(bom: Value, options: ImportOptions) -> Result<Import, Error> {
    let Value::Object(mut root) = bom else {
        return Err(fatal("", "a CycloneDX BOM object", Some(&bom)));
    };
    if str_of(&root, "bomFormat") != Some("CycloneDX") {
        return Err(fatal("/bomFormat", "`CycloneDX`", root.get("bomFormat")));
    }
    let spec = str_of(&root, "specVersion").unwrap_or_default().to_owned();
    if !SPEC_VERSIONS.contains(&spec.as_str()) {
        return Err(fatal(
            "/specVersion",
            "a CycloneDX spec version from 1.2 to 1.6",
            root.get("specVersion"),
        ));
    }
    let subject = root
        .get_mut("metadata")
        .and_then(Value::as_object_mut)
        .and_then(|m| m.remove("component"));
    let name = subject
        .as_ref()
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        .or_else(|| str_of(&root, "serialNumber"))
        .unwrap_or("CycloneDX import")
        .to_owned();
    let mut b = Builder::new(&name, BomFormat::CycloneDx, options);
    let mut later = Later {
        datasets: Vec::new(),
        flows: Vec::new(),
        nested: Vec::new(),
    };
    // Document order: the subject, then components depth first, then services.
    let mut stack: Vec<Pending> = Vec::new();
    let mut lists: Vec<Pending> = Vec::new();
    if let Some(value) = subject {
        lists.push(Pending {
            pointer: "/metadata/component".to_owned(),
            value,
            service: false,
            parent: None,
        });
    }
    for (key, service) in [("components", false), ("services", true)] {
        match root.remove(key) {
            None => {}
            Some(Value::Array(items)) => {
                for (i, value) in items.into_iter().enumerate() {
                    lists.push(Pending {
                        pointer: format!("/{key}/{i}"),
                        value,
                        service,
                        parent: None,
                    });
                }
            }
            Some(other) => b.problem(format!("/{key}"), "an array", found(Some(&other))),
        }
    }
    let mut skipped_refs: foldhash::HashSet<String> = foldhash::HashSet::default();
    lists.reverse();
    stack.extend(lists);
    while let Some(p) = stack.pop() {
        let parent = p.parent;
        let here = p.pointer.clone();
        let (index, children) = entry(&mut b, p, &mut later, &mut skipped_refs)?;
        if let Some(i) = index {
            if let Some(parent) = parent {
                later.nested.push((parent, i));
            }
        }
        if let Some((key, service, items)) = children {
            for (j, value) in items.into_iter().enumerate().rev() {
                stack.push(Pending {
                    pointer: format!("{here}/{key}/{j}"),
                    value,
                    service,
                    parent: index,
                });
            }
        }
    }
    dependencies(&mut b, &root, &skipped_refs);
    let lenient = b.options.lenient;
    let reference = |b: &mut Builder, at: String, r: String, expected: &str| -> Option<usize> {
        if let Some(i) = b.resolve(&r) {
            return Some(i);
        }
        if external(&r) {
            return None; // kept in the entry's JSON
        }
        if skipped_refs.contains(&r) {
            if lenient {
                b.problem(
                    at,
                    "the bom-ref of an imported entry (this one was skipped)",
                    found(Some(&Value::String(r))),
                );
            }
        } else {
            b.problem(at, expected, found(Some(&Value::String(r))));
        }
        None
    };
    for (model, at, r) in later.datasets {
        if let Some(d) = reference(
            &mut b,
            at,
            r,
            "the bom-ref of a data component in the BOM, or a BOM-Link",
        ) {
            b.edge(model, d, DependencyKind::TrainedOn);
        }
    }
    for (service, inbound, at, r) in later.flows {
        if let Some(other) = reference(&mut b, at, r, "a bom-ref in the BOM, a URL or a BOM-Link") {
            // The receiving side depends on the sending side.
            if inbound {
                b.edge(service, other, DependencyKind::RetrievesFrom);
            } else {
                b.edge(other, service, DependencyKind::RetrievesFrom);
            }
        }
    }
    // An assembly contains its nested entries: it depends on them.
    for (parent, child) in later.nested {
        b.edge(parent, child, DependencyKind::DependsOn);
    }
    // The rest of the BOM is kept under the inventory's extensions.
    if root.values().map(depth).max().unwrap_or(0) >= MAX_ENTRY_DEPTH {
        return Err(fatal(
            "",
            &format!(
                "a BOM whose members other than components and services nest at most {} levels",
                MAX_ENTRY_DEPTH - 1
            ),
            None,
        ));
    }
    b.finish(spec, root, "cyclonedx")
}

/// Reads one component or service into an asset (`None` when it has a problem), and
/// hands back its nested entries.
#[allow(clippy::type_complexity)]
fn entry(
    b: &mut Builder,
    p: Pending,
    later: &mut Later,
    skipped_refs: &mut foldhash::HashSet<String>,
) -> Result<(Option<usize>, Option<(&'static str, bool, Vec<Value>)>), Error> {
    let what = if p.service {
        "a service object"
    } else {
        "a component object"
    };
    let Value::Object(mut obj) = p.value else {
        b.problem(p.pointer, what, found(Some(&p.value)));
        return Ok((None, None));
    };
    let key = if p.service { "services" } else { "components" };
    let children = match obj.remove(key) {
        None => None,
        Some(Value::Array(items)) => Some((key, p.service, items)),
        Some(other) => {
            b.problem(pointer(&p.pointer, &[key]), "an array", found(Some(&other)));
            None
        }
    };
    let before = b.problems.len();
    let nesting = obj.values().map(depth).max().unwrap_or(0);
    if nesting >= MAX_ENTRY_DEPTH {
        b.problem(
            p.pointer.clone(),
            format!(
                "{what} nested at most {} levels (its JSON is kept as host data)",
                MAX_ENTRY_DEPTH
            ),
            Some(format!("{} levels", nesting.saturating_add(1))),
        );
    }
    let name = str_of(&obj, "name").map(str::to_owned);
    if name.is_none() {
        b.problem(
            pointer(&p.pointer, &["name"]),
            "a name (a string)",
            found(obj.get("name")),
        );
    }
    let type_name = if p.service {
        Some("service".to_owned())
    } else {
        let t = str_of(&obj, "type").map(str::to_owned);
        if t.is_none() {
            b.problem(
                pointer(&p.pointer, &["type"]),
                "a component type (a string)",
                found(obj.get("type")),
            );
        }
        t
    };
    for field in ["version", "group", "purl", "publisher"] {
        if obj.get(field).is_some_and(|v| !v.is_string()) {
            b.problem(pointer(&p.pointer, &[field]), "a string", found(obj.get(field)));
        }
    }
    let reference = match obj.get("bom-ref") {
        None => None,
        Some(Value::String(r)) => {
            if let Some(first) = b.resolve(r) {
                let first = b.pointer_of(first).to_owned();
                b.problem(
                    pointer(&p.pointer, &["bom-ref"]),
                    format!("a bom-ref unique in the BOM (also at {first})"),
                    found(obj.get("bom-ref")),
                );
            }
            Some(r.clone())
        }
        Some(other) => {
            b.problem(
                pointer(&p.pointer, &["bom-ref"]),
                "a bom-ref (a string)",
                found(Some(other)),
            );
            None
        }
    };
    let (Some(name), Some(type_name), true) = (name, type_name, b.problems.len() == before) else {
        if let Some(r) = reference {
            if !b.is_known(&r) {
                skipped_refs.insert(r);
            }
        }
        return Ok((None, children));
    };
    let group = str_of(&obj, "group").filter(|g| !g.is_empty());
    let full_name = match group {
        Some(g) => format!("{g}/{name}"),
        None => name.clone(),
    };
    let version = str_of(&obj, "version");
    let purl = str_of(&obj, "purl");
    let fallback = match purl {
        Some(purl) => purl.to_owned(),
        None => format!("{full_name}@{}", version.unwrap_or("unversioned")),
    };
    let mut kind = if p.service {
        AssetKind::Service
    } else {
        kind_of(&type_name)
    };
    if kind == AssetKind::Other && type_name == "service" {
        kind = AssetKind::Service;
    }
    let index = b.add_asset(
        &p.pointer,
        reference.as_deref(),
        &fallback,
        kind,
        &full_name,
        version,
        purl,
    )?;
    let supplier = if p.service {
        obj.get("provider").and_then(|s| s.get("name")).and_then(Value::as_str)
    } else {
        obj.get("supplier")
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .or_else(|| {
                obj.get("manufacturer")
                    .and_then(|s| s.get("name"))
                    .and_then(Value::as_str)
            })
            .or_else(|| str_of(&obj, "publisher"))
    }
    .map(str::to_owned);
    let party = match supplier.filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(b.party(&s)?),
        None => None,
    };
    if kind == AssetKind::Model {
        model_card_datasets(b, &p.pointer, index, &obj, later)?;
    }
    if p.service {
        for (k, flow) in obj
            .get("data")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let direction = flow.get("flow").and_then(Value::as_str).unwrap_or("unknown");
            for (inbound, side) in [(true, "source"), (false, "destination")] {
                let wanted = if inbound {
                    matches!(direction, "inbound" | "bi-directional")
                } else {
                    matches!(direction, "outbound" | "bi-directional")
                };
                if !wanted {
                    continue;
                }
                for (j, r) in flow
                    .get(side)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    if let Some(r) = r.as_str() {
                        let at = pointer(&p.pointer, &["data", &k.to_string(), side, &j.to_string()]);
                        later.flows.push((index, inbound, at, r.to_owned()));
                    }
                }
            }
        }
    }
    if let Some(asset) = b.asset_mut(index) {
        asset.supplier = party;
        asset.status = RegistryStatus::Released;
        if kind == AssetKind::Other {
            asset.source_type = Some(type_name);
        }
        asset.extensions.insert("cyclonedx".to_owned(), Value::Object(obj));
    }
    Ok((Some(index), children))
}

/// A model card's datasets (`modelCard.modelParameters.datasets[]`, CycloneDX 1.5+):
/// a `ref` to a data component becomes a `trained_on` edge once every entry is read;
/// a dataset written inline becomes a dataset asset of its own (its JSON also stays in
/// the model card).
fn model_card_datasets(
    b: &mut Builder,
    at: &str,
    model: usize,
    obj: &Map<String, Value>,
    later: &mut Later,
) -> Result<(), Error> {
    let datasets = obj
        .get("modelCard")
        .and_then(|m| m.get("modelParameters"))
        .and_then(|m| m.get("datasets"))
        .and_then(Value::as_array);
    for (k, d) in datasets.into_iter().flatten().enumerate() {
        let here = pointer(at, &["modelCard", "modelParameters", "datasets", &k.to_string()]);
        if let Some(r) = d.get("ref").and_then(Value::as_str) {
            later.datasets.push((model, pointer(&here, &["ref"]), r.to_owned()));
            continue;
        }
        let Some(name) = d.get("name").and_then(Value::as_str) else {
            continue; // neither a reference nor a named dataset: kept in the card
        };
        let reference = d.get("bom-ref").and_then(Value::as_str);
        if let Some(r) = reference.filter(|r| b.is_known(r)) {
            let first = b.resolve(r).map(|i| b.pointer_of(i).to_owned()).unwrap_or_default();
            b.problem(
                pointer(&here, &["bom-ref"]),
                format!("a bom-ref unique in the BOM (also at {first})"),
                Some(format!("`{r}`")),
            );
            continue;
        }
        let fallback = format!("{name}@unversioned");
        let index = b.add_asset(&here, reference, &fallback, AssetKind::Dataset, name, None, None)?;
        if let Some(asset) = b.asset_mut(index) {
            asset.extensions.insert("cyclonedx".to_owned(), d.clone());
        }
        b.edge(model, index, DependencyKind::TrainedOn);
    }
    Ok(())
}

/// The asset a `dependencies` bom-ref at `at` names, or `None` with the problem
/// recorded (a reference to a skipped entry only in a lenient import, where it is lost
/// data).
fn bom_ref(
    b: &mut Builder,
    at: String,
    value: Option<&Value>,
    skipped_refs: &foldhash::HashSet<String>,
) -> Option<usize> {
    match value {
        Some(Value::String(r)) => match b.resolve(r) {
            Some(i) => Some(i),
            None if skipped_refs.contains(r) => {
                if b.options.lenient {
                    b.problem(
                        at,
                        "the bom-ref of an imported entry (this one was skipped)",
                        found(value),
                    );
                }
                None
            }
            None => {
                b.problem(at, "the bom-ref of a component or service in the BOM", found(value));
                None
            }
        },
        other => {
            b.problem(at, "a bom-ref (a string)", found(other));
            None
        }
    }
}

/// `dependencies[]`: each `ref` depends on each of its `dependsOn`.
fn dependencies(b: &mut Builder, root: &Map<String, Value>, skipped_refs: &foldhash::HashSet<String>) {
    let Some(deps) = root.get("dependencies") else {
        return;
    };
    let Some(deps) = deps.as_array() else {
        b.problem("/dependencies".to_owned(), "an array", found(Some(deps)));
        return;
    };
    for (i, d) in deps.iter().enumerate() {
        let at = format!("/dependencies/{i}");
        // An entry whose `ref` names nothing still has its `dependsOn` checked.
        let from = bom_ref(b, format!("{at}/ref"), d.get("ref"), skipped_refs);
        let to = match d.get("dependsOn") {
            None => continue,
            Some(Value::Array(to)) => to,
            Some(other) => {
                b.problem(format!("{at}/dependsOn"), "an array of bom-refs", found(Some(other)));
                continue;
            }
        };
        for (j, t) in to.iter().enumerate() {
            let Some(target) = bom_ref(b, format!("{at}/dependsOn/{j}"), Some(t), skipped_refs) else {
                continue;
            };
            if let Some(from) = from {
                let kind = b.plain_kind(target);
                b.edge(from, target, kind);
            }
        }
    }
}
