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
# V8's heap, sized for a gateway rather than for V8's defaults on a large machine (a 4 GB limit,
# old space grown to ~4x what is live, a young generation of 2 x 64 MB): with these, RSS under the
# bench's soak stayed ~250 MB instead of 400-550 MB (bench/README.md, "Memory soak"). A live heap
# past 1 GB now ends the process (out of memory) instead of growing: restart it and find the leak.
CMD ["node", "--max-old-space-size=1024", "--max-semi-space-size=16", "dist/src/main.js"]
