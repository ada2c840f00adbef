"""The shared vocabulary: text folding, number parsing, and the one way numbers, years and verdicts are shown.

The bottom layer: every other package may import it; it imports nothing of the project.
"""
