//! Column mappings: small TOML files that say how another platform's export becomes a
//! native-layout file (README "Column mappings" documents every key). This module owns
//! reading and checking mapping files and the built-in ones; `plan` fits a mapping to a
//! file's header, `translate` rewrites the file, `detect` guesses the mapping.
//! Nothing here touches the store.

mod cells;
pub mod detect;
pub mod join;
mod normalize;
pub mod plan;
pub mod refund;
pub mod rewrite;
mod spec;
pub mod translate;

use std::fmt;
use std::path::Path;

use encoding_rs::Encoding;
use regex::Regex;

use super::Kind;

pub use spec::parse;

/// The built-in mappings, in the order `--detect` tries them.
/// The largest mapping file read: a mapping is a few lines of TOML.
const MAX_MAPPING_FILE: u64 = 1024 * 1024;

pub const BUILT_INS: &[(&str, &str)] = &[
    (
        "native",
        include_str!("../../../assets/mappings/native.toml"),
    ),
    (
        "shopify-orders",
        include_str!("../../../assets/mappings/shopify-orders.toml"),
    ),
    (
        "shopify-products",
        include_str!("../../../assets/mappings/shopify-products.toml"),
    ),
    (
        "shopify-inventory",
        include_str!("../../../assets/mappings/shopify-inventory.toml"),
    ),
    (
        "woocommerce-orders",
        include_str!("../../../assets/mappings/woocommerce-orders.toml"),
    ),
    (
        "taobao-orders",
        include_str!("../../../assets/mappings/taobao-orders.toml"),
    ),
    (
        "uci-online-retail",
        include_str!("../../../assets/mappings/uci-online-retail.toml"),
    ),
];

/// A mapping file that cannot be used, with where (file and TOML line) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct MappingError {
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "mapping {}:{l}: {}", self.origin, self.message),
            None => write!(f, "mapping {}: {}", self.origin, self.message),
        }
    }
}

/// How a missing line number is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineNo {
    /// The line's 1-based position among its order's lines (the native rule).
    Position,
    /// The line in the source file where the row starts.
    SourceRow,
}

/// A checked mapping, ready to fit to a file.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The built-in name, or the file's stem.
    pub name: String,
    /// `built-in NAME` or the path it was read from.
    pub origin: String,
    pub description: String,
    /// `None`: any kind (the native mapping).
    pub kind: Option<Kind>,
    pub encoding: &'static Encoding,
    pub delimiter: u8,
    pub decimal: char,
    /// `None`: the native rule (`,` groups of three before a `.` point).
    pub thousands: Option<char>,
    /// Currency signs dropped from money and counts, besides the native `¥ ￥ $ £ €`.
    pub currency_signs: Vec<String>,
    pub line_no: LineNo,
    /// Native fields not in `[fields]` are read from a column of their own name.
    pub by_name: bool,
    /// An order id starting with this marks a return: its qty is made negative.
    pub return_prefix: Option<String>,
    pub carry_down: Option<CarryDown>,
    pub skips: Vec<Skip>,
    pub fields: Vec<FieldMap>,
    /// Orders: an order-level refund amount spread over the order's lines.
    pub refunds: Option<Refunds>,
    /// Lines whose order-level columns are in another file of the same import.
    pub join: Option<Join>,
}

/// `[refunds]`: an order's refunded amount (order level, the first non-empty cell among
/// its rows) comes off its lines as extra discount, as DATA-FORMATS.md says.
#[derive(Debug, Clone)]
pub struct Refunds {
    /// The first of these columns the file has holds the amount (its sign is ignored).
    pub amount: Vec<String>,
    /// Only orders whose cell in this column matches (e.g. Financial Status
    /// `partially_refunded`).
    pub when: Option<(String, Regex)>,
    /// When a field is read from one of these columns the lines are already net of
    /// refunds (WooCommerce's `Quantity (- Refund)`): nothing is spread.
    pub net_of_refunds: Vec<String>,
}

/// `[join]`: the file of lines takes some columns from another file given in the same
/// import (Taobao's items file and its orders file), matched by a key column.
#[derive(Debug, Clone)]
pub struct Join {
    /// How messages name the file of lines, e.g. `the items file 宝贝报表 (ExportOrderDetailList)`.
    pub this: String,
    /// How messages name the other file.
    pub other: String,
    /// Columns that tell the other file by its header.
    pub header: Vec<String>,
    /// The key column in the file of lines.
    pub key: String,
    /// The key column in the other file.
    pub other_key: String,
    /// The columns taken from the other file; they replace same-named columns of the
    /// file of lines.
    pub columns: Vec<String>,
}

/// Cells an export fills only on the first row of a group.
#[derive(Debug, Clone)]
pub struct CarryDown {
    /// The source column whose value names the group (rows of a group are adjacent).
    pub key: String,
    /// Source columns whose empty cells take the value from the row above in the group.
    pub columns: Vec<String>,
}

/// Rows to leave out: a regex on a native field or a source column, and why.
#[derive(Debug, Clone)]
pub struct Skip {
    pub target: Target,
    pub regex: Regex,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Field(String),
    Column(String),
}

/// Where one native field's value comes from, and how it is converted.
#[derive(Debug, Clone)]
pub struct FieldMap {
    pub field: String,
    pub source: Source,
    /// chrono formats tried in order (date fields).
    pub formats: Vec<String>,
    /// Source value (compared trimmed, case-insensitively) → native value.
    pub values: Vec<(String, String)>,
    pub case: Case,
    /// Tags: the export's list separator (the native one is `;`).
    pub separator: Option<String>,
    /// The TOML line of this field, for errors found later.
    pub line: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The first of these columns that the file has.
    Column(Vec<String>),
    Constant(String),
    /// Must be given with `--set FIELD=VALUE`; the text says what to give.
    Ask(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    AsIs,
    Upper,
    Lower,
}

impl Mapping {
    /// Checks that this mapping can read files of `kind`.
    pub fn check_kind(&self, kind: Kind) -> Result<(), String> {
        match self.kind {
            Some(k) if k != kind => Err(format!(
                "mapping {} is for {k} files, not {kind}: use `skudesk import {k} … --mapping {}`, \
                 or another mapping (`skudesk import --detect FILE` suggests one)",
                self.name, self.name
            )),
            _ => {
                for f in &self.fields {
                    if !kind.fields().iter().any(|n| n.name == f.field) {
                        return Err(format!(
                            "mapping {}: [fields] {} is not a field of {kind} files (they are: {})",
                            self.origin,
                            f.field,
                            field_names(kind)
                        ));
                    }
                }
                Ok(())
            }
        }
    }

    pub fn is_native(&self) -> bool {
        self.name == "native" && self.origin == "built-in native"
    }
}

/// `sku, qty, received_on, unit_cost`.
pub fn field_names(kind: Kind) -> String {
    kind.fields()
        .iter()
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A built-in mapping by name.
pub fn built_in(name: &str) -> Option<Mapping> {
    let (n, text) = BUILT_INS.iter().find(|(n, _)| *n == name)?;
    Some(parse(n, &format!("built-in {n}"), text).expect("built-in mappings are valid"))
}

/// Every built-in mapping, parsed.
pub fn built_ins() -> Vec<Mapping> {
    BUILT_INS.iter().filter_map(|(n, _)| built_in(n)).collect()
}

/// Reads `--mapping NAME|PATH`. `Err(None)`: not a built-in and not a file.
pub fn load(arg: &str) -> Result<Mapping, Option<MappingError>> {
    let looks_like_path = arg.contains(['/', '\\']) || arg.ends_with(".toml");
    if !looks_like_path {
        if let Some(m) = built_in(arg) {
            return Ok(m);
        }
        if !Path::new(arg).is_file() {
            return Err(None);
        }
    }
    let path = Path::new(arg);
    let origin = path.display().to_string();
    let refused = |line: Option<usize>, message: String| {
        Some(MappingError {
            origin: origin.clone(),
            line,
            message,
        })
    };
    let bytes = match crate::input_file::read(path, MAX_MAPPING_FILE, true) {
        Ok(bytes) => bytes,
        Err(crate::input_file::InputError::Binary { line }) => {
            return Err(refused(
                usize::try_from(line).ok(),
                "is not a mapping file (binary data found)".into(),
            ))
        }
        Err(e) => return Err(refused(None, e.to_string())),
    };
    let text = String::from_utf8(bytes).map_err(|_| refused(None, "is not UTF-8 text".into()))?;
    let stem = path
        .file_stem()
        .map_or_else(|| origin.clone(), |s| s.to_string_lossy().into_owned());
    parse(&stem, &origin, &text).map_err(Some)
}

/// The names of the built-ins, for messages.
pub fn built_in_names() -> String {
    BUILT_INS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}
