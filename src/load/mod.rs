//! The load stage: site.toml, front matter fields, walking `content/`,
//! the checks of single notices and of notices against each other, and the
//! parse cache.
pub mod config;
pub mod fields;
pub mod front_matter;
pub mod site;
