"""Dialogs: settings, about, custom study, keyboard help."""
