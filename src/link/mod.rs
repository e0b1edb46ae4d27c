//! The link stage: the loaded notices become an archive: citations and
//! relations both ways, bodies rendered with their citations linked,
//! taxonomies and listings.
pub mod archive;
pub mod citations;
pub mod deadline;
pub mod linker;
pub mod markdown;
pub mod task_list;
pub mod tasks;
pub mod units;
pub mod validity;
pub mod wording;
