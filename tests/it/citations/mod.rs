mod finding;
mod resolving;
mod wording;
