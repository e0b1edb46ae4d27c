//! The write stage: files into a new folder beside the output, swapped in
//! whole; the build records kept for the next build.
pub mod bundle;
pub mod output;
pub mod records;
