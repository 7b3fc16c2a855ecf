# One image for every gearsync process; the compose file picks the command.
FROM node:20-bookworm-slim
ENV PUPPETEER_SKIP_DOWNLOAD=true \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    NODE_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/workers/package.json apps/workers/
COPY apps/sandbox/package.json apps/sandbox/
COPY apps/cli/package.json apps/cli/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/queue/package.json packages/queue/
COPY packages/platforms/package.json packages/platforms/
COPY packages/sync/package.json packages/sync/
COPY packages/runtime/package.json packages/runtime/
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json drizzle.config.ts ./
COPY apps apps
COPY packages packages
USER node
CMD ["npm", "start"]
