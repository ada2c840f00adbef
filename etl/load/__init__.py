"""Loading: the check-and-load pipeline, diffs against the store, confirmed aliases, console reports."""
