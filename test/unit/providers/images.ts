import fs from 'node:fs';
import path from 'node:path';
import type { ImagePart } from '@/lib/providers/types';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/images');

/** The 8 × 6 red-and-blue picture, as Chromium encodes it (test/fixtures/images/README.md). */
export function fixtureImage(format: 'png' | 'jpeg' | 'webp'): ImagePart {
  const file = `red-blue-8x6.${format === 'jpeg' ? 'jpg' : format}`;
  return { mediaType: `image/${format}`, data: fs.readFileSync(path.join(DIR, file)).toString('base64') };
}

/** A PNG cut short: its header says 8 × 6, its data ends before IEND. */
export function truncatedPng(): ImagePart {
  const bytes = Buffer.from(fixtureImage('png').data, 'base64');
  return { mediaType: 'image/png', data: bytes.subarray(0, bytes.length - 20).toString('base64') };
}
