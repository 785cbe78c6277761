import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Relative Markdown links of a page (`[text](path#anchor)`), without their anchors. */
function relativeLinks(page: string): string[] {
  const text = readFileSync(join(root, page), 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, ''));
}

describe('the README and the architecture page point inside the repository', () => {
  it('the README sends a newcomer to docs/architecture.md, not to a brief outside the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('](docs/architecture.md)');
    expect(readme).not.toMatch(/\.\.\/shared|DESIGN\.md/);
  });

  it('every relative link of README.md and docs/architecture.md names a file that exists', () => {
    for (const page of ['README.md', 'docs/architecture.md']) {
      for (const target of relativeLinks(page)) {
        expect(existsSync(resolve(root, dirname(page), target)), `${page} → ${target}`).toBe(true);
      }
    }
  });

  it('docs/architecture.md names only folders and files that exist', () => {
    const text = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const paths = [...text.matchAll(/`((?:src|test|bench)\/[\w./-]+)`/g)].map((match) => match[1] ?? '');
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) expect(existsSync(join(root, path)), path).toBe(true);
  });
});
