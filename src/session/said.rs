//! What the store's answers say to a person, in the reader's language: a change applied,
//! a change, undo or redo refused, the change history. The store answers in data
//! (`domain::history`, `domain::command::Refusal`); `i18n` has the words.

use crate::domain::command::Command;
use crate::i18n::{Lang, Msg};
use crate::store::{Applied, ChangeError, Store, StoreError};

/// A refused change, undo or redo, in `lang` (the values in it are data and stay as
/// they are).
pub fn change_error(lang: Lang, e: &ChangeError) -> String {
    match e {
        ChangeError::NothingToUndo => lang.t(Msg::NothingToUndo).to_string(),
        ChangeError::NothingToRedo => lang.t(Msg::NothingToRedo).to_string(),
        ChangeError::Conflict { summary, what } => lang.f(
            Msg::UndoConflict,
            &[&lang.summary(summary), &lang.row(what)],
        ),
        ChangeError::Refused(why) => lang.refusal(why),
        ChangeError::Invalid(text) => text.clone(),
        ChangeError::Store(e) => e.to_string(),
    }
}

/// What an applied change did: its summary, or that it changed nothing.
pub fn applied(lang: Lang, a: &Applied) -> String {
    let summary = lang.summary(&a.summary);
    if a.changed {
        summary
    } else {
        lang.f(Msg::SumNothingChanged, &[&summary])
    }
}

/// Applies `cmd` (one transaction with its audit rows) and says what it did in `lang`.
pub fn apply(store: &mut Store, cmd: &Command, lang: Lang) -> Result<String, ChangeError> {
    store.apply(cmd).map(|a| applied(lang, &a))
}

/// One entry of the change history, said in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub id: i64,
    pub at: String,
    /// `change`, `import`, … (as the store records it).
    pub kind: String,
    pub summary: String,
    pub undone: bool,
}

/// The latest `limit` entries of the change history, newest first, in `lang`.
pub fn history(store: &Store, limit: usize, lang: Lang) -> Result<Vec<HistoryLine>, StoreError> {
    Ok(store
        .history(limit)?
        .into_iter()
        .map(|h| HistoryLine {
            id: h.id,
            at: h.at,
            kind: h.kind,
            summary: lang.summary(&h.summary),
            undone: h.undone,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::command::{Reclassify, TierChoice};
    use crate::domain::model::Tier;
    use crate::import::native;

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let products =
            b"sku,name,category,unit_cost,list_price\nA,Hat,hats,10,20\nB,Case,cases,5,6\n";
        s.import_products(&native::products("p.csv", products).unwrap(), false)
            .unwrap();
        s
    }

    fn tier_high(sku: &str) -> Command {
        Command::Reclassify(Reclassify {
            skus: vec![sku.into()],
            tier: Some(TierChoice::Set(Tier::High)),
            lifecycle: None,
            category: None,
            reason: String::new(),
        })
    }

    #[test]
    fn a_change_written_in_one_language_reads_in_the_readers() {
        let mut s = store();
        // An English session makes the change and is told in English…
        let done = apply(&mut s, &tier_high("B"), Lang::En).unwrap();
        assert_eq!(done, "reclassify B: tier high");
        // …a Chinese reader reads the same history line in Chinese, and back.
        let zh = history(&s, 1, Lang::ZhCn).unwrap();
        assert_eq!(zh[0].summary, "重新分类 B：分层 高毛利");
        assert_eq!(history(&s, 1, Lang::En).unwrap()[0].summary, done);
        // A Chinese session's change reads in English for an English reader.
        let done = apply(&mut s, &tier_high("A"), Lang::ZhCn).unwrap();
        assert_eq!(done, "重新分类 A：分层 高毛利");
        assert_eq!(
            history(&s, 1, Lang::En).unwrap()[0].summary,
            "reclassify A: tier high"
        );
        // The import's line too.
        let import = history(&s, 10, Lang::ZhCn).unwrap();
        assert_eq!(
            import.last().unwrap().summary,
            "商品 p.csv：新增 2，修改 0，未变 0"
        );
        // Nothing to change: said so, and no history entry.
        let again = apply(&mut s, &tier_high("A"), Lang::En).unwrap();
        assert_eq!(again, "reclassify A: tier high (nothing to change)");
        assert_eq!(history(&s, 10, Lang::En).unwrap().len(), 3);
    }

    #[test]
    fn a_line_an_older_skudesk_wrote_as_text_reads_as_it_was_written() {
        let s = store();
        s.execute_for_tests(
            "INSERT INTO change_set (at, kind, summary) VALUES
                 ('2025-01-01 10:00:00', 'change', '重新分类 B：分层 高毛利'),
                 ('2025-01-02 10:00:00', 'change', 'reclassify A: tier low');",
        );
        for lang in Lang::ALL {
            let h = history(&s, 2, lang).unwrap();
            assert_eq!(h[0].summary, "reclassify A: tier low");
            assert_eq!(h[1].summary, "重新分类 B：分层 高毛利");
            assert_eq!(h[1].at, "2025-01-01 10:00:00");
        }
    }

    #[test]
    fn an_old_line_is_undone_and_named_as_it_was_written() {
        let mut s = store();
        apply(&mut s, &tier_high("A"), Lang::En).unwrap();
        // As an older skudesk wrote it: its line in Chinese, as text.
        s.execute_for_tests(
            "UPDATE change_set SET summary = '重新分类 A：分层 高毛利' WHERE kind = 'change';",
        );
        let undone = s.undo().unwrap();
        assert_eq!(Lang::En.summary(&undone), "重新分类 A：分层 高毛利");
        assert_eq!(
            s.load().unwrap().products[0].tier_override,
            None,
            "undone all the same"
        );
    }

    #[test]
    fn a_refused_undo_says_why_in_either_language() {
        let mut s = store();
        s.apply(&Command::Reclassify(Reclassify {
            skus: vec!["A".into()],
            tier: None,
            lifecycle: None,
            category: Some("clearance-bin".into()),
            reason: String::new(),
        }))
        .unwrap();
        // Another tool edits the row behind skudesk's back.
        s.execute_for_tests("UPDATE product SET unit_cost = 11000000 WHERE sku = 'A';");
        let err = s.undo().unwrap_err();
        assert_eq!(
            change_error(Lang::En, &err),
            "cannot undo \"reclassify A: category clearance-bin\": SKU A was changed since \
             (by an import or a later change); undo refused, nothing was changed"
        );
        assert_eq!(
            change_error(Lang::ZhCn, &err),
            "无法撤销“重新分类 A：品类 clearance-bin”：SKU A 此后已被修改（被导入或之后的修改）；\
             已拒绝撤销，未做任何修改"
        );
        let refused = s.apply(&Command::DeleteBatch { id: 99 }).unwrap_err();
        assert_eq!(change_error(Lang::ZhCn, &refused), "没有清仓批次 #99");
        assert_eq!(change_error(Lang::En, &refused), "no clearance batch #99");
        let unknown = s.apply(&tier_high("NOPE")).unwrap_err();
        assert_eq!(change_error(Lang::En, &unknown), "unknown SKU \"NOPE\"");
        let mut empty = Store::open_in_memory().unwrap();
        assert_eq!(
            change_error(Lang::En, &empty.undo().unwrap_err()),
            "nothing to undo"
        );
    }

    #[test]
    fn the_import_that_replaced_the_demo_is_named_when_its_undo_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut s).unwrap();
        s.import_products(
            &native::products("mine.csv", b"sku,unit_cost\nMINE,1\n").unwrap(),
            false,
        )
        .unwrap();
        let err = s.undo().unwrap_err();
        let en = change_error(Lang::En, &err);
        assert!(en.contains("replaced the demo data"), "{en}");
        assert!(en.starts_with("\"products mine.csv: 1 added"), "{en}");
        let zh = change_error(Lang::ZhCn, &err);
        assert!(zh.contains("商品 mine.csv"), "{zh}");
    }
}
