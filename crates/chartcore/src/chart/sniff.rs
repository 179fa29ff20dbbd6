//! Go's `net/http.DetectContentType`, which Helm uses to tell why a chart
//! archive is not one (`got 'application/octet-stream'`).

/// Go's answer for the first bytes of a file (at most 512 are looked at).
pub(crate) fn detect_content_type(data: &[u8]) -> &'static str {
    let data = &data[..data.len().min(512)];
    let first_non_ws = data
        .iter()
        .position(|b| !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' '))
        .unwrap_or(data.len());
    let text = &data[first_non_ws..];
    for sig in HTML_SIGS {
        if html_sig_matches(text, sig.as_bytes()) {
            return "text/html; charset=utf-8";
        }
    }
    if text.starts_with(b"<?xml") {
        return "text/xml; charset=utf-8";
    }
    for (prefix, ct) in EXACT_SIGS {
        if data.starts_with(prefix) {
            return ct;
        }
    }
    for (mask, pat, ct) in MASKED_SIGS {
        if data.len() >= pat.len()
            && data
                .iter()
                .zip(mask.iter().zip(pat.iter()))
                .all(|(d, (m, p))| d & m == *p)
        {
            return ct;
        }
    }
    if is_mp4(data) {
        return "video/mp4";
    }
    if data.starts_with(b"\x1A\x45\xDF\xA3") {
        return "video/webm";
    }
    if data.len() >= 36 && &data[34..36] == b"LP" {
        return "application/vnd.ms-fontobject";
    }
    for (prefix, ct) in LATE_EXACT_SIGS {
        if data.starts_with(prefix) {
            return ct;
        }
    }
    // Go's textSig: no binary control bytes.
    if data.iter().any(|&b| {
        b <= 0x08 || b == 0x0b || (0x0e..=0x1a).contains(&b) || (0x1c..=0x1f).contains(&b)
    }) {
        return "application/octet-stream";
    }
    "text/plain; charset=utf-8"
}

const HTML_SIGS: &[&str] = &[
    "<!DOCTYPE HTML",
    "<HTML",
    "<HEAD",
    "<SCRIPT",
    "<IFRAME",
    "<H1",
    "<DIV",
    "<FONT",
    "<TABLE",
    "<A",
    "<STYLE",
    "<TITLE",
    "<B",
    "<BODY",
    "<BR",
    "<P",
    "<!--",
];

/// A case-insensitive tag followed by a space or `>`.
fn html_sig_matches(text: &[u8], sig: &[u8]) -> bool {
    if text.len() < sig.len() + 1 {
        return false;
    }
    let head_ok = sig.iter().zip(text).all(|(s, t)| {
        if s.is_ascii_uppercase() {
            t & 0xDF == *s
        } else {
            t == s
        }
    });
    head_ok && matches!(text[sig.len()], b' ' | b'>')
}

const EXACT_SIGS: &[(&[u8], &str)] = &[
    (b"%PDF-", "application/pdf"),
    (b"%!PS-Adobe-", "application/postscript"),
];

/// (mask, pattern, type), checked after the exact signatures above.
const MASKED_SIGS: &[(&[u8], &[u8], &str)] = &[
    (
        b"\xFF\xFF\x00\x00",
        b"\xFE\xFF\x00\x00",
        "text/plain; charset=utf-16be",
    ),
    (
        b"\xFF\xFF\x00\x00",
        b"\xFF\xFE\x00\x00",
        "text/plain; charset=utf-16le",
    ),
    (
        b"\xFF\xFF\xFF\x00",
        b"\xEF\xBB\xBF\x00",
        "text/plain; charset=utf-8",
    ),
    (b"\xFF\xFF\xFF\xFF", b"\x00\x00\x01\x00", "image/x-icon"),
    (b"\xFF\xFF\xFF\xFF", b"\x00\x00\x02\x00", "image/x-icon"),
    (b"\xFF\xFF", b"BM", "image/bmp"),
    (b"\xFF\xFF\xFF\xFF\xFF\xFF", b"GIF87a", "image/gif"),
    (b"\xFF\xFF\xFF\xFF\xFF\xFF", b"GIF89a", "image/gif"),
    (
        b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF\xFF\xFF",
        b"RIFF\x00\x00\x00\x00WEBPVP",
        "image/webp",
    ),
    (
        b"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF",
        b"\x89PNG\x0D\x0A\x1A\x0A",
        "image/png",
    ),
    (b"\xFF\xFF\xFF", b"\xFF\xD8\xFF", "image/jpeg"),
    (
        b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        b"FORM\x00\x00\x00\x00AIFF",
        "audio/aiff",
    ),
    (b"\xFF\xFF\xFF", b"ID3", "audio/mpeg"),
    (b"\xFF\xFF\xFF\xFF\xFF", b"OggS\x00", "application/ogg"),
    (
        b"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF",
        b"MThd\x00\x00\x00\x06",
        "audio/midi",
    ),
    (
        b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        b"RIFF\x00\x00\x00\x00AVI ",
        "video/avi",
    ),
    (
        b"\xFF\xFF\xFF\xFF\x00\x00\x00\x00\xFF\xFF\xFF\xFF",
        b"RIFF\x00\x00\x00\x00WAVE",
        "audio/wave",
    ),
];

/// Checked after the MP4 and font checks.
const LATE_EXACT_SIGS: &[(&[u8], &str)] = &[
    (b"\x00\x01\x00\x00", "font/ttf"),
    (b"OTTO", "font/otf"),
    (b"ttcf", "font/collection"),
    (b"wOFF", "font/woff"),
    (b"wOF2", "font/woff2"),
    (b"\x1F\x8B\x08", "application/x-gzip"),
    (b"PK\x03\x04", "application/zip"),
    (b"Rar!\x1A\x07\x00", "application/x-rar-compressed"),
    (b"Rar!\x1A\x07\x01\x00", "application/x-rar-compressed"),
    (b"\x00\x61\x73\x6D", "application/wasm"),
];

/// Go's `mp4Sig`: an `ftyp` box naming an `mp4` brand.
fn is_mp4(data: &[u8]) -> bool {
    if data.len() < 12 {
        return false;
    }
    let box_size = u32::from_be_bytes([data[0], data[1], data[2], data[3]]) as usize;
    if data.len() < box_size || !box_size.is_multiple_of(4) || &data[4..8] != b"ftyp" {
        return false;
    }
    (8..box_size)
        .step_by(4)
        .filter(|&st| st != 12)
        .any(|st| data.get(st..st + 3) == Some(b"mp4"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_like_go() {
        let mut padded = [0u8; 512];
        padded[..6].copy_from_slice(b"hello\n");
        assert_eq!(detect_content_type(&padded), "application/octet-stream");
        assert_eq!(
            detect_content_type(&[b'a'; 600]),
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            detect_content_type(b"  <html><body>"),
            "text/html; charset=utf-8"
        );
        assert_eq!(detect_content_type(b"PK\x03\x04rest"), "application/zip");
        assert_eq!(detect_content_type(b"%PDF-1.4"), "application/pdf");
    }
}
