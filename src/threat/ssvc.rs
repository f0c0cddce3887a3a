//! SSVC (Stakeholder-Specific Vulnerability Categorization) decision tables in CERT/CC's
//! JSON format (`DecisionTable` schema 2.0.0), evaluated by exact lookup.
//!
//! The built-in tables are CERT/CC's own files, compiled in unchanged: the CISA
//! Coordinator table `cisa:DT_CO:2.0.3` (36 rows, outcomes Track, Track*, Attend, Act) and
//! the Deployer patch-application-priority table `ssvc:DT_DP:1.0.0`-style
//! `deployer_patch_application_priority_1_0_0` (72 rows, outcomes Defer, Scheduled,
//! Out-of-Cycle, Immediate). Copyright 2026 Carnegie Mellon University, MIT (SEI)-style
//! licence; the notice is in `THIRD_PARTY_NOTICES` and `data/ssvc/LICENSE`.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The CISA Coordinator decision table 2.0.3 (CERT/CC SSVC repository), unchanged.
pub const CISA_COORDINATOR_JSON: &str = include_str!("../../data/ssvc/cisa_coordinator_2_0_3.json");
/// The Deployer patch-application-priority decision table 1.0.0 (CERT/CC SSVC repository), unchanged.
pub const DEPLOYER_JSON: &str = include_str!("../../data/ssvc/deployer_patch_application_priority_1_0_0.json");

/// One value of a decision point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct DecisionPointValue {
    /// Short key, e.g. `A`.
    pub key: String,
    /// Name, e.g. `Active`.
    pub name: String,
    /// Definition.
    #[serde(default)]
    pub definition: String,
}

/// A decision point: a named, versioned, ordered set of values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionPoint {
    /// Namespace, e.g. `ssvc`.
    pub namespace: String,
    /// Key, e.g. `E`.
    pub key: String,
    /// Version, e.g. `1.1.0`.
    #[serde(default)]
    pub version: String,
    /// Name, e.g. `Exploitation`.
    pub name: String,
    /// Definition.
    #[serde(default)]
    pub definition: String,
    /// The CERT/CC schema version, `2.0.0`.
    #[serde(default)]
    pub schema_version: String,
    /// Values in ascending order.
    pub values: Vec<DecisionPointValue>,
}

/// A decision table in CERT/CC's SSVC `DecisionTable` 2.0.0 JSON format.
///
/// Fields beyond those listed are allowed, as CERT/CC's schema allows them, and are not
/// used. The outcome's values are ordered from least to most urgent, as in every
/// CERT/CC table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct DecisionTable {
    /// Namespace, e.g. `cisa`.
    pub namespace: String,
    /// Key, e.g. `DT_CO`.
    pub key: String,
    /// Version, e.g. `2.0.3`.
    #[serde(default)]
    pub version: String,
    /// Name, e.g. `CISA Coordinator`.
    pub name: String,
    /// Definition.
    #[serde(default)]
    pub definition: String,
    /// The CERT/CC schema version, `2.0.0`.
    pub schema_version: String,
    /// Decision points by `namespace:key:version` id, including the outcome's.
    #[serde(rename = "decision_points")]
    pub decision_points: BTreeMap<String, DecisionPoint>,
    /// The id of the outcome decision point.
    pub outcome: String,
    /// One row per combination: decision-point id → value key, including the outcome.
    #[serde(default)]
    pub mapping: Vec<BTreeMap<String, String>>,
}

/// A decision table checked and indexed for lookup.
#[derive(Debug, Clone)]
pub struct CompiledTable {
    table: DecisionTable,
    id: String,
    /// Input decision points in lookup order.
    inputs: Vec<Input>,
    outcomes: Vec<DecisionPointValue>,
    /// Outcome index per combination (mixed radix over `inputs`).
    cells: Vec<Option<u8>>,
}

/// One input decision point of a compiled table: its id, value keys in order, and each
/// key's position.
#[derive(Debug, Clone)]
struct Input {
    id: String,
    keys: Vec<String>,
    positions: HashMap<String, usize>,
}

impl Input {
    fn new(id: &str, dp: &DecisionPoint) -> Self {
        let keys: Vec<String> = dp.values.iter().map(|v| v.key.clone()).collect();
        let mut positions = HashMap::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            positions.entry(k.clone()).or_insert(i);
        }
        Self {
            id: id.to_owned(),
            keys,
            positions,
        }
    }
}

/// An SSVC outcome: its position in the outcome decision point (0 = least urgent), key and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SsvcOutcome<'t> {
    /// 0-based position among the outcome's values; higher is more urgent.
    pub rank: u8,
    /// The value key, e.g. `AC`.
    pub key: &'t str,
    /// The value name, e.g. `Act`.
    pub name: &'t str,
}

fn bad(table: &str, expected: impl Into<String>, value: impl Into<String>) -> Error {
    Error::InvalidValue {
        what: "SSVC decision table",
        value: format!("{table}: {}", value.into()),
        expected: expected.into(),
    }
}

impl CompiledTable {
    /// Parses a decision table from CERT/CC's JSON and compiles it.
    ///
    /// # Errors
    /// As [`CompiledTable::new`], plus JSON errors (with their path).
    pub fn from_json(json: &str) -> Result<Self, Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        let table: DecisionTable = serde_path_to_error::deserialize(&mut de).map_err(|e| Error::InvalidValue {
            what: "SSVC decision table",
            value: format!("at `{}`: {}", e.path(), e.inner()),
            expected: "a CERT/CC SSVC DecisionTable 2.0.0 JSON document".to_owned(),
        })?;
        Self::new(table)
    }

    /// Checks and indexes a table: the outcome is a decision point; every row gives a
    /// known value for every decision point; no combination appears twice; every
    /// combination of input values appears (the table is total).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the table and the first problem.
    pub fn new(table: DecisionTable) -> Result<Self, Error> {
        let id = format!("{}:{}:{}", table.namespace, table.key, table.version);
        let outcomes = table
            .decision_points
            .get(&table.outcome)
            .ok_or_else(|| {
                bad(
                    &id,
                    "`outcome` naming one of the decision points",
                    format!("`{}`", table.outcome),
                )
            })?
            .values
            .clone();
        if outcomes.is_empty() || outcomes.len() > usize::from(u8::MAX) {
            return Err(bad(
                &id,
                "an outcome with 1 to 255 values",
                format!("{} values", outcomes.len()),
            ));
        }
        let inputs: Vec<Input> = table
            .decision_points
            .iter()
            .filter(|(k, _)| **k != table.outcome)
            .map(|(k, dp)| Input::new(k, dp))
            .collect();
        let outcome_positions: HashMap<&str, usize> = outcomes
            .iter()
            .enumerate()
            .map(|(i, v)| (v.key.as_str(), i))
            .rev()
            .collect();
        let size = inputs
            .iter()
            .try_fold(1usize, |acc, input| acc.checked_mul(input.keys.len()))
            .unwrap_or(usize::MAX);
        if size == 0 || size > 1 << 20 {
            return Err(bad(&id, "between 1 and 1048576 input combinations", format!("{size}")));
        }
        let mut cells = vec![None; size];
        for (row, map) in table.mapping.iter().enumerate() {
            let mut index = 0usize;
            for input in &inputs {
                let dp = &input.id;
                let key = map
                    .get(dp)
                    .ok_or_else(|| bad(&id, format!("a value for `{dp}` in mapping row {row}"), "none"))?;
                let pos = input.positions.get(key).copied().ok_or_else(|| {
                    bad(
                        &id,
                        format!("a value of `{dp}` ({}) in mapping row {row}", input.keys.join(", ")),
                        format!("`{key}`"),
                    )
                })?;
                // Below the table's size (at most 2^20): no overflow.
                index = index.saturating_mul(input.keys.len()).saturating_add(pos);
            }
            let out = map
                .get(&table.outcome)
                .ok_or_else(|| bad(&id, format!("an outcome value in mapping row {row}"), "none"))?;
            let pos = outcome_positions.get(out.as_str()).copied().ok_or_else(|| {
                bad(
                    &id,
                    format!("an outcome value in mapping row {row}"),
                    format!("`{out}`"),
                )
            })?;
            if map.len() != inputs.len().saturating_add(1) {
                return Err(bad(
                    &id,
                    format!("only decision-point values in mapping row {row}"),
                    format!("{} entries", map.len()),
                ));
            }
            let cell = cells
                .get_mut(index)
                .ok_or_else(|| bad(&id, "an index in range", format!("{index}")))?;
            if cell.is_some() {
                return Err(bad(
                    &id,
                    format!("each combination once (mapping row {row} repeats one)"),
                    format!("row {row}"),
                ));
            }
            *cell = u8::try_from(pos).ok();
        }
        if let Some(missing) = cells.iter().position(Option::is_none) {
            return Err(bad(
                &id,
                format!("a row for every combination ({size})"),
                format!("combination {missing} missing"),
            ));
        }
        Ok(Self {
            table,
            id,
            inputs,
            outcomes,
            cells,
        })
    }

    /// The built-in CISA Coordinator table `cisa:DT_CO:2.0.3`.
    pub fn cisa_coordinator() -> Self {
        Self::builtin(CISA_COORDINATOR_JSON)
    }

    /// The built-in Deployer patch-application-priority table.
    pub fn deployer() -> Self {
        Self::builtin(DEPLOYER_JSON)
    }

    fn builtin(json: &str) -> Self {
        // Compiled-in constant data, checked by the test suite.
        #[allow(clippy::expect_used)]
        Self::from_json(json).expect("built-in SSVC table is valid")
    }

    /// The table's id, `namespace:key:version`, e.g. `cisa:DT_CO:2.0.3`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The table as parsed.
    pub fn table(&self) -> &DecisionTable {
        &self.table
    }

    /// The input decision-point ids, in lookup order.
    pub fn inputs(&self) -> impl Iterator<Item = &str> {
        self.inputs.iter().map(|input| input.id.as_str())
    }

    /// Number of rows (input combinations).
    pub fn rows(&self) -> usize {
        self.cells.len()
    }

    /// The outcome for a selection of `decision-point id → value key`.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] naming the missing decision point or unknown value.
    pub fn evaluate(&self, selection: &SsvcSelection) -> Result<SsvcOutcome<'_>, Error> {
        let mut index = 0usize;
        let mut pairs = selection.values();
        for input in &self.inputs {
            let dp = &input.id;
            // Fast path: selections written in table order.
            let value = match pairs.next() {
                Some((k, v)) if k == dp => v,
                _ => selection.get(dp).ok_or_else(|| Error::InvalidValue {
                    what: "SSVC selection",
                    value: selection
                        .values()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    expected: format!("a value for `{dp}` (table `{}`)", self.id),
                })?,
            };
            let pos = input.positions.get(value).copied().ok_or_else(|| Error::InvalidValue {
                what: "SSVC selection",
                value: value.to_owned(),
                expected: format!("a value of `{dp}` in table `{}` ({})", self.id, input.keys.join(", ")),
            })?;
            index = index.saturating_mul(input.keys.len()).saturating_add(pos);
        }
        if selection.values().count() != self.inputs.len() {
            if let Some((extra, _)) = selection
                .values()
                .find(|(k, _)| !self.inputs.iter().any(|input| input.id == *k))
            {
                return Err(Error::InvalidValue {
                    what: "SSVC selection",
                    value: extra.to_owned(),
                    expected: format!(
                        "only decision points of table `{}` ({})",
                        self.id,
                        self.inputs
                            .iter()
                            .map(|input| input.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        let rank = self.cells.get(index).copied().flatten().unwrap_or(0);
        let value = self.outcomes.get(usize::from(rank)).or_else(|| self.outcomes.first());
        Ok(SsvcOutcome {
            rank,
            key: value.map_or("", |v| v.key.as_str()),
            name: value.map_or("", |v| v.name.as_str()),
        })
    }

    /// The number of outcome values (the highest rank is one less).
    pub fn outcome_count(&self) -> usize {
        self.outcomes.len()
    }
}

/// The values chosen for one decision table: `decision-point id → value key`, written
/// in JSON as an object, e.g. `{"ssvc:E:1.1.0": "A", "ssvc:A:2.0.0": "Y", …}`.
///
/// Stored as one compact buffer (pairs in the order given), so evaluating many threats
/// touches little memory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SsvcSelection {
    /// `id \x1f value \x1e id \x1f value …`
    text: String,
}

const KV: char = '\u{1f}';
const PAIR: char = '\u{1e}';

impl SsvcSelection {
    /// A selection from `(decision-point id, value key)` pairs.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when a decision point appears twice, an id is not
    /// `namespace:key:version`, or an id or value is empty or contains control characters.
    pub fn new<I, K, V>(pairs: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut out = Self::default();
        let mut seen = HashSet::new();
        for (k, v) in pairs {
            let (k, v) = (k.into(), v.into());
            for part in [&k, &v] {
                if part.is_empty() || part.chars().any(char::is_control) {
                    return Err(Error::InvalidValue {
                        what: "SSVC selection",
                        value: part.clone(),
                        expected: "non-empty decision-point ids and value keys without control characters".to_owned(),
                    });
                }
            }
            // `namespace:key:version`, as the schema's `propertyNames` pattern says.
            let parts: Vec<&str> = k.split(':').collect();
            if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
                return Err(Error::InvalidValue {
                    what: "SSVC decision point",
                    value: k,
                    expected: "an id `namespace:key:version`, e.g. `ssvc:E:1.1.0`".to_owned(),
                });
            }
            if !seen.insert(k.clone()) {
                return Err(Error::InvalidValue {
                    what: "SSVC selection",
                    value: k,
                    expected: "each decision point once".to_owned(),
                });
            }
            out.push(&k, &v);
        }
        Ok(out)
    }

    fn push(&mut self, k: &str, v: &str) {
        if !self.text.is_empty() {
            self.text.push(PAIR);
        }
        self.text.push_str(k);
        self.text.push(KV);
        self.text.push_str(v);
    }

    /// From pairs known to be distinct and well-formed.
    pub(crate) fn from_distinct(values: Vec<(String, String)>) -> Self {
        let mut out = Self::default();
        for (k, v) in &values {
            out.push(k, v);
        }
        out
    }

    /// The compact text form (for memoizing evaluations).
    pub(crate) fn as_text(&self) -> &str {
        &self.text
    }

    /// The pairs, in the order given.
    pub fn values(&self) -> impl Iterator<Item = (&str, &str)> {
        self.text
            .split(PAIR)
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once(KV).unwrap_or((p, "")))
    }

    /// The value for decision point `id`, if selected.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.values().find(|(k, _)| *k == id).map(|(_, v)| v)
    }
}

impl Serialize for SsvcSelection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        for (k, v) in self.values() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for SsvcSelection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = SsvcSelection;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of decision-point id → value key")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<SsvcSelection, A::Error> {
                let mut pairs = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    pairs.push((k, v));
                }
                SsvcSelection::new(pairs).map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_map(V)
    }
}

impl JsonSchema for SsvcSelection {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SsvcSelection".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "Decision-point id (`namespace:key:version`) → value key, e.g. {\"ssvc:E:1.1.0\": \"A\"}.",
            "additionalProperties": { "type": "string", "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]+$" },
            "propertyNames": { "pattern": "^[^:\\u0000-\\u001f\\u007f-\\u009f]+:[^:\\u0000-\\u001f\\u007f-\\u009f]+:[^:\\u0000-\\u001f\\u007f-\\u009f]+$" },
        })
    }
}
