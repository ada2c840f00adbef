"""Names vulture (the dead-code check in `make lint`) cannot see used; each says why.

Not imported by anything: vulture reads this file beside the code.
"""

# python-docx and openpyxl objects are configured by assigning their properties.
_.alignment  # noqa
_.base_style  # noqa
_.different_first_page_header_footer  # noqa
_.errorTitle  # noqa
_.fill  # noqa
_.first_line_indent  # noqa
_.formatColumns  # noqa
_.formatRows  # noqa
_.header_distance  # noqa
_.keep_with_next  # noqa
_.line_spacing  # noqa
_.page_height  # noqa
_.page_width  # noqa
_.rgb  # noqa
_.sheet_state  # noqa
_.showErrorMessage  # noqa
_.space_after  # noqa
_.space_before  # noqa
# report.images overrides kaleido's private hook of this name (docs/export.md).
_._return_kaleido_tab  # noqa
# Streamlit caches key on every argument: these arguments exist to invalidate the cache.
snapshot  # noqa
mtime  # noqa
# pytest reads module-level marks by this name.
pytestmark  # noqa
# A field of the submission status shown nowhere yet but kept with the record it describes.
_.first_received  # noqa
# A survey answer's fields are written with vars() into survey_answers (etl/load/surveys/pipeline.py).
_.scale_order  # noqa
# python-docx properties set on paragraphs, tables and runs of the report's draft (report.draft_docx).
_.left_indent  # noqa
_.right_indent  # noqa
_.autofit  # noqa
_.highlight_color  # noqa

# The load test's samples are written with dataclasses.asdict (bench/load_stats.py).
_.session  # noqa
