"""The map page: the map, its time bar, sidebar filters, report panel, timeline, list and downloads."""
