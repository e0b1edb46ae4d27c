//! What every stage uses and none owns: text (NFC, slugs), diagnostics.
pub mod diagnostics;
pub mod text;
