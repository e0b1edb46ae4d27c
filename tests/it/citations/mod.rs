mod finding;
mod resolving;
