//! The TOML form of a mapping (serde, unknown keys refused) and its checks: every error
//! names the mapping file and, where it can, the TOML line.

use std::collections::BTreeMap;
use std::fmt;

use chrono::format::{Item, StrftimeItems};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::{
    field_names, CarryDown, Case, FieldMap, Join, LineNo, Mapping, MappingError, Refunds, Skip,
    Source, Target,
};
use crate::import::encoding;
use crate::import::Kind;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    name: Option<String>,
    description: Option<String>,
    kind: Option<Kind>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    decimal: Option<Spanned<String>>,
    thousands: Option<Spanned<String>>,
    #[serde(default)]
    currency_signs: Vec<String>,
    line_no: Option<Spanned<String>>,
    unlisted: Option<Spanned<String>>,
    returns: Option<Spanned<ReturnsSpec>>,
    carry_down: Option<Spanned<CarrySpec>>,
    #[serde(default)]
    skip: Vec<Spanned<SkipSpec>>,
    #[serde(default)]
    fields: BTreeMap<String, Spanned<FieldSpec>>,
    refunds: Option<Spanned<RefundsSpec>>,
    join: Option<Spanned<JoinSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefundsSpec {
    amount: Columns,
    column: Option<String>,
    regex: Option<String>,
    #[serde(default)]
    net_of_refunds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JoinSpec {
    this: Option<String>,
    other: Option<String>,
    #[serde(default)]
    header: Vec<String>,
    key: String,
    other_key: Option<String>,
    columns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReturnsSpec {
    order_id_prefix: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CarrySpec {
    key: String,
    columns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkipSpec {
    field: Option<String>,
    column: Option<String>,
    regex: String,
    reason: String,
}

/// A field: `"Source column"`, or a table of options.
struct FieldSpec(FieldTable);

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FieldTable {
    column: Option<Columns>,
    constant: Option<String>,
    ask: Option<String>,
    #[serde(default)]
    formats: Vec<String>,
    #[serde(default)]
    values: BTreeMap<String, String>,
    case: Option<String>,
    separator: Option<String>,
}

/// `"Name"` or `["Name", "Other name"]`.
struct Columns(Vec<String>);

impl<'de> Deserialize<'de> for FieldSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldSpec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a source column name, or a table such as { column = \"…\" }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FieldSpec, E> {
                Ok(FieldSpec(FieldTable {
                    column: Some(Columns(vec![v.to_string()])),
                    ..FieldTable::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<FieldSpec, A::Error> {
                FieldTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(FieldSpec)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Columns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Columns;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a column name or a list of column names")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Columns, E> {
                Ok(Columns(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Columns, A::Error> {
                let mut names = Vec::new();
                while let Some(n) = seq.next_element::<String>()? {
                    names.push(n);
                }
                Ok(Columns(names))
            }
        }
        d.deserialize_any(V)
    }
}

/// Native fields that hold a date or a date-time.
pub fn is_date_field(field: &str) -> bool {
    matches!(field, "launched_on" | "received_on" | "ordered_at" | "date")
}

/// Parses and checks a mapping's TOML text. `origin` names it in errors.
pub fn parse(name: &str, origin: &str, text: &str) -> Result<Mapping, MappingError> {
    let fail = |span: Option<std::ops::Range<usize>>, message: String| MappingError {
        origin: origin.to_string(),
        line: span.map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count()),
        message,
    };
    let spec: FileSpec =
        toml::from_str(text).map_err(|e| fail(e.span(), e.message().to_string()))?;
    let kind = spec.kind;
    let one_of = |v: &Option<Spanned<String>>, key: &str, allowed: &[&str], default: &str| match v {
        None => Ok(default.to_string()),
        Some(s) if allowed.contains(&s.get_ref().as_str()) => Ok(s.get_ref().clone()),
        Some(s) => Err(fail(
            Some(s.span()),
            format!(
                "{key} = {:?}: expected one of {}",
                s.get_ref(),
                quoted(allowed)
            ),
        )),
    };
    let encoding = match &spec.encoding {
        None => encoding_rs::UTF_8,
        Some(e) => encoding::by_name(e.get_ref()).ok_or_else(|| {
            fail(
                Some(e.span()),
                format!(
                    "encoding = {:?} is not an encoding name (use utf-8, gbk, gb18030, utf-16le, utf-16be, …)",
                    e.get_ref()
                ),
            )
        })?,
    };
    let delimiter = match &spec.delimiter {
        None => b',',
        Some(d) => match d.get_ref().as_bytes() {
            // A line break or a quote cannot separate cells: the CSV reader gives them
            // their own meaning.
            [b] if b.is_ascii()
                && !b.is_ascii_alphanumeric()
                && *b != b'"'
                && (!b.is_ascii_control() || *b == b'\t') =>
            {
                *b
            }
            _ => {
                return Err(fail(
                    Some(d.span()),
                    format!("delimiter = {:?}: expected one character such as \",\", \";\", \"\\t\" or \"|\"", d.get_ref()),
                ))
            }
        },
    };
    let decimal = one_of(&spec.decimal, "decimal", &[".", ","], ".")?;
    let decimal = if decimal == "," { ',' } else { '.' };
    let thousands = match &spec.thousands {
        None if decimal == ',' => Some('.'),
        None => None,
        Some(t) => match t.get_ref().as_str() {
            "" => Some('\0'),
            s @ ("," | "." | " " | "'") if !s.starts_with(decimal) => s.chars().next(),
            s => {
                return Err(fail(
                    Some(t.span()),
                    format!("thousands = {s:?}: expected \",\", \".\", \" \", \"'\" or \"\" (none), and not the decimal mark"),
                ))
            }
        },
    };
    let line_no = match one_of(
        &spec.line_no,
        "line_no",
        &["position", "source_row"],
        "position",
    )?
    .as_str()
    {
        "source_row" => LineNo::SourceRow,
        _ => LineNo::Position,
    };
    let by_name =
        one_of(&spec.unlisted, "unlisted", &["absent", "by-name"], "absent")? == "by-name";
    let return_prefix = match spec.returns {
        None => None,
        Some(r) if kind != Some(Kind::Orders) => {
            return Err(fail(
                Some(r.span()),
                "[returns] is for orders mappings (kind = \"orders\")".into(),
            ))
        }
        Some(r) if r.get_ref().order_id_prefix.trim().is_empty() => {
            return Err(fail(
                Some(r.span()),
                "[returns] order_id_prefix is empty".into(),
            ))
        }
        Some(r) => Some(r.into_inner().order_id_prefix.trim().to_string()),
    };
    let carry_down = match spec.carry_down {
        None => None,
        Some(c) if c.get_ref().key.trim().is_empty() || c.get_ref().columns.is_empty() => {
            return Err(fail(
                Some(c.span()),
                "carry_down needs a key column and at least one column to carry".into(),
            ))
        }
        Some(c) => {
            let c = c.into_inner();
            Some(CarryDown {
                key: c.key,
                columns: c.columns,
            })
        }
    };
    let refunds = match spec.refunds {
        None => None,
        Some(r) if kind != Some(Kind::Orders) => {
            return Err(fail(
                Some(r.span()),
                "[refunds] is for orders mappings (kind = \"orders\")".into(),
            ))
        }
        Some(r) => {
            let span = r.span();
            let r = r.into_inner();
            let Columns(amount) = r.amount;
            if amount.is_empty() || amount.iter().any(|c| c.trim().is_empty()) {
                return Err(fail(
                    Some(span),
                    "[refunds] amount: give the column of the order's refunded amount (or a list)"
                        .into(),
                ));
            }
            let when = match (r.column, r.regex) {
                (None, None) => None,
                (Some(c), Some(re)) if !c.trim().is_empty() => {
                    let regex = regex::Regex::new(&re).map_err(|e| {
                        fail(
                            Some(span.clone()),
                            format!("[refunds] regex {re:?} is not a valid regex: {e}"),
                        )
                    })?;
                    Some((c, regex))
                }
                _ => return Err(fail(Some(span), "[refunds] column and regex go together: the refund is spread only on orders whose column matches the regex".into())),
            };
            Some(Refunds {
                amount,
                when,
                net_of_refunds: r
                    .net_of_refunds
                    .into_iter()
                    .filter(|c| !c.trim().is_empty())
                    .collect(),
            })
        }
    };
    let join = match spec.join {
        None => None,
        Some(j) => {
            let span = j.span();
            let j = j.into_inner();
            let other_key = j.other_key.unwrap_or_else(|| j.key.clone());
            if j.key.trim().is_empty() || other_key.trim().is_empty() {
                return Err(fail(
                    Some(span),
                    "[join] needs key = \"the key column\" (and other_key when the other file names it differently)".into(),
                ));
            }
            let columns: Vec<String> = j
                .columns
                .into_iter()
                .filter(|c| !c.trim().is_empty())
                .collect();
            if columns.is_empty() {
                return Err(fail(
                    Some(span),
                    "[join] columns: name the columns taken from the other file".into(),
                ));
            }
            let mut header: Vec<String> = j
                .header
                .into_iter()
                .filter(|c| !c.trim().is_empty())
                .collect();
            if header.is_empty() {
                header = columns.clone();
            }
            if !header
                .iter()
                .any(|h| super::plan::column_key(h) == super::plan::column_key(&other_key))
            {
                header.insert(0, other_key.clone());
            }
            Some(Join {
                this: j
                    .this
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| "the file of lines".into()),
                other: j
                    .other
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| "the file it joins".into()),
                header,
                key: j.key,
                other_key,
                columns,
            })
        }
    };
    let check_field =
        |field: &str, span: std::ops::Range<usize>, what: &str| -> Result<(), MappingError> {
            let known = match kind {
                Some(k) => k.fields().iter().any(|f| f.name == field),
                None => Kind::ALL
                    .iter()
                    .any(|k| k.fields().iter().any(|f| f.name == field)),
            };
            if known {
                return Ok(());
            }
            let list = match kind {
                Some(k) => format!("the fields of {k} files are: {}", field_names(k)),
                None => "give `kind` to name the file kind".to_string(),
            };
            Err(fail(
                Some(span),
                format!("{what} {field:?} is not a native field; {list}"),
            ))
        };
    let mut skips = Vec::new();
    for s in spec.skip {
        let span = s.span();
        let s = s.into_inner();
        let target = match (s.field, s.column) {
            (Some(f), None) => {
                check_field(&f, span.clone(), "[[skip]] field")?;
                Target::Field(f)
            }
            (None, Some(c)) => Target::Column(c),
            _ => return Err(fail(Some(span), "[[skip]] needs exactly one of field = \"native field\" or column = \"source column\"".into())),
        };
        if s.reason.trim().is_empty() {
            return Err(fail(
                Some(span),
                "[[skip]] needs a reason (it is shown with the count of rows skipped)".into(),
            ));
        }
        let regex = regex::Regex::new(&s.regex).map_err(|e| {
            fail(
                Some(span),
                format!("[[skip]] regex {:?} is not a valid regex: {e}", s.regex),
            )
        })?;
        skips.push(Skip {
            target,
            regex,
            reason: s.reason.trim().to_string(),
        });
    }
    let mut fields = Vec::new();
    for (field, spec) in spec.fields {
        let span = spec.span();
        let line = Some(1 + text[..span.start].matches('\n').count());
        check_field(&field, span.clone(), "[fields]")?;
        let t = spec.into_inner().0;
        let source = match (t.column, t.constant, t.ask) {
            (Some(Columns(c)), None, None) if !c.is_empty() && c.iter().all(|c| !c.trim().is_empty()) => Source::Column(c),
            (None, Some(v), None) => Source::Constant(v),
            (None, None, Some(hint)) => Source::Ask(hint),
            _ => return Err(fail(Some(span), format!("[fields] {field}: give exactly one of column = \"…\" (or a list), constant = \"…\" or ask = \"what to give with --set\""))),
        };
        if !t.formats.is_empty() && !is_date_field(&field) {
            return Err(fail(Some(span), format!("[fields] {field}: formats are for date fields (launched_on, received_on, ordered_at, date)")));
        }
        for f in &t.formats {
            if f.is_empty() || StrftimeItems::new(f).any(|i| matches!(i, Item::Error)) {
                return Err(fail(Some(span), format!("[fields] {field}: {f:?} is not a chrono date format (e.g. \"%d/%m/%Y %H:%M\")")));
            }
        }
        if t.separator.is_some() && field != "tags" {
            return Err(fail(
                Some(span),
                format!("[fields] {field}: separator is for tags only"),
            ));
        }
        let case = match t.case.as_deref() {
            None | Some("as-is") => Case::AsIs,
            Some("upper") => Case::Upper,
            Some("lower") => Case::Lower,
            Some(c) => {
                return Err(fail(
                    Some(span),
                    format!(
                    "[fields] {field}: case = {c:?}: expected \"upper\", \"lower\" or \"as-is\""
                ),
                ))
            }
        };
        fields.push(FieldMap {
            field,
            source,
            formats: t.formats,
            values: t
                .values
                .into_iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v))
                .collect(),
            case,
            separator: t.separator.filter(|s| !s.is_empty()),
            line,
        });
    }
    if fields.is_empty() && !by_name {
        let what = if text.lines().all(|l| {
            let l = l.trim();
            l.is_empty() || l.starts_with('#')
        }) {
            "the mapping file is empty"
        } else {
            "the mapping declares no columns"
        };
        return Err(fail(
            None,
            format!(
                "{what}: give [fields] with a source column for each native field \
                 (README, \"Column mappings\"), or unlisted = \"by-name\" to read them by their own names"
            ),
        ));
    }
    if line_no == LineNo::SourceRow && fields.iter().any(|f| f.field == "line_no") {
        return Err(fail(
            spec.line_no.map(|l| l.span()),
            "line_no = \"source_row\" and a [fields] line_no: give one".into(),
        ));
    }
    if let Some(k) = kind {
        if !by_name {
            for f in k.fields().iter().filter(|f| f.required) {
                if !fields.iter().any(|m| m.field == f.name) {
                    return Err(fail(None, format!(
                        "[fields] has no {} (required for {k} files): give a column, a constant, or ask = \"…\" to take it from --set",
                        f.name
                    )));
                }
            }
        }
    }
    Ok(Mapping {
        name: spec.name.unwrap_or_else(|| name.to_string()),
        origin: origin.to_string(),
        description: spec.description.unwrap_or_default(),
        kind,
        encoding,
        delimiter,
        decimal,
        thousands: thousands.filter(|&c| c != '\0'),
        currency_signs: spec
            .currency_signs
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect(),
        line_no,
        by_name,
        return_prefix,
        carry_down,
        skips,
        fields,
        refunds,
        join,
    })
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("{i:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
