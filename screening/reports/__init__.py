"""PDF reports: data building (summary, screening_data), SVG charts, HTML and PDF.

Rendering runs only in `screening.tasks.render_report`; `services.request_report`
is the only place that enqueues it.
"""
