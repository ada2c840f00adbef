"""Exports for the summary report (plain Python, no Streamlit).

* :mod:`report.sheets`: formula-safe XLSX and CSV (UTF-8 with BOM) writers;
* :mod:`report.images`: plotly figure -> PNG/SVG through one persistent kaleido renderer;
* :mod:`report.chart_data`: the data behind a figure, as a table;
* :mod:`report.findings`: "Kết quả đạt được" / "Hạn chế, yếu kém" sentences from the assessment;
* :mod:`report.content`, :mod:`report.docx_writer`, :mod:`report.pack`: the report pack
  (DOCX appendix, XLSX workbook, ZIP of PNG figures), also ``python -m report build``.
"""
