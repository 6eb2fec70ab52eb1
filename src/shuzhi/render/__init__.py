"""From validated facts to the report's Markdown, through Jinja2 templates."""
