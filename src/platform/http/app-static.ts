import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';

/** Where `npm run app:build` (Vite) puts the web app: app/dist at the project's root. */
const distDir = fileURLToPath(new URL('../../../app/dist', import.meta.url));

/**
 * The web app at `/app`, from its Vite build: hashed assets cached for a year, the page itself
 * never (so a new build is picked up at once), and any other path under /app answered with the
 * page, where the app's own screens take over. Without a build, a page that says how to make one.
 */
export function mountApp(app: Express, path = '/app'): void {
  app.use(path, (req, res, next) => {
    if (existsSync(`${distDir}/index.html`)) return next();
    res.status(503).type('text/plain').send('The web app is not built: run `npm run app:build` (npm start does it).');
  });
  app.use(`${path}/assets`, express.static(`${distDir}/assets`, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  app.get([path, `${path}/{*rest}`], (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(`${distDir}/index.html`);
  });
}
