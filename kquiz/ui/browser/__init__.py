"""The card browser window (Tools → Browse, Ctrl+B)."""
