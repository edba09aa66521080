FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY matching ./matching
RUN pip install . && useradd --create-home careerbot && mkdir -p /app/data && chown careerbot /app/data
USER careerbot

# The models and the catalogue ship inside the image; the index is built into /app/data.
CMD ["careerbot", "run"]
