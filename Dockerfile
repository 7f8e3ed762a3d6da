# The vanban HTTP API (and CLI) in one image.
#   docker build -t vanban .
#   docker run -p 8000:8000 -e VANBAN_STORE=bolt://neo4j:7687 -e NEO4J_PASSWORD=… vanban
# Without VANBAN_STORE the API uses an embedded FalkorDBLite file at /data/vanban.db.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VANBAN_DB=/data/vanban.db

RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY vanban ./vanban
RUN pip install .

RUN useradd --create-home --uid 1000 vanban && mkdir -p /data && chown vanban /data
USER vanban
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=5 \
    CMD curl -fsS http://127.0.0.1:8000/health || exit 1

CMD ["uvicorn", "--factory", "vanban.api.app:create_app", "--host", "0.0.0.0", "--port", "8000"]
