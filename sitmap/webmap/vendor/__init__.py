"""Browser libraries with no Python wheel, kept in the repository (each folder says where it came from)."""
