//! The link stage: the loaded notices become an archive: citations and
//! relations both ways, bodies rendered with their citations linked,
//! taxonomies and listings.
pub mod archive;
pub mod citations;
pub mod linker;
pub mod markdown;
pub mod validity;
pub mod wording;
