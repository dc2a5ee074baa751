//! Reading data files into validated typed rows (csv crate, UTF-8 with or without BOM).
//! Owns file-format rules; never writes to the store.

pub mod native;
pub mod table;

pub use table::ImportError;

use std::fmt;
use std::str::FromStr;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Products,
    Stock,
    Orders,
    Traffic,
}

impl Kind {
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
