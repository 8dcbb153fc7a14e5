"""Jobs beyond one command: distributed site tasks on Celery workers (and schedules)."""
