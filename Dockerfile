# One image for every gearsync process; the compose file picks the command.
# Build stage: every dependency, then `npm run build` (tsc, every workspace, into its dist/).
FROM node:20-bookworm-slim AS build
ENV PUPPETEER_SKIP_DOWNLOAD=true
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
RUN npm ci --no-audit --no-fund
COPY tsconfig.build.json tsconfig.build-base.json ./
COPY scripts scripts
COPY apps apps
COPY packages packages
RUN npm run build

# Run stage: production dependencies only, and the compiled JavaScript (no TypeScript, no tsx).
FROM node:20-bookworm-slim
ENV PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    NODE_ENV=production
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/apps/api/package.json apps/api/
COPY --from=build /app/apps/workers/package.json apps/workers/
COPY --from=build /app/apps/sandbox/package.json apps/sandbox/
COPY --from=build /app/apps/cli/package.json apps/cli/
COPY --from=build /app/packages/core/package.json packages/core/
COPY --from=build /app/packages/db/package.json packages/db/
COPY --from=build /app/packages/queue/package.json packages/queue/
COPY --from=build /app/packages/platforms/package.json packages/platforms/
COPY --from=build /app/packages/sync/package.json packages/sync/
COPY --from=build /app/packages/runtime/package.json packages/runtime/
RUN PUPPETEER_SKIP_DOWNLOAD=true npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/workers/dist apps/workers/dist
COPY --from=build /app/apps/sandbox/dist apps/sandbox/dist
COPY --from=build /app/apps/cli/dist apps/cli/dist
COPY --from=build /app/packages/core/dist packages/core/dist
COPY --from=build /app/packages/db/dist packages/db/dist
COPY --from=build /app/packages/db/migrations packages/db/migrations
COPY --from=build /app/packages/queue/dist packages/queue/dist
COPY --from=build /app/packages/platforms/dist packages/platforms/dist
COPY --from=build /app/packages/sync/dist packages/sync/dist
COPY --from=build /app/packages/runtime/dist packages/runtime/dist
USER node
# `npm start`'s supervisor, on the compiled code (compose runs each stage as its own service instead).
CMD ["node", "--conditions=gearsync-dist", "apps/cli/dist/start.js"]
