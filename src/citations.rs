//! Document numbers: how they compare.

use unicode_normalization::UnicodeNormalization;

/// The form under which two document numbers are the same: NFC, lowercase,
/// without spaces (`45-TB/BDVTU`, `45-tb/bdvtu` and `45 - TB/BDVTU` agree).
pub fn number_key(number: &str) -> String {
    number
        .nfc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}
