# The crosstalk-kg app (CLI, HTTP API, built web UI) for docker-compose.yml, which ingests the
# bundled graph into Neo4j and serves it. Not built in this project's CI (no Docker engine there).
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && chown -R node:node /app
USER node
ENV NODE_ENV=production
EXPOSE 5173
CMD ["npx", "crosstalk", "serve", "--store", "neo4j", "--host", "0.0.0.0", "--port", "5173"]
