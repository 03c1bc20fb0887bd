"""Login and roles: the role table (`roles`), the users file (`users`) and how a user is recognised in each
`SITMAP_AUTH` mode (`identity`). No Streamlit here; the app's glue is `sitmap.ui.auth`."""
