//! The render stage: every page of the archive planned, rendered with the
//! theme's templates from plain views, in batches handed to a sink.
pub mod pages;
pub mod register;
pub mod relations;
pub mod relative;
pub mod renderer;
pub mod tasks;
pub mod theme;
pub mod views;
