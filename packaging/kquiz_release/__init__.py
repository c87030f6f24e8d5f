"""Release helpers behind ``scripts/build-installer``: freeze with PyInstaller, then wrap per platform."""
