//! Guessing which built-in mapping reads a file, from its header: each mapping (and the
//! native layout of each kind) is tried with its own encoding and delimiter; it fits
//! when every column it needs is there, and the fit reading the most columns wins.

use super::join::{classify, Role};
use super::plan::Missing;
use super::{built_ins, Mapping};
use crate::import::table::ImportError;
use crate::import::{encoding, Kind};

/// The start of the file that is read for its header.
const SAMPLE: usize = 256 * 1024;

/// One mapping tried on a file, for one kind.
#[derive(Debug)]
pub struct Candidate {
    pub mapping: Mapping,
    pub kind: Kind,
    /// How the header was decoded, e.g. `UTF-8`, `GBK`.
    pub read_as: String,
    /// Source columns the mapping reads that the header has.
    pub matched: Vec<String>,
    /// Why it does not fit; empty when it fits.
    pub missing: Vec<Missing>,
    /// The header could not be read this mapping's way.
    pub unreadable: Option<String>,
    /// What the file is to the mapping: whole, or one of the two files of a `[join]`.
    pub role: Role,
}

impl Candidate {
    pub fn fits(&self) -> bool {
        self.unreadable.is_none() && self.missing.is_empty()
    }

    /// `shopify-orders (orders)`.
    pub fn title(&self) -> String {
        format!("{} ({})", self.mapping.name, self.kind)
    }
}

/// Every candidate, those that fit first (best first); `picked` is the best one.
#[derive(Debug)]
pub struct Detection {
    /// What the header looks like on its own: e.g. `UTF-8 (valid UTF-8)`.
    pub sniffed: String,
    pub candidates: Vec<Candidate>,
}

impl Detection {
    pub fn picked(&self) -> Option<&Candidate> {
        self.candidates.first().filter(|c| c.fits())
    }
}

/// Tries every built-in on the file's header; `kind` limits them to one kind.
pub fn detect(file: &str, bytes: &[u8], kind: Option<Kind>) -> Result<Detection, ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError {
            file: file.to_string(),
            line: 1,
            column: None,
            message: "file is empty: expected a header row".into(),
            value: None,
        });
    }
    let truncated = bytes.len() > SAMPLE;
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let (enc, why) = encoding::sniff(sample);
    let mut candidates = Vec::new();
    for m in built_ins() {
        let kinds: Vec<Kind> = match m.kind {
            Some(k) => vec![k],
            None => Kind::ALL.to_vec(),
        };
        for k in kinds
            .into_iter()
            .filter(|k| kind.is_none_or(|want| want == *k))
        {
            candidates.push(try_one(file, sample, truncated, m.clone(), k));
        }
    }
    // Stable: among equal fits the earlier built-in stays first; a file that imports on
    // its own before one that needs its other file.
    candidates.sort_by_key(|c| {
        (
            !c.fits(),
            c.role != Role::Whole,
            std::cmp::Reverse(c.matched.len()),
        )
    });
    Ok(Detection {
        sniffed: format!("{} ({why})", enc.name()),
        candidates,
    })
}

fn try_one(file: &str, sample: &[u8], truncated: bool, m: Mapping, kind: Kind) -> Candidate {
    let mut c = Candidate {
        read_as: String::new(),
        matched: Vec::new(),
        missing: Vec::new(),
        unreadable: None,
        role: Role::Whole,
        kind,
        mapping: m,
    };
    match sample_header(file, sample, truncated, &c.mapping) {
        Ok((read_as, header)) => {
            c.read_as = read_as;
            let f = classify(&c.mapping, kind, &[], &header, true);
            c.role = f.role;
            c.matched = f.fit.matched;
            c.missing = f.fit.missing;
        }
        Err(why) => c.unreadable = Some(why),
    }
    c
}

/// The header of a file read `m`'s way (its encoding and delimiter), and how it was
/// decoded; `Err`: why it cannot be read so.
pub fn header_of(file: &str, bytes: &[u8], m: &Mapping) -> Result<(String, Vec<String>), String> {
    let truncated = bytes.len() > SAMPLE;
    sample_header(file, &bytes[..bytes.len().min(SAMPLE)], truncated, m)
}

fn sample_header(
    file: &str,
    sample: &[u8],
    truncated: bool,
    m: &Mapping,
) -> Result<(String, Vec<String>), String> {
    let (read_as, text) = match encoding::decode(file, sample, m.encoding) {
        Ok(d) => (d.read_as, d.text.into_owned()),
        // The sample may end inside a character: only the header matters.
        Err(e) if truncated && e.line > 1 => (
            m.encoding.name().to_string(),
            m.encoding.decode(sample).0.into_owned(),
        ),
        Err(e) => {
            return Err(format!(
                "its encoding {} does not read this file (line {})",
                m.encoding.name(),
                e.line
            ))
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(m.delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .find(|r| r.iter().any(|cell| !cell.trim().is_empty()))
        .map(|r| {
            let header = r
                .iter()
                .map(|cell| cell.trim().to_string())
                .collect::<Vec<_>>();
            (read_as, header)
        })
        .ok_or_else(|| "no header row found".to_string())
}
