"""Backend-neutral text setting: spans, measurement and the kinsoku line breaker."""
