//! Import of CycloneDX 1.6 JSON BOMs (machine-learning models, data, applications,
//! libraries and their `dependencies`). Components of types we do not model are kept as
//! kind `other`, never dropped.

use serde_json::Value;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::{Asset, Dependency, DependencyKind, Inventory, InventoryParty, RegistryStatus};
use crate::error::Error;
use crate::id::{AssetId, PartyId};
use crate::incident::AssetKind;

fn bad(path: &str, expected: &str, found: &Value) -> Error {
    let found = match found {
        Value::String(s) => format!("`{s}`"),
        Value::Null => "nothing".to_owned(),
        other => other.to_string().chars().take(60).collect(),
    };
    Error::InvalidValue {
        what: "CycloneDX BOM",
        value: format!("{path}: {found}"),
        expected: expected.to_owned(),
    }
}

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

/// `1.4` → `1.4.0`, `1337` → `1337.0.0`; anything else that is not semver → `None`.
fn coerce(version: &str) -> Option<semver::Version> {
    if let Ok(v) = semver::Version::parse(version) {
        return Some(v);
    }
    let parts: Vec<&str> = version.split('.').collect();
    let numeric =
        |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0'));
    if parts.is_empty() || parts.len() > 2 || !parts.iter().all(numeric) {
        return None;
    }
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u64>().ok()).unwrap_or(0);
    Some(semver::Version::new(n(0), n(1), 0))
}

/// A valid identifier from free text: keep `[A-Za-z0-9._:@/+-]`, replace the rest with `-`.
fn slug(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '@' | '/' | '+' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(120)
        .collect();
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        s.insert(0, 'x');
    }
    s
}

struct Importer {
    inventory: Inventory,
    parties: HashSet<PartyId>,
}

impl Importer {
    fn party(&mut self, name: &str) -> Result<PartyId, Error> {
        let id = PartyId::new(slug(&name.to_lowercase()))?;
        if self.parties.insert(id.clone()) {
            self.inventory.parties.push(InventoryParty::new(id.clone(), name));
        }
        Ok(id)
    }

    fn component(&mut self, c: &Value, path: &str, service: bool) -> Result<(), Error> {
        let obj = c.as_object().ok_or_else(|| bad(path, "a component object", c))?;
        let name = obj.get("name").and_then(Value::as_str).ok_or_else(|| {
            bad(
                &format!("{path}/name"),
                "a component name",
                obj.get("name").unwrap_or(&Value::Null),
            )
        })?;
        let type_name = if service {
            "service"
        } else {
            obj.get("type").and_then(Value::as_str).ok_or_else(|| {
                bad(
                    &format!("{path}/type"),
                    "a component type",
                    obj.get("type").unwrap_or(&Value::Null),
                )
            })?
        };
        let version_text = obj.get("version").and_then(Value::as_str);
        let version = version_text.and_then(coerce);
        let id_text = match obj.get("bom-ref").and_then(Value::as_str) {
            Some(r) => r.to_owned(),
            None => {
                let group = obj
                    .get("group")
                    .and_then(Value::as_str)
                    .map(|g| format!("{g}/"))
                    .unwrap_or_default();
                format!("{group}{name}@{}", version_text.unwrap_or("unversioned"))
            }
        };
        let id = AssetId::new(slug(&id_text))?;
        let mut kind = if service {
            AssetKind::Service
        } else {
            kind_of(type_name)
        };
        if kind == AssetKind::Other && type_name == "service" {
            kind = AssetKind::Service;
        }
        let mut asset = Asset::new(id, kind, name, version.clone());
        if version.as_ref().map(ToString::to_string).as_deref() != version_text {
            asset.version_text = version_text.map(str::to_owned);
        }
        if kind == AssetKind::Other {
            asset.source_type = Some(type_name.to_owned());
        }
        let supplier = obj
            .get("supplier")
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .or_else(|| obj.get("publisher").and_then(Value::as_str));
        if let Some(s) = supplier {
            asset.supplier = Some(self.party(s)?);
        }
        asset.status = RegistryStatus::Released;
        // Everything but the nested components (imported as assets of their own).
        let kept: serde_json::Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| k.as_str() != "components")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        asset.extensions.insert("cyclonedx".to_owned(), Value::Object(kept));
        self.inventory.assets.push(asset);
        if let Some(children) = obj.get("components") {
            let list = children
                .as_array()
                .ok_or_else(|| bad(&format!("{path}/components"), "an array of components", children))?;
            for (i, child) in list.iter().enumerate() {
                self.component(child, &format!("{path}/components/{i}"), false)?;
            }
        }
        Ok(())
    }
}

pub(super) fn import(json: &str) -> Result<Inventory, Error> {
    let bom: Value = serde_json::from_str(json).map_err(|e| Error::InvalidValue {
        what: "CycloneDX BOM",
        value: e.to_string(),
        expected: "a JSON document".to_owned(),
    })?;
    let root = bom.as_object().ok_or_else(|| bad("", "a CycloneDX BOM object", &bom))?;
    if root.get("bomFormat").and_then(Value::as_str) != Some("CycloneDX") {
        return Err(bad(
            "/bomFormat",
            "`CycloneDX`",
            root.get("bomFormat").unwrap_or(&Value::Null),
        ));
    }
    let spec = root.get("specVersion").and_then(Value::as_str).unwrap_or("");
    if !matches!(spec, "1.4" | "1.5" | "1.6") {
        return Err(bad(
            "/specVersion",
            "a CycloneDX spec version 1.4, 1.5 or 1.6",
            root.get("specVersion").unwrap_or(&Value::Null),
        ));
    }
    let name = root
        .get("metadata")
        .and_then(|m| m.get("component"))
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        .or_else(|| root.get("serialNumber").and_then(Value::as_str))
        .unwrap_or("CycloneDX import");
    let mut imp = Importer {
        inventory: Inventory::new(name),
        parties: HashSet::new(),
    };
    for (key, service) in [("components", false), ("services", true)] {
        if let Some(list) = root.get(key) {
            let list = list
                .as_array()
                .ok_or_else(|| bad(&format!("/{key}"), "an array", list))?;
            for (i, c) in list.iter().enumerate() {
                imp.component(c, &format!("/{key}/{i}"), service)?;
            }
        }
    }
    // bom-ref → asset id (refs were slugged into ids).
    let mut by_ref: HashMap<String, AssetId> = HashMap::new();
    let kinds: HashMap<AssetId, AssetKind> = imp.inventory.assets.iter().map(|a| (a.id.clone(), a.kind)).collect();
    for a in &imp.inventory.assets {
        if let Some(r) = a
            .extensions
            .get("cyclonedx")
            .and_then(|c| c.get("bom-ref"))
            .and_then(Value::as_str)
        {
            by_ref.insert(r.to_owned(), a.id.clone());
        }
    }
    if let Some(deps) = root.get("dependencies") {
        let deps = deps.as_array().ok_or_else(|| bad("/dependencies", "an array", deps))?;
        for (i, d) in deps.iter().enumerate() {
            let path = format!("/dependencies/{i}");
            let from = d.get("ref").and_then(Value::as_str).ok_or_else(|| {
                bad(
                    &format!("{path}/ref"),
                    "a bom-ref",
                    d.get("ref").unwrap_or(&Value::Null),
                )
            })?;
            let from_id = by_ref.get(from).cloned().ok_or_else(|| {
                bad(
                    &format!("{path}/ref"),
                    "the bom-ref of a component",
                    &Value::String(from.to_owned()),
                )
            })?;
            for (j, to) in d
                .get("dependsOn")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let to = to
                    .as_str()
                    .ok_or_else(|| bad(&format!("{path}/dependsOn/{j}"), "a bom-ref", to))?;
                let to_id = by_ref.get(to).cloned().ok_or_else(|| {
                    bad(
                        &format!("{path}/dependsOn/{j}"),
                        "the bom-ref of a component",
                        &Value::String(to.to_owned()),
                    )
                })?;
                let kind = match kinds.get(&to_id) {
                    Some(AssetKind::Model) => DependencyKind::UsesModel,
                    _ => DependencyKind::DependsOn,
                };
                imp.inventory
                    .dependencies
                    .push(Dependency::new(from_id.clone(), to_id, kind));
            }
        }
    }
    Ok(imp.inventory)
}
