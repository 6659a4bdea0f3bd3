# The Folio gateway, built with tsc and run on Node 24 LTS.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# glibc's malloc: with its default (sliding) mmap threshold, each argon2 hash (19 MiB, one per login
# or password change, on a libuv thread) is kept in that thread's arena after it is freed, ~76 MB
# resident for good with libuv's 4 threads. A fixed threshold maps and unmaps every allocation of
# 1 MiB or more instead (measured: 40 hashes leave 77 MB more RSS by default, 1 MB with this).
ENV MALLOC_MMAP_THRESHOLD_=1048576
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
