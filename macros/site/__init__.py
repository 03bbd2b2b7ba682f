"""The site: MkDocs hooks, the build's state, the URL scheme, the generated pages, views and
templates, tables, charts, open data, the feed and the search index. Uses the records layer and
the archive."""
