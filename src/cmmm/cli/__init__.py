"""Command-line edge: parse arguments, call the model, engine and services, print the outcome."""
