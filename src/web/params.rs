//! The fields of a query string or a posted form, decoded strictly: bytes that are not
//! UTF-8 and a field given twice are refused with a clear message (never silently
//! replaced or overwritten), as the command line refuses undecodable input.

use crate::error::{Error, Result};
use crate::i18n;
use percent_encoding::percent_decode;
use std::collections::BTreeMap;

/// Field name → value. Blank values count as absent (see [`Params::get`]).
#[derive(Clone, Debug, Default)]
pub struct Params(BTreeMap<String, String>);

impl Params {
    /// Parses `application/x-www-form-urlencoded` text (a query string or a form body).
    /// (Refusals carry both languages; the page shows them in the server's.)
    pub fn parse(bytes: &[u8]) -> Result<Params> {
        let mut fields = BTreeMap::new();
        for pair in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let mut parts = pair.splitn(2, |b| *b == b'=');
            let key = decode(parts.next().unwrap_or_default(), "field")?;
            let value = decode(parts.next().unwrap_or_default(), &key)?;
            if fields.insert(key.clone(), value).is_some() {
                return Err(Error::bad_value(key, i18n::GIVEN_TWICE));
            }
        }
        Ok(Params(fields))
    }

    /// The value of `key`, trimmed; none when absent or blank.
    /// Sets `key` (a value the address itself gives, such as a download's period).
    pub fn set(&mut self, key: &str, value: &str) {
        self.0.insert(key.to_string(), value.to_string());
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.0
            .get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// The value as typed (for putting it back into a form), or empty.
    pub fn raw(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_default()
    }
}

fn decode(bytes: &[u8], place: &str) -> Result<String> {
    let plus_as_space: Vec<u8> = bytes
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_decode(&plus_as_space)
        .decode_utf8()
        .map(|t| t.into_owned())
        .map_err(|_| Error::bad_value(place, i18n::BAD_TEXT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plus_percent_and_utf8() {
        let p =
            Params::parse("name=%E5%BC%A0+%E4%BC%9F&amount=1.5&empty=".as_bytes()).expect("parses");
        assert_eq!(p.get("name").as_deref(), Some("张 伟"));
        assert_eq!(p.get("amount").as_deref(), Some("1.5"));
        assert_eq!(p.get("empty"), None);
        assert_eq!(p.get("missing"), None);
    }

    #[test]
    fn refuses_bad_bytes_and_repeated_fields() {
        let e = Params::parse(b"note=%FF%FE").unwrap_err();
        assert_eq!(e.to_string(), "note: is not valid UTF-8 text");
        let e = Params::parse(b"amount=1&amount=2").unwrap_err();
        assert_eq!(e.to_string(), "amount: is given twice");
    }
}
