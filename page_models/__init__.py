"""Page models: plain Python that turns query results into what a page draws
(tables, plotly figures, texts). Pages call one builder and draw its result;
no streamlit here, so builders are tested and benchmarked directly."""
