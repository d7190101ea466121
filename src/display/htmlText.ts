/**
 * Text placed into HTML that a notebook or the site shows, made safe in one place: escaped element
 * content and attributes, JSON inside a <script> element, and element ids.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no `<` can end the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** Checks that `id` can name an element: a letter, then letters, digits, - or _. */
export function checkElementId(id: string): void {
  if (typeof id !== "string" || !/^[A-Za-z][\w-]*$/.test(id)) {
    throw new Error(`id must start with a letter and hold letters, digits, - or _, got ${JSON.stringify(id)}`);
  }
}
