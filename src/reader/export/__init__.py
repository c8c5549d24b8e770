"""Pure renderers from `core` data to briefs (Markdown, HTML) and W3C Web Annotation JSON-LD.

Nothing here touches the database, Qt or the file system beyond reading a template it is
handed: the service gathers the data, these modules turn it into text, so the same brief comes
out of the window, the command line and the tests byte for byte.
"""
