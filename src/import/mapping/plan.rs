//! Fitting a mapping to one file's header: which source column (or constant) feeds each
//! native field, what each is called in errors, and which columns are missing.

use regex::Regex;

use super::normalize::Numbers;
use super::{Case, LineNo, Mapping, Source, Target};
use crate::import::Kind;

/// A header cell in comparable form: case, spaces, `_` and `-` ignored.
pub fn column_key(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How a native field's text is made native.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conv {
    Text,
    Money,
    Int,
    Date,
    DateTime,
    Tags,
}

fn conv_of(field: &str) -> Conv {
    match field {
        "unit_cost" | "list_price" | "unit_price" | "discount" => Conv::Money,
        "qty" | "visitors" | "line_no" | "lead_time_days" => Conv::Int,
        "launched_on" | "received_on" | "date" => Conv::Date,
        "ordered_at" => Conv::DateTime,
        "tags" => Conv::Tags,
        _ => Conv::Text,
    }
}

#[derive(Debug, Clone)]
pub enum Src {
    Column(usize),
    Constant(String),
    /// The source line where the row starts (`line_no = "source_row"`).
    SourceLine,
}

/// One native column of the translated file.
#[derive(Debug, Clone)]
pub struct OutField {
    pub name: &'static str,
    pub src: Src,
    /// How errors name it: `Lineitem quantity (qty)`, `received_on (--set)`.
    pub label: String,
    pub conv: Conv,
    pub formats: Vec<String>,
    pub values: Vec<(String, String)>,
    pub case: Case,
    pub separator: Option<String>,
}

#[derive(Debug, Clone)]
pub enum SkipOn {
    /// An index into [`Plan::fields`]; `None`: the field is absent (reads as empty).
    Field(Option<usize>),
    Column(usize),
}

#[derive(Debug, Clone)]
pub struct PlanSkip {
    pub on: SkipOn,
    pub regex: Regex,
    pub reason: String,
}

/// A mapping fitted to a header.
#[derive(Debug, Clone)]
pub struct Plan {
    pub fields: Vec<OutField>,
    pub skips: Vec<PlanSkip>,
    /// Key column and the columns carried down.
    pub carry: Option<(usize, Vec<usize>)>,
    /// Prefix, order id field and qty field (indices into `fields`).
    pub returns: Option<(String, usize, usize)>,
    pub numbers: Numbers,
    /// The order id field (orders), by which skipped orders are counted and refunds
    /// grouped.
    pub order_field: Option<usize>,
    pub refund: Option<RefundPlan>,
    /// What the import should say about this fit (a refund rule that cannot apply).
    pub notes: Vec<String>,
}

/// `[refunds]` fitted to a header: the source columns and the fields it reads and
/// writes (indices into [`Plan::fields`]).
#[derive(Debug, Clone)]
pub struct RefundPlan {
    pub amount: usize,
    /// The amount column as the header names it.
    pub amount_label: String,
    pub when: Option<(usize, Regex)>,
    pub order: usize,
    pub qty: usize,
    pub price: usize,
    pub discount: usize,
}

/// What fitting found: the plan when every needed column is there, the columns matched
/// (for `--detect`) and what is missing.
pub struct Fit {
    pub plan: Option<Plan>,
    pub matched: Vec<String>,
    pub missing: Vec<Missing>,
}

/// A column the mapping needs and the file lacks (or a field to give with `--set`), or
/// has twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// `Lineitem sku (sku)`, `Cancelled at`.
    pub column: String,
    pub why: String,
    /// The column is there, twice: which one to read would be a guess.
    pub twice: bool,
}

fn missing(column: String, why: impl Into<String>) -> Missing {
    Missing {
        column,
        why: why.into(),
        twice: false,
    }
}

impl Fit {
    /// The number of distinct source columns the mapping reads.
    pub fn score(&self) -> usize {
        self.matched.len()
    }
}

/// Fits `m` to a header. `sets` are `--set FIELD=VALUE` constants (they win over the
/// mapping); with `asking_ok`, fields the mapping asks for via `--set` count as given.
pub fn fit(
    m: &Mapping,
    kind: Kind,
    sets: &[(String, String)],
    header: &[String],
    asking_ok: bool,
) -> Fit {
    let keys: Vec<String> = header.iter().map(|h| column_key(h)).collect();
    let find = |name: &str| {
        let k = column_key(name);
        keys.iter().position(|h| *h == k)
    };
    let mut matched: Vec<String> = Vec::new();
    let mut note = |i: usize| {
        let h = header[i].trim().to_string();
        if !matched.contains(&h) {
            matched.push(h);
        }
    };
    let mut missing_list: Vec<Missing> = Vec::new();
    // A column read from a header that has it twice: refused, named with both places.
    let check_twice = |i: usize, missing_list: &mut Vec<Missing>| {
        if let Some(j) = keys[i + 1..].iter().position(|k| *k == keys[i]) {
            let column = header[i].trim().to_string();
            if !missing_list.iter().any(|m| m.twice && m.column == column) {
                missing_list.push(Missing {
                    column,
                    why: crate::import::table::twice(i, i + 1 + j),
                    twice: true,
                });
            }
        }
    };
    let mut fields = Vec::new();
    for f in kind.fields() {
        let spec = m.fields.iter().find(|s| s.field == f.name);
        let base = |src, label| OutField {
            name: f.name,
            src,
            label,
            conv: conv_of(f.name),
            formats: spec.map(|s| s.formats.clone()).unwrap_or_default(),
            values: spec.map(|s| s.values.clone()).unwrap_or_default(),
            case: spec.map_or(Case::AsIs, |s| s.case),
            separator: spec.and_then(|s| s.separator.clone()),
        };
        if let Some((_, v)) = sets.iter().find(|(n, _)| n == f.name) {
            let mut out = base(Src::Constant(v.clone()), format!("{} (--set)", f.name));
            // A value given on the command line is already native.
            out.formats.clear();
            out.values.clear();
            fields.push(out);
            continue;
        }
        let label_of = |i: usize| {
            let h = header[i].trim();
            if column_key(h) == column_key(f.name) {
                h.to_string()
            } else {
                format!("{h} ({})", f.name)
            }
        };
        match spec.map(|s| &s.source) {
            Some(Source::Column(names)) => match names.iter().find_map(|n| find(n)) {
                Some(i) => {
                    note(i);
                    check_twice(i, &mut missing_list);
                    fields.push(base(Src::Column(i), label_of(i)));
                }
                None if f.required => missing_list.push(missing(
                    format!("{} ({})", names.join(" or "), f.name),
                    "required column is missing",
                )),
                None => {}
            },
            Some(Source::Constant(v)) => fields.push(base(
                Src::Constant(v.clone()),
                format!("{} (mapping constant)", f.name),
            )),
            Some(Source::Ask(_)) if asking_ok => fields.push(base(
                Src::Constant(String::new()),
                format!("{} (--set)", f.name),
            )),
            Some(Source::Ask(hint)) => missing_list.push(missing(
                f.name.to_string(),
                format!(
                    "the file has no such column: give it with --set {}=VALUE ({hint})",
                    f.name
                ),
            )),
            None if m.by_name => match find(f.name) {
                Some(i) => {
                    note(i);
                    check_twice(i, &mut missing_list);
                    fields.push(base(Src::Column(i), label_of(i)));
                }
                None if f.required => {
                    missing_list.push(missing(f.name.to_string(), "required column is missing"))
                }
                None => {}
            },
            None => {}
        }
    }
    if kind == Kind::Orders
        && m.line_no == LineNo::SourceRow
        && !fields.iter().any(|f| f.name == "line_no")
    {
        fields.push(OutField {
            name: "line_no",
            src: Src::SourceLine,
            label: "line_no (source row)".into(),
            conv: Conv::Int,
            formats: vec![],
            values: vec![],
            case: Case::AsIs,
            separator: None,
        });
    }
    let mut skips = Vec::new();
    for s in &m.skips {
        let on = match &s.target {
            Target::Field(f) => SkipOn::Field(fields.iter().position(|o| o.name == f)),
            Target::Column(c) => match find(c) {
                Some(i) => {
                    note(i);
                    check_twice(i, &mut missing_list);
                    SkipOn::Column(i)
                }
                None => {
                    missing_list.push(missing(
                        c.clone(),
                        format!("column read by the skip rule \"{}\" is missing", s.reason),
                    ));
                    continue;
                }
            },
        };
        skips.push(PlanSkip {
            on,
            regex: s.regex.clone(),
            reason: s.reason.clone(),
        });
    }
    let carry = match &m.carry_down {
        None => None,
        Some(c) => match find(&c.key) {
            Some(k) => {
                note(k);
                check_twice(k, &mut missing_list);
                Some((k, c.columns.iter().filter_map(|n| find(n)).collect()))
            }
            None => {
                missing_list.push(missing(
                    c.key.clone(),
                    "the carry_down key column is missing",
                ));
                None
            }
        },
    };
    let mut notes = Vec::new();
    let refund_columns = match &m.refunds {
        Some(r) if kind == Kind::Orders => {
            let when = match &r.when {
                None => Some(None),
                Some((c, regex)) => match find(c) {
                    Some(i) => {
                        note(i);
                        check_twice(i, &mut missing_list);
                        Some(Some((i, regex.clone())))
                    }
                    None => {
                        missing_list.push(missing(
                            c.clone(),
                            "column read by the refund rule is missing",
                        ));
                        None
                    }
                },
            };
            let net = fields.iter().find_map(|f| match f.src {
                Src::Column(i) if r.net_of_refunds.iter().any(|n| column_key(n) == keys[i]) => {
                    Some(header[i].trim().to_string())
                }
                _ => None,
            });
            match (r.amount.iter().find_map(|n| find(n)), net, when) {
                (_, _, None) => None,
                (None, _, Some(_)) => {
                    notes.push(format!(
                        "the file has no column {}: refunds are not taken off the lines",
                        r.amount.join(" or ")
                    ));
                    None
                }
                (Some(_), Some(net), Some(_)) => {
                    notes.push(format!(
                        "quantities are read from {net}, already net of refunds: the refund amounts are not taken off again"
                    ));
                    None
                }
                (Some(a), None, Some(when)) => {
                    note(a);
                    check_twice(a, &mut missing_list);
                    Some((a, when))
                }
            }
        }
        _ => None,
    };
    if refund_columns.is_some() && !fields.iter().any(|f| f.name == "discount") {
        // The spread refund is written as discount: a file without one gets the column.
        fields.push(OutField {
            name: "discount",
            src: Src::Constant(String::new()),
            label: "discount (refund spread)".into(),
            conv: Conv::Money,
            formats: vec![],
            values: vec![],
            case: Case::AsIs,
            separator: None,
        });
    }
    let pos = |name: &str| fields.iter().position(|f| f.name == name);
    let returns = match (&m.return_prefix, pos("order_id"), pos("qty")) {
        (Some(p), Some(o), Some(q)) => Some((p.clone(), o, q)),
        _ => None,
    };
    let refund = match (
        refund_columns,
        pos("order_id"),
        pos("qty"),
        pos("unit_price"),
        pos("discount"),
    ) {
        (Some((amount, when)), Some(order), Some(qty), Some(price), Some(discount)) => {
            Some(RefundPlan {
                amount,
                amount_label: header[amount].trim().to_string(),
                when,
                order,
                qty,
                price,
                discount,
            })
        }
        _ => None,
    };
    let order_field = (kind == Kind::Orders).then(|| pos("order_id")).flatten();
    let plan = missing_list.is_empty().then(|| Plan {
        fields,
        skips,
        carry,
        returns,
        numbers: Numbers {
            decimal: m.decimal,
            thousands: m.thousands,
            signs: m.currency_signs.clone(),
        },
        order_field,
        refund,
        notes,
    });
    Fit {
        plan,
        matched,
        missing: missing_list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_match_ignoring_case_spaces_and_dashes() {
        assert_eq!(column_key(" Lineitem  Quantity "), "lineitemquantity");
        assert_eq!(column_key("\u{feff}unit_cost"), column_key("Unit Cost"));
        assert_eq!(column_key("订单 编号"), "订单编号");
    }
}
