import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Figure } from './lib/stats';

const DIST = path.resolve(import.meta.dirname, '../.output/chrome-mv3');

/** Every JS file an entry loads: its scripts and, transitively, their static imports. */
function closure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(DIST, file), 'utf8');
    for (const match of source.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(path.posix.join(path.posix.dirname(file), match[1]!));
  };
  files.forEach(visit);
  return seen;
}

function htmlScripts(html: string): string[] {
  return [...fs.readFileSync(path.join(DIST, html), 'utf8').matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

const gz = (files: Set<string>) => [...files].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(DIST, f))).length, 0);

/** 4b. JavaScript per entry point, gzipped, as the browser loads it. */
export function bundleSizes(): Figure[] {
  const entries: [string, string[], string?][] = [
    ['side panel', htmlScripts('sidepanel.html'), '< 150 KB'],
    ['options page', htmlScripts('options.html')],
    ['service worker', ['background.js']],
    ['content script (injected on request)', ['content-scripts/content.js']],
  ];
  return [
    ...entries.map(([name, files, target]) => ({
      name: `JavaScript gzipped: ${name}`,
      unit: 'KB',
      values: [gz(closure(files)) / 1024],
      target,
    })),
    // What a stopped worker loads and compiles on every start, uncompressed: most of its start-up
    // time (bench/NOTES.md, "A cold worker").
    { name: 'Service worker script, uncompressed', unit: 'KB', values: [fs.statSync(path.join(DIST, 'background.js')).size / 1024] },
  ];
}
