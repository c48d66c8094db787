// @ts-check
/** Accessible tables built through the DOM (no markup strings, so no figure can become HTML). */

/**
 * @param {string} caption
 * @param {string[]} head
 * @param {Array<Array<string | Node>>} rows
 * @param {number[]} numeric columns aligned right
 */
export function table(caption, head, rows, numeric = []) {
  const t = document.createElement('table');
  t.createCaption().textContent = caption;
  const tr = t.createTHead().insertRow();
  head.forEach((h, i) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    if (numeric.includes(i)) th.className = 'num';
    tr.append(th);
  });
  const body = t.createTBody();
  for (const row of rows) {
    const r = body.insertRow();
    row.forEach((cell, i) => {
      const td = i === 0 ? document.createElement('th') : document.createElement('td');
      if (i === 0) td.setAttribute('scope', 'row');
      if (numeric.includes(i)) td.className = 'num';
      td.append(cell);
      r.append(td);
    });
  }
  return t;
}

/** A RAG tag: colour and its word, never colour alone. @param {string} rag */
export function ragTag(rag) {
  const span = document.createElement('strong');
  const tone = { Green: 'green', Amber: 'amber', Red: 'red' }[rag] ?? 'grey';
  span.className = `tag tag--${tone}`;
  span.textContent = rag;
  return span;
}

/** Direction of travel as an arrow with its word. @param {string} direction */
export function direction(direction) {
  const arrow = { Improving: '↑', Deteriorating: '↓', 'No Noticeable Change': '→' }[direction] ?? '';
  return `${arrow ? `${arrow} ` : ''}${direction}`;
}

/** Every table on the page as one CSV (section, then the table's own rows), formulas escaped for spreadsheets. */
export function pageCsv() {
  const cell = (/** @type {string} */ v) => {
    const safe = /^[=+\-@\t\r]/.test(v) && !/^[−+-]?[\d£.,]+/.test(v) ? `'${v}` : v;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [];
  for (const t of /** @type {NodeListOf<HTMLTableElement>} */ (document.querySelectorAll('main table'))) {
    const section = t.caption?.textContent ?? '';
    for (const row of t.querySelectorAll('tr')) {
      lines.push([section, ...[...row.children].map((c) => c.textContent ?? '')].map(cell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
