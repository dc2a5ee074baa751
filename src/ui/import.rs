//! The app's `i` hands the store an [`ImportJob`]: the file, its kind and its column
//! mapping, previewed first, then applied on confirm (the form and the preview are
//! popups: `overlay::import`, `overlay::import_preview`). The import itself is the
//! command line's (`session::import_one`), run by the loop in `ui::mod`.

use std::path::PathBuf;

use crate::i18n::Lang;
use crate::import::Kind;
use crate::session::ImportOutcome;

/// What to import: what `skudesk import` is told.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportJob {
    pub kind: Kind,
    pub path: PathBuf,
    /// The other file of a two-file export (a mapping with a `[join]`, e.g. Taobao's
    /// orders file beside its items file), in either order.
    pub other: Option<PathBuf>,
    /// `None`: the native layout.
    pub mapping: Option<String>,
}

impl ImportJob {
    /// Previews (`dry_run`) or imports the file, as `skudesk import` does.
    pub fn run(&self, store: &mut crate::store::Store, dry_run: bool, lang: Lang) -> ImportOutcome {
        let mut paths = vec![self.path.clone()];
        paths.extend(self.other.clone());
        crate::session::import_one(
            store,
            self.kind,
            &paths,
            self.mapping.as_deref(),
            dry_run,
            lang,
        )
    }
}
