//! One canonical spelling per department. A name that is not known but is close to a
//! known one (one contains the other, or they differ by a character or two) is most
//! likely a misspelling, and is refused with the suggestion unless the user says it is
//! really new.

/// What to make of a department name typed by a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spelling {
    Known(String),
    New(String),
    /// Close to these known names.
    Close {
        given: String,
        suggestions: Vec<String>,
    },
    Invalid(String),
}

fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known names close to `name`, closest first.
pub fn close_to(name: &str, known: &[String]) -> Vec<String> {
    let limit = if name.chars().count() >= 5 { 2 } else { 1 };
    let mut hits: Vec<(usize, &String)> = known
        .iter()
        .filter_map(|k| {
            let d = distance(name, k);
            let contained = !name.is_empty() && (k.contains(name) || name.contains(k.as_str()));
            (d <= limit || contained).then_some((d, k))
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(_, k)| k.clone()).collect()
}

/// Classifies `name` against the `known` departments.
pub fn check(name: &str, known: &[String], allow_new: bool) -> Spelling {
    let n = name.trim();
    if n.is_empty()
        || n.contains('、')
        || n.chars()
            .any(|c| c.is_control() || super::text::is_hidden(c))
        || n.chars().count() > 64
    {
        return Spelling::Invalid(n.to_string());
    }
    if known.iter().any(|k| k == n) {
        return Spelling::Known(n.to_string());
    }
    let suggestions = close_to(n, known);
    if suggestions.is_empty() || allow_new {
        Spelling::New(n.to_string())
    } else {
        Spelling::Close {
            given: n.to_string(),
            suggestions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        ["区水利局", "区生态环境局", "区交通局"]
            .map(String::from)
            .to_vec()
    }

    /// Edit distance in characters: a substitution, an insertion and a deletion cost one
    /// each.
    #[test]
    fn distance_counts_character_edits() {
        for (a, b, d) in [
            ("区水利局", "区水利局", 0),
            ("区水利局", "区水力局", 1),
            ("区水利局", "水利局", 1),
            ("水利局", "区水利局", 1),
            ("abc", "ab", 1),
            ("ab", "ba", 2),
            ("kitten", "sitting", 3),
            ("", "abc", 3),
            ("abc", "", 3),
        ] {
            assert_eq!(distance(a, b), d, "{a} {b}");
        }
    }

    /// An empty name is close to nothing (it is contained in every name).
    #[test]
    fn an_empty_name_is_close_to_nothing() {
        assert!(close_to("", &known()).is_empty());
        assert_eq!(close_to("水利", &known()), ["区水利局"]);
    }

    #[test]
    fn known_new_and_close_names() {
        assert_eq!(
            check("区水利局", &known(), false),
            Spelling::Known("区水利局".into())
        );
        assert_eq!(
            check("区气象局", &known(), false),
            Spelling::New("区气象局".into())
        );
        assert!(matches!(
            check("区水力局", &known(), false),
            Spelling::Close { .. }
        ));
        assert!(matches!(
            check("水利局", &known(), false),
            Spelling::Close { .. }
        ));
        assert!(matches!(
            check("区生态环境", &known(), false),
            Spelling::Close { .. }
        ));
        assert_eq!(
            check("区水力局", &known(), true),
            Spelling::New("区水力局".into())
        );
        assert!(matches!(
            check("a、b", &known(), true),
            Spelling::Invalid(_)
        ));
    }
}
