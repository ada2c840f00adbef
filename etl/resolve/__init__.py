"""Resolving what was read: names to codes, year labels, numbers and their convention, validation."""
