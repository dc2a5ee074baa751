//! Reading data files into validated typed rows: the native layouts (csv crate, UTF-8
//! with or without BOM, UTF-16 with BOM), and other exports through column mappings
//! (encodings, TOML mapping files) translated into the native layout first.
//! Owns file-format rules; never writes to the store.

pub mod encoding;
pub mod mapping;
pub mod native;
pub mod table;

pub use table::ImportError;

use std::fmt;
use std::str::FromStr;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Products,
    Stock,
    Orders,
    Traffic,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Products, Kind::Stock, Kind::Orders, Kind::Traffic];

    /// The native fields of this kind, in the native column order.
    pub fn fields(self) -> &'static [table::Field] {
        match self {
            Kind::Products => native::PRODUCT_FIELDS,
            Kind::Stock => native::STOCK_FIELDS,
            Kind::Orders => native::ORDER_FIELDS,
            Kind::Traffic => native::TRAFFIC_FIELDS,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Products => "products",
            Kind::Stock => "stock",
            Kind::Orders => "orders",
            Kind::Traffic => "traffic",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <Kind as clap::ValueEnum>::from_str(s, true)
    }
}
