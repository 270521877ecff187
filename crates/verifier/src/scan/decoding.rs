//! Reading a file's bytes into one reused buffer, and decoding them
//! (lossily, with the offset of the first invalid byte, for WW001).

use std::path::Path;

/// A read buffer reused across files: one `open`, `read`s and `close` per
/// file, no `stat` and no allocation for files that are not kept.
#[derive(Default)]
pub(super) struct Buffer {
    pub(super) data: Vec<u8>,
}

impl Buffer {
    /// Reads `path`'s bytes; `Err` when it cannot be read.
    pub(super) fn read(&mut self, path: &Path) -> std::io::Result<&[u8]> {
        use std::io::Read as _;
        let mut file = std::fs::File::open(path)?;
        let mut filled = 0;
        loop {
            if filled == self.data.len() {
                self.data.resize((self.data.len() * 2).max(64 * 1024), 0);
            }
            match file.read(&mut self.data[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(&self.data[..filled])
    }
}

/// A file's text: decoded lossily when it is not valid UTF-8 (each invalid
/// sequence becomes U+FFFD; the text before the first one is unchanged, so
/// offsets and lines up to there match the file).
pub(super) struct Text<'b> {
    pub(super) text: std::borrow::Cow<'b, str>,
    /// The offset of the first byte that is not valid UTF-8.
    pub(super) invalid_at: Option<usize>,
}

impl<'b> Text<'b> {
    pub(super) fn decode(bytes: &'b [u8]) -> Self {
        match std::str::from_utf8(bytes) {
            Ok(text) => Text {
                text: text.into(),
                invalid_at: None,
            },
            Err(error) => Text {
                text: String::from_utf8_lossy(bytes),
                invalid_at: Some(error.valid_up_to()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reuses_one_buffer_across_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = "x".repeat(100_000);
        std::fs::write(dir.path().join("big.ts"), &big).unwrap();
        std::fs::write(dir.path().join("small.ts"), "ab").unwrap();
        let mut buffer = Buffer::default();
        assert_eq!(
            buffer.read(&dir.path().join("big.ts")).unwrap().len(),
            100_000
        );
        assert_eq!(buffer.read(&dir.path().join("small.ts")).unwrap(), b"ab");
    }
}
