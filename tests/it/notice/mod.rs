mod front_matter;
mod hostile;
