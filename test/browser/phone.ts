import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A small phone held upright (an iPhone SE or mini's CSS width). */
export const PHONE = { width: 375, height: 740 };

/** The page never scrolls sideways: nothing is wider than the screen. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), where).toBeLessThanOrEqual(PHONE.width);
}

/** Opens the header's Menu (a phone's navigation) and returns the navigation it shows. */
export async function openMenu(page: Page, navName: string) {
  const menu = page.getByRole('button', { name: 'Menu' });
  expect(await menu.getAttribute('aria-expanded')).toBe('false');
  await menu.click();
  expect(await menu.getAttribute('aria-expanded')).toBe('true');
  const nav = page.getByRole('navigation', { name: navName });
  await nav.waitFor();
  return nav;
}

/** Each link of the open navigation is shown whole, inside the screen. */
export async function expectLinksOnScreen(page: Page, navName: string, names: readonly string[]): Promise<void> {
  const nav = page.getByRole('navigation', { name: navName });
  expect(await nav.getByRole('link').allTextContents()).toEqual(names);
  for (const name of names) {
    const link = nav.getByRole('link', { name, exact: true });
    expect(await link.isVisible(), name).toBe(true);
    const box = await link.boundingBox();
    expect(box, name).not.toBeNull();
    if (!box) continue;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(PHONE.width);
    expect(box.y + box.height, name).toBeLessThanOrEqual(PHONE.height);
  }
}

interface CellReport {
  text: string;
  problem: string;
}

// Runs in the page (a string: this project's type-check has no DOM library). For each table cell:
// inside the screen and its table's box, nothing inside it wider than it, and its visible label
// (`"Name" / ""`: the text, with empty alternative text for screen readers) naming its column.
const checkCells = `(screenWidth) => {
  const problems = [];
  const cells = [...document.querySelectorAll('table td')];
  for (const cell of cells) {
    const text = (cell.textContent ?? '').trim().slice(0, 40);
    const box = cell.getBoundingClientRect();
    const frame = cell.closest('.table-wrap')?.getBoundingClientRect();
    if (box.left < -0.5 || box.right > screenWidth + 0.5) problems.push({ text, problem: 'cell spans ' + box.left + '..' + box.right });
    if (frame && (box.left < frame.left - 0.5 || box.right > frame.right + 0.5)) problems.push({ text, problem: 'cell outside its table box' });
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push({ text, problem: 'content ' + cell.scrollWidth + ' px in a ' + cell.clientWidth + ' px cell' });
    for (const part of cell.querySelectorAll('*')) {
      const partBox = part.getBoundingClientRect();
      if (partBox.width > 0 && partBox.right > box.right + 0.5) problems.push({ text, problem: part.tagName + ' runs past the cell' });
    }
    const header = cell.closest('table')?.querySelectorAll('thead th')[cell.cellIndex];
    const headerText = header?.querySelector('.visually-hidden') ? '' : (header?.textContent ?? '').trim();
    const label = getComputedStyle(cell, '::before').content;
    if (headerText && !label.startsWith(JSON.stringify(headerText))) problems.push({ text, problem: 'labelled ' + label + ', column is ' + headerText });
  }
  return { cells: cells.length, problems };
}`;

/**
 * Every table cell on the page is shown whole: inside the screen and its table's box, its content
 * not wider than the cell, and labelled with its column's header (a phone shows rows as cards).
 * Returns how many cells were checked, so a caller can see the check saw the rows it expected.
 */
export async function expectNoClippedCells(page: Page, where: string): Promise<number> {
  const { cells, problems } = await page.evaluate<{ cells: number; problems: CellReport[] }>(`(${checkCells})(${PHONE.width})`);
  expect(problems, where).toEqual([]);
  return cells;
}
