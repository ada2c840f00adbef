"""Opinion surveys: Google Forms and Microsoft Forms exports read, stripped of personal data and
loaded as batches beside the indicators (docs/surveys.md)."""
