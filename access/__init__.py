"""Sign-in and roles, in plain Python (no Streamlit): password hashes, the user
list from ``.streamlit/secrets.toml``, throttling of failed attempts."""
