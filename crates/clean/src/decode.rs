//! Bytes to text: BOMs, declared charsets (transport header, `<meta>`),
//! detection when nothing is declared, and refusal of binary content.

use std::borrow::Cow;

use encoding_rs::Encoding;

use crate::CleanError as AnalyzeError;

/// Decoded text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding used, when it was not plain UTF-8.
    pub note: Option<String>,
}

/// Decodes a document's bytes.
///
/// Order: BOM; valid UTF-8; the declared charset (`declared`, then a
/// `<meta>` charset when `html`); detection with chardetng.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<Decoded, AnalyzeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AnalyzeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(
            text,
            (enc != encoding_rs::UTF_8).then(|| format!("decoded as {}", enc.name())),
        );
    }
    check_binary(bytes)?;
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(Cow::Borrowed(s), None);
    }
    let meta = if html { meta_charset(bytes) } else { None };
    let label = declared.map(str::to_string).or(meta);
    if let Some(enc) = label
        .as_deref()
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
    {
        // A declared UTF-8 that is not valid UTF-8 is a wrong declaration:
        // fall through to detection.
        if enc != encoding_rs::UTF_8 {
            let (text, _, _) = enc.decode(bytes);
            return finish(text, Some(format!("decoded as declared {}", enc.name())));
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, malformed) = enc.decode(bytes);
    if malformed && enc == encoding_rs::UTF_8 {
        return Err(AnalyzeError::Undecodable);
    }
    finish(text, Some(format!("detected {}", enc.name())))
}

fn finish(text: Cow<'_, str>, note: Option<String>) -> Result<Decoded, AnalyzeError> {
    if text.trim().is_empty() {
        return Err(AnalyzeError::Empty);
    }
    Ok(Decoded {
        text: text.into_owned(),
        note,
    })
}

/// Refuses content that is not text: NUL bytes or many control bytes in
/// the first 64 KiB (UTF-16 without a BOM is refused too).
fn check_binary(bytes: &[u8]) -> Result<(), AnalyzeError> {
    let head = &bytes[..bytes.len().min(65536)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    let share = control as f64 / head.len().max(1) as f64;
    if head.contains(&0) || share > 0.05 {
        let percent = (share * 100.0).round();
        return Err(AnalyzeError::Binary {
            control_percent: percent as u32,
        });
    }
    Ok(())
}

/// The charset of `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`
/// in the first 8 KiB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let at = from + i + 7;
        let rest = &lower[at..];
        let rest = rest
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .copied()
            .collect::<Vec<_>>();
        if rest.first() == Some(&b'=') {
            let v: String = rest[1..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .map(|&b| b as char)
                .collect();
            if !v.is_empty() {
                return Some(v);
            }
        }
        from = at;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_and_windows_1252_without_declaration() {
        let bytes = b"Le pr\xe9sident fran\xe7ais a d\xe9clar\xe9 \x93oui\x94 \xe0 la presse, puis il est parti \xe0 Gen\xe8ve.";
        let d = decode(bytes, None, false).expect("decodes");
        assert!(d.text.contains("président français"), "{}", d.text);
        assert!(d.text.contains("“oui”"), "{}", d.text);
    }

    #[test]
    fn uses_declared_and_meta_charsets() {
        let html = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body></html>";
        let d = decode(html, None, true).expect("decodes");
        assert!(d.text.contains("Привет"), "{}", d.text);
        let d = decode(
            b"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0",
            Some("koi8-r"),
            false,
        )
        .expect("decodes");
        assert!(d.note.as_deref().is_some_and(|n| n.contains("KOI8-R")));
    }

    #[test]
    fn handles_boms() {
        let d = decode(b"\xEF\xBB\xBFhello", None, false).expect("decodes");
        assert_eq!(d.text, "hello");
        let d = decode(b"\xFF\xFEh\x00i\x00", None, false).expect("decodes");
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn refuses_binary_and_empty() {
        assert!(matches!(
            decode(b"\x00\x01\x02\x03PNG", None, false),
            Err(AnalyzeError::Binary { .. })
        ));
        assert!(matches!(
            decode(b"   \n\t", None, false),
            Err(AnalyzeError::Empty)
        ));
        assert!(matches!(decode(b"", None, false), Err(AnalyzeError::Empty)));
    }
}
