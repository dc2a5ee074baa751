//! Text from data files: unwrapping spreadsheet wrappers and making text safe to show.
//!
//! Everything that came from a data file passes through [`sanitize`] before it reaches a
//! terminal, a Markdown file or an error message, so escape sequences, bidi overrides
//! and zero-width characters in a product name can never act on the user's terminal.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// `text` padded with spaces to `width` terminal columns (CJK counts two), left-aligned;
/// text already wider is left as it is. `format!("{:w$}")` pads by characters, which
/// misaligns every column after a Chinese label.
pub fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    let mut out = String::with_capacity(text.len() + width.saturating_sub(w));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// `text` right-aligned in `width` terminal columns (see [`pad`]).
pub fn pad_left(text: &str, width: usize) -> String {
    let w = text.width();
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(w)).collect();
    out.push_str(text);
    out
}

/// Trims a cell and unwraps the spreadsheet forms `="536365"` and `'536365`.
pub fn unwrap_cell(raw: &str) -> &str {
    let t = raw.trim();
    if let Some(inner) = t.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        return inner.trim();
    }
    if let Some(inner) = t.strip_prefix('\'') {
        return inner.trim();
    }
    t
}

/// Characters that must never reach a terminal raw, nor a CSV or Markdown export: all
/// of Unicode's controls (Cc: C0, DEL, C1), format characters (Cf: bidi embeddings,
/// overrides, isolates and marks such as U+061C, zero-width characters, the BOM, soft
/// hyphen, tags) and the line and paragraph separators (Zl U+2028, Zp U+2029), which
/// some terminals take as a line break and leave stale characters behind. One list for
/// every surface; a test checks it against Unicode's categories.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{AD}'
            | '\u{600}'..='\u{605}'
            | '\u{61C}'
            | '\u{6DD}'
            | '\u{70F}'
            | '\u{890}'..='\u{891}'
            | '\u{8E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}')
}

/// Text safe for a terminal: unsafe characters dropped, tabs and newlines become spaces.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if is_unsafe_char(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// [`sanitize`]d text as the app draws it: also without presentation selectors
/// (U+FE0E, U+FE0F). Terminals disagree on how wide `☀️` is (two cells in some, one in
/// others, which ignore the selector), and a cell counted wrongly shifts the rest of its
/// row and leaves stray characters behind; without the selector every terminal and the
/// app agree (`☀` one cell, `👍` two). Files keep the data as it is.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    let clean = sanitize(s);
    if !clean.contains(['\u{FE0E}', '\u{FE0F}']) {
        return clean;
    }
    Cow::Owned(clean.replace(['\u{FE0E}', '\u{FE0F}'], ""))
}

/// A customer id as the same customer however a spreadsheet wrote it: `17850.0` → `17850`.
pub fn normalize_customer_id(raw: &str) -> Option<String> {
    let t = unwrap_cell(raw);
    if t.is_empty() {
        return None;
    }
    if let Some((int, frac)) = t.split_once('.') {
        if !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && !frac.is_empty()
            && frac.bytes().all(|b| b == b'0')
        {
            return Some(int.to_string());
        }
    }
    Some(t.to_string())
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_terminal_gets_no_presentation_selectors_and_files_keep_them() {
        assert_eq!(for_terminal("☀️ hat"), "☀ hat");
        assert_eq!(for_terminal("⌚\u{fe0e} 👍🏽"), "⌚ 👍🏽");
        assert_eq!(for_terminal("a\u{1b}[2J☀️\tb"), "a[2J☀ b");
        assert!(matches!(for_terminal("plain 夏季"), Cow::Borrowed(_)));
        assert_eq!(sanitize("☀️ hat"), "☀️ hat", "exports keep the data");
    }

    use super::*;

    #[test]
    fn unwraps_spreadsheet_text_wrappers() {
        assert_eq!(unwrap_cell("  =\"536365\" "), "536365");
        assert_eq!(unwrap_cell("'00123"), "00123");
        assert_eq!(unwrap_cell(" 85123A "), "85123A");
        assert_eq!(unwrap_cell("=SUM(A1)"), "=SUM(A1)");
    }

    #[test]
    fn sanitize_strips_escapes_bidi_and_zero_width() {
        let hostile = "Hat\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[31m red\u{202E}txt\u{200B}\u{9b}2J";
        let clean = sanitize(hostile);
        assert!(!clean.chars().any(is_unsafe_char), "{clean:?}");
        assert_eq!(clean, "Hat]52;c;ZXZpbA==[31m redtxt2J");
        assert!(matches!(sanitize("智能手环 ok"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\tb\nc"), "a b c");
    }

    #[test]
    fn item_07_every_control_format_and_separator_character_is_unsafe() {
        // Unicode's own categories, from the regex crate's tables: Cc, Cf, Zl, Zp.
        let categories = regex::Regex::new(r"^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if categories.is_match(c.encode_utf8(&mut buf)) {
                assert!(is_unsafe_char(c), "U+{:04X} is Cc/Cf/Zl/Zp", c as u32);
            }
        }
        for c in ['\u{2028}', '\u{2029}', '\u{61C}', '\u{AD}', '\u{E0041}'] {
            assert_eq!(sanitize(&format!("a{c}b")), "ab", "U+{:04X}", c as u32);
        }
        // Letters, CJK, emoji and their presentation selectors are data, not controls.
        assert!(matches!(
            sanitize("夏季遮阳帽 ☀\u{FE0F} é"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn customer_ids_written_as_floats_are_one_customer() {
        assert_eq!(normalize_customer_id("17850.0").as_deref(), Some("17850"));
        assert_eq!(normalize_customer_id("17850").as_deref(), Some("17850"));
        assert_eq!(
            normalize_customer_id("C17850.5").as_deref(),
            Some("C17850.5")
        );
        assert_eq!(normalize_customer_id("12.5").as_deref(), Some("12.5"));
        assert_eq!(normalize_customer_id("  "), None);
    }
}
