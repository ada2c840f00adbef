"""Exports for the summary report (plain Python, no Streamlit).

* :mod:`report.sheets`: formula-safe XLSX and CSV (UTF-8 with BOM) writers;
* :mod:`report.images`: plotly figure -> PNG/SVG through one persistent kaleido renderer;
* :mod:`report.chart_data`: the data behind a figure, as a table;
* :mod:`report.outline`, :mod:`report.letterhead`, :mod:`report.draft`, :mod:`report.draft_docx`: the
  review report's draft in the outline (data/reference/report_outline.csv), for one issuing body;
* :mod:`report.content`, :mod:`report.docx_writer`, :mod:`report.pack`: the report pack
  (draft, DOCX appendix, XLSX workbook, ZIP of PNG figures), also ``python -m report build``.
"""
