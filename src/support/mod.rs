//! What every stage uses and none owns: text (NFC, slugs, folding),
//! escaping, file names, diagnostics.
pub mod diagnostics;
pub mod escape;
pub mod fs;
pub mod text;
