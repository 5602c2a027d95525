"""Content: staff-edited YAML and Markdown, validated into one model (see loader.load_project)."""
