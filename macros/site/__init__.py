"""What the site publishes (the registry of pages and files), its URLs, and its pages as Markdown and HTML; pure."""
