//! Text encodings of data files (`encoding_rs`): a BOM always wins; otherwise the encoding
//! a mapping names (UTF-8 by default). Decoding is strict: a byte sequence that is not
//! valid in the encoding is an error at its line, never a replacement character.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use super::table::ImportError;

/// Text decoded from a file, and how.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// What was used, e.g. `UTF-8`, `UTF-16LE (BOM)`, `GBK`.
    pub read_as: String,
    /// Something the user should know (the file was read other than the mapping says).
    pub note: Option<String>,
}

/// An encoding by the name a mapping gives (any WHATWG label: `utf-8`, `gbk`, `gb18030`,
/// `utf-16le`, `utf-16be`, `utf-16`, `big5`, `shift_jis`, `windows-1252`, …).
pub fn by_name(name: &str) -> Option<&'static Encoding> {
    let n = name.trim().to_ascii_lowercase();
    match n.as_str() {
        "utf-8-bom" | "utf8-bom" | "utf-8 with bom" => Some(UTF_8),
        _ => Encoding::for_label(n.as_bytes()),
    }
}

/// Decodes `bytes` as `declared` says, with the BOM rule and the legacy-but-UTF-8 rule: a
/// file a mapping calls GBK, GB18030, windows-1252, … that is valid UTF-8 with non-ASCII
/// text is read as UTF-8 (text in those encodings is practically never valid UTF-8),
/// with a note saying so.
pub fn decode<'a>(
    file: &str,
    bytes: &'a [u8],
    declared: &'static Encoding,
) -> Result<Decoded<'a>, ImportError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let text = strict(file, enc, &bytes[bom_len..], BOM_HINT)?;
        return Ok(Decoded {
            text,
            read_as: format!("{} (BOM)", enc.name()),
            note: (enc != declared && declared != UTF_8).then(|| {
                format!(
                    "read as {} because the file starts with its byte order mark (the mapping names {})",
                    enc.name(),
                    declared.name()
                )
            }),
        });
    }
    let legacy = declared != UTF_8 && declared != UTF_16LE && declared != UTF_16BE;
    if legacy && !bytes.is_ascii() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                read_as: "UTF-8".into(),
                note: Some(format!(
                    "read as UTF-8, not {}: the file is valid UTF-8 text, which a {} export never is",
                    declared.name(),
                    declared.name()
                )),
            });
        }
    }
    Ok(Decoded {
        text: strict(file, declared, bytes, MAPPING_HINT)?,
        read_as: declared.name().to_string(),
        note: None,
    })
}

/// A native-layout file with a UTF-16 BOM, decoded to UTF-8 bytes; `None`: the bytes are
/// read as they are (the native reader reads UTF-8 and explains other encodings).
pub fn native_utf16(file: &str, bytes: &[u8]) -> Result<Option<Vec<u8>>, ImportError> {
    match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) if enc == UTF_16LE || enc == UTF_16BE => {
            let text = strict(file, enc, &bytes[bom_len..], BOM_HINT)?;
            Ok(Some(text.into_owned().into_bytes()))
        }
        _ => Ok(None),
    }
}

/// How `--detect` reads a header it knows nothing about: a BOM, else UTF-8 when valid,
/// else GB18030. `bytes` may be cut anywhere (a sample of the file's start).
pub fn sniff(bytes: &[u8]) -> (&'static Encoding, &'static str) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, "BOM");
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => (UTF_8, "valid UTF-8"),
        // A sample cut inside a character is still UTF-8.
        Err(e) if e.error_len().is_none() => (UTF_8, "valid UTF-8"),
        Err(_) => (GB18030, "not UTF-8"),
    }
}

/// What to check when text is not what the mapping said it is.
const MAPPING_HINT: &str =
    " (is the mapping's `encoding` right? `skudesk import --detect FILE` guesses it)";

/// What to check when text is not what its byte order mark said it is: no mapping was
/// asked, the mark decided.
const BOM_HINT: &str =
    " (the file starts with its byte order mark but its text is damaged here: export or save it again)";

fn strict<'a>(
    file: &str,
    enc: &'static Encoding,
    bytes: &'a [u8],
    hint: &str,
) -> Result<Cow<'a, str>, ImportError> {
    if enc == UTF_8 {
        return match std::str::from_utf8(bytes) {
            Ok(t) => Ok(Cow::Borrowed(t)),
            Err(e) => Err(bad_text(file, enc, &bytes[..e.valid_up_to()], "")),
        };
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, _read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(Cow::Owned(out)),
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => {
            Err(bad_text(file, enc, out.as_bytes(), hint))
        }
    }
}

fn bad_text(file: &str, enc: &'static Encoding, good: &[u8], hint: &str) -> ImportError {
    ImportError {
        file: file.to_string(),
        line: 1 + good.iter().filter(|&&b| b == b'\n').count() as u64,
        column: None,
        message: format!("is not valid {} text here{hint}", enc.name()),
        value: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        b
    }

    #[test]
    fn a_bom_wins_over_the_declared_encoding() {
        let bytes = utf16le("sku,qty\nA,1\n");
        let d = decode("f.csv", &bytes, GBK).unwrap();
        assert_eq!(d.text, "sku,qty\nA,1\n");
        assert_eq!(d.read_as, "UTF-16LE (BOM)");
        assert!(d.note.is_some());
    }

    #[test]
    fn gbk_decodes_and_bad_bytes_name_their_line() {
        let (gbk, _, _) = GBK.encode("订单编号,数量\n1,2\n");
        assert_eq!(decode("f", &gbk, GBK).unwrap().text, "订单编号,数量\n1,2\n");
        let mut bad = b"a,b\n1,2\n".to_vec();
        bad.extend([0x81, 0x20]);
        let e = decode("f", &bad, GBK).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = decode("f", b"a\n\xff\n", UTF_8).unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn a_utf8_file_called_gbk_is_read_as_utf8_and_says_so() {
        let d = decode("f", "订单编号\n".as_bytes(), GBK).unwrap();
        assert_eq!(d.text, "订单编号\n");
        assert!(d.note.unwrap().contains("UTF-8"));
    }

    #[test]
    fn names_and_sniffing() {
        assert_eq!(by_name("GBK"), Some(GBK));
        assert_eq!(by_name("utf-16"), Some(UTF_16LE));
        assert_eq!(by_name("utf-8-bom"), Some(UTF_8));
        assert_eq!(by_name("klingon"), None);
        assert_eq!(sniff("订单".as_bytes()).0, UTF_8);
        assert_eq!(
            sniff(&"订单".as_bytes()[..4]).0,
            UTF_8,
            "cut inside a character"
        );
        assert_eq!(sniff(&GBK.encode("订单编号").0).0, GB18030);
        assert_eq!(sniff(&utf16le("a")).0, UTF_16LE);
    }
}
