"""Reference data: the catalogue, the unit registry and its changes, targets, senders, rounds, events, templates."""
