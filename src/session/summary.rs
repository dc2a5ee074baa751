//! What an import says: one line per file (and what its mapping did), or, for many
//! files at once, one summary over them all — files, lines added, changed and
//! unchanged, rows skipped per reason, new SKUs, refunds — in the reader's language.

use crate::domain::money::Money;
use crate::domain::text::sanitize;
use crate::i18n::{Lang, Msg};
use crate::import::mapping::join::named;
use crate::import::mapping::refund::RefundTally;
use crate::import::Kind;
use crate::store::ImportSummary;

use super::import::MappedReport;

/// One line per file: what was added, changed, left as it was, and skipped.
pub fn describe(s: &ImportSummary, lang: Lang) -> String {
    let summary = if s.dry_run {
        Msg::ImportSummaryWould
    } else {
        Msg::ImportSummaryWere
    };
    let mut line = lang.f(
        summary,
        &[
            &sanitize(&s.file),
            &s.rows,
            &unit(s.kind, lang),
            &s.added,
            &s.changed,
            &s.unchanged,
        ],
    );
    line.push_str(&tail(s, lang));
    line
}

fn unit(kind: Option<Kind>, lang: Lang) -> &'static str {
    lang.t(match kind {
        Some(Kind::Products) => Msg::ImportUnitProducts,
        Some(Kind::Stock) => Msg::ImportUnitLots,
        Some(Kind::Orders) => Msg::ImportUnitLines,
        Some(Kind::Traffic) => Msg::ImportUnitTraffic,
        None => Msg::ImportUnitRows,
    })
}

/// Blank rows, new SKUs, unknown SKUs, the demo data: what follows the counts.
fn tail(s: &ImportSummary, lang: Lang) -> String {
    let mut line = String::new();
    if s.skipped > 0 {
        line.push_str(&lang.f(Msg::ImportSkippedBlank, &[&s.skipped]));
    }
    if s.created_products > 0 {
        line.push_str(&lang.f(Msg::ImportCreatedProducts, &[&s.created_products]));
    }
    if s.unknown_skus > 0 {
        line.push_str(&lang.f(Msg::ImportUnknownSkus, &[&s.unknown_skus]));
    }
    if s.replaced_demo && s.dry_run {
        line.push_str(lang.t(Msg::ImportDemoWouldGo));
    } else if s.replaced_demo {
        line.push_str(lang.t(Msg::ImportDemoGone));
    }
    line
}

/// What a mapping did to a file, a line each (indented under the file's summary).
pub fn mapped_lines(m: &MappedReport, lang: Lang) -> Vec<String> {
    let mut lines = vec![lang.f(Msg::ImportThroughMapping, &[&sanitize(&m.name), &m.read_as])];
    if let Some((what, files)) = &m.joined {
        lines.push(lang.f(
            Msg::ImportJoined,
            &[&sanitize(what), &sanitize(&named(files))],
        ));
    }
    if let Some(d) = &m.detected {
        lines.push(format!("  {}", sanitize(d)));
    }
    for n in &m.notes {
        lines.push(format!("  note: {}", sanitize(n)));
    }
    for r in m.skipped.iter().filter(|r| r.rows > 0) {
        let mut line = lang.f(
            Msg::ImportMappingSkipped,
            &[&r.rows, &sanitize(&r.reason), &r.first_line],
        );
        if r.orders > 0 {
            line.push_str(&lang.f(Msg::ImportMappingSkippedOrders, &[&r.orders]));
        }
        lines.push(line);
    }
    lines.extend(refund_line(&m.refunds, lang));
    lines
}

fn refund_line(r: &RefundTally, lang: Lang) -> Option<String> {
    if r.orders == 0 {
        return None;
    }
    let mut line = lang.f(
        Msg::ImportRefundsSpread,
        &[&r.orders, &r.refunded, &r.spread],
    );
    if r.beyond() != Money::ZERO {
        line.push_str(&lang.f(Msg::ImportRefundsBeyond, &[&r.beyond()]));
    }
    Some(line)
}

/// Rows one skip rule left out over many files.
struct Skipped {
    reason: String,
    rows: usize,
    orders: usize,
    first: (String, u64),
}

/// Many files' imports added up, for one summary.
#[derive(Default)]
pub struct Totals {
    files: usize,
    sum: ImportSummary,
    /// Mapping name and how it read the files, with how many files.
    mappings: Vec<(String, String, usize)>,
    /// How the mapping names the other file, and the files given as it.
    joined: Vec<(String, String)>,
    detected: Vec<String>,
    notes: Vec<String>,
    skipped: Vec<Skipped>,
    refunds: RefundTally,
}

impl Totals {
    /// Starts the totals of an import of `files` files given on the command line.
    pub fn new(files: usize) -> Totals {
        Totals {
            files,
            ..Totals::default()
        }
    }

    /// Adds one written (or previewed) file.
    pub fn add(&mut self, s: &ImportSummary, mapped: Option<&MappedReport>) {
        let t = &mut self.sum;
        t.kind = s.kind;
        t.dry_run = s.dry_run;
        t.rows += s.rows;
        t.added += s.added;
        t.changed += s.changed;
        t.unchanged += s.unchanged;
        t.skipped += s.skipped;
        t.created_products += s.created_products;
        t.unknown_skus += s.unknown_skus;
        t.replaced_demo |= s.replaced_demo;
        let Some(m) = mapped else { return };
        match self
            .mappings
            .iter_mut()
            .find(|(n, r, _)| *n == m.name && *r == m.read_as)
        {
            Some((_, _, n)) => *n += 1,
            None => self.mappings.push((m.name.clone(), m.read_as.clone(), 1)),
        }
        if let Some((what, files)) = &m.joined {
            let pair = (what.clone(), named(files));
            if !self.joined.contains(&pair) {
                self.joined.push(pair);
            }
        }
        if let Some(d) = &m.detected {
            if !self.detected.contains(d) {
                self.detected.push(d.clone());
            }
        }
        for n in &m.notes {
            if !self.notes.contains(n) {
                self.notes.push(n.clone());
            }
        }
        for r in m.skipped.iter().filter(|r| r.rows > 0) {
            match self.skipped.iter_mut().find(|k| k.reason == r.reason) {
                Some(k) => {
                    k.rows += r.rows;
                    k.orders += r.orders;
                }
                None => self.skipped.push(Skipped {
                    reason: r.reason.clone(),
                    rows: r.rows,
                    orders: r.orders,
                    first: (s.file.clone(), r.first_line),
                }),
            }
        }
        self.refunds.add(&m.refunds);
    }

    /// The summary: one line of counts, then what the mappings did.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let s = &self.sum;
        let msg = if s.dry_run {
            Msg::ImportTotalWould
        } else {
            Msg::ImportTotalWere
        };
        let mut first = lang.f(
            msg,
            &[
                &self.files,
                &s.rows,
                &unit(s.kind, lang),
                &s.added,
                &s.changed,
                &s.unchanged,
            ],
        );
        first.push_str(&tail(s, lang));
        let mut lines = vec![first];
        for (name, read_as, n) in &self.mappings {
            lines.push(lang.f(
                Msg::ImportThroughMappingFiles,
                &[&sanitize(name), read_as, n],
            ));
        }
        for (what, files) in &self.joined {
            lines.push(lang.f(Msg::ImportJoined, &[&sanitize(what), &sanitize(files)]));
        }
        for d in &self.detected {
            lines.push(format!("  {}", sanitize(d)));
        }
        for n in &self.notes {
            lines.push(format!("  note: {}", sanitize(n)));
        }
        for k in &self.skipped {
            let mut line = lang.f(
                Msg::ImportMappingSkippedIn,
                &[
                    &k.rows,
                    &sanitize(&k.reason),
                    &sanitize(&k.first.0),
                    &k.first.1,
                ],
            );
            if k.orders > 0 {
                line.push_str(&lang.f(Msg::ImportMappingSkippedOrders, &[&k.orders]));
            }
            lines.push(line);
        }
        lines.extend(refund_line(&self.refunds, lang));
        lines
    }
}

/// What an import says as its files are written: a line per file (with what its
/// mapping did), or, for many files without `--verbose`, one summary at the end.
pub struct Said {
    each: Vec<String>,
    totals: Option<Totals>,
}

impl Said {
    /// `summary`: one summary over `files` files instead of a line per file.
    pub fn new(summary: bool, files: usize) -> Said {
        Said {
            each: Vec::new(),
            totals: summary.then(|| Totals::new(files)),
        }
    }

    /// One file written (or previewed); returns its lines when they are said per file.
    pub fn file(
        &mut self,
        mut summary: ImportSummary,
        mapped: Option<&MappedReport>,
        lang: Lang,
    ) -> Vec<String> {
        if let Some(m) = mapped {
            summary.skipped += m.blank_or_header;
        }
        if let Some(t) = &mut self.totals {
            t.add(&summary, mapped);
            return Vec::new();
        }
        let mut lines = vec![describe(&summary, lang)];
        if let Some(m) = mapped {
            lines.extend(mapped_lines(m, lang));
        }
        self.each.extend(lines.iter().cloned());
        lines
    }

    /// Everything said: the lines of each file, or the summary.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        match &self.totals {
            Some(t) => t.lines(lang),
            None => self.each.clone(),
        }
    }

    /// The summary's lines (nothing when each file was said as it was written).
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        self.totals
            .as_ref()
            .map_or_else(Vec::new, |t| t.lines(lang))
    }
}
