"""ETL: reference data, the standard template, validation and loading."""
