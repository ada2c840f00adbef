"""The only package besides dashboard.py and pages/ that imports streamlit:
cached access to the store and shared widgets."""
