"""The dashboard's Streamlit code (the only Streamlit imports in sitmap): app.py wires these modules."""
