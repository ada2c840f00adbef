"""Reading files: sniffing, grids, legacy encodings, the template and free layouts, into raw cells."""
