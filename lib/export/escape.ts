/** HTML escaping for text that the export writes into markup. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes `&`, `<`, `>`, `"` and `'`, so the result is inert both as element text and inside a
 * double- or single-quoted attribute value.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/**
 * Escapes `&`, `<` and `>` only, which is enough for text inside an element such as `<template>`
 * and keeps JSON with many quotes short. Not safe inside an attribute value.
 */
export function escapeElementText(text: string): string {
  return text.replace(/[&<>]/g, (character) => HTML_ESCAPES[character]);
}

/**
 * Returns an id fragment made only of ASCII letters, digits, `-` and `_`, so it can be used in
 * `id`, `for` and `aria-controls` attributes and in `#` links. Other characters become `_`.
 */
export function toIdFragment(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}
