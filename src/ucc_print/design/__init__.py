"""Design system: units, colour and type tokens, page grids and the bundled font registry."""
