//! Text as people type it. Names (departments, groups, vouchers, the people who sign
//! changes) must look like what they are: a character that is invisible or that turns
//! the writing direction would let two names look alike and differ, so names refuse
//! them. Free text (descriptions, notes, reasons) keeps what was typed, and the table
//! and HTML views show those characters escaped ([`visible`]).

use std::borrow::Cow;

/// Whether `c` is invisible or changes the direction of the text around it: the
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F and
/// U+061C), the zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the other
/// invisible formatting characters (U+00AD, U+034F, U+115F, U+1160, U+17B4, U+17B5,
/// U+180E, U+2061–U+2064, U+206A–U+206F, U+3164, U+FFA0, U+FE00–U+FE0F).
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}'
        | '\u{17B5}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}')
}

/// The first hidden character of a name, as the problem to report.
pub fn name_problem(text: &str) -> Option<crate::i18n::Text> {
    text.chars()
        .find(|c| is_hidden(*c))
        .map(|c| crate::i18n::msg::hidden_character(format!("U+{:04X}", u32::from(c))))
}

/// `text` with every hidden character written as `⟨U+202E⟩`, for the views people read.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_named_and_made_visible() {
        assert_eq!(name_problem("区水利局"), None);
        assert!(name_problem("区水\u{200B}利局")
            .unwrap()
            .en()
            .contains("U+200B"));
        assert!(name_problem("admin\u{202E}nimda")
            .unwrap()
            .en()
            .contains("U+202E"));
        assert_eq!(visible("a\u{202E}b\u{FEFF}"), "a⟨U+202E⟩b⟨U+FEFF⟩");
        assert_eq!(visible("永川 (plain)"), "永川 (plain)");
        for c in [
            '\u{2066}', '\u{2069}', '\u{200E}', '\u{061C}', '\u{2060}', '\u{00AD}',
        ] {
            assert!(is_hidden(c), "{c:?}");
        }
        for c in ['a', '、', '（', ' ', '\u{3000}', '😀'] {
            assert!(!is_hidden(c), "{c:?}");
        }
    }
}
