import { Parser } from 'htmlparser2';
import { escapeHtml } from '../escape-html';
import { ANSWER_ATTRIBUTES, DROPPED_WITH_CONTENT, STAND_IN_ATTRIBUTES } from './answer-allowlist';

const KEPT: Readonly<Record<string, readonly string[]>> = { ...ANSWER_ATTRIBUTES, ...STAND_IN_ATTRIBUTES };
const VOID = new Set(['br', 'hr', 'img', 'input']);

const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/**
 * The answer's HTML rebuilt with only the elements and attributes it may keep, before any browser
 * parser sees it. Chromium checks the panel's Content Security Policy while it parses, even into an
 * inert document (DOMParser, `<template>`): every `style`, `on…` or `<base href>` in an answer would
 * log a CSP violation in the panel's console, although nothing runs or loads. Parsed here with
 * htmlparser2 instead, the markup reaching DOMPurify carries none of them, and a CSP violation in
 * the panel keeps meaning that something got past the sanitiser. DOMPurify (sanitize-answer.ts)
 * remains the sanitiser: this pass is not trusted to match the browser's parse, only to be quiet.
 */
export function prefilterHtml(html: string): string {
  let out = '';
  let dropped = 0; // depth inside an element dropped with its content
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropped || DROPPED_WITH_CONTENT.has(name)) {
          dropped++;
          return;
        }
        const kept = KEPT[name];
        if (!kept) return; // the element goes, its text stays
        out += `<${name}${kept
          .filter((attribute) => attribute in attributes)
          .map((attribute) => ` ${attribute}="${escapeHtml(attributes[attribute]!)}"`)
          .join('')}>`;
      },
      ontext(text) {
        if (!dropped) out += escapeText(text);
      },
      onclosetag(name) {
        if (dropped) dropped--;
        else if (KEPT[name] && !VOID.has(name)) out += `</${name}>`;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return out;
}
