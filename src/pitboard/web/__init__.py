"""The site and the JSON API (`pitboard serve`): FastAPI, server-rendered pages, SVG charts."""
