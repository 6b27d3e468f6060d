"""nikg.service: the FastAPI application."""
