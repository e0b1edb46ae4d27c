//! What every stage shares: the notice and its front matter, and the
//! files of a built site.
pub mod files;
pub mod notice;
pub mod number;
pub mod relation;
pub mod task;
