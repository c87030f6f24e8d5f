"""The command line: a second front on the same core as the desktop app."""
