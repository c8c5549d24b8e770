"""Use cases shared by the window and the command line; each change is one transaction."""
