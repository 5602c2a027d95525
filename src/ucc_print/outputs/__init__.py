"""Outputs: each a small recipe of components rendered by one backend and written atomically."""
