import { parse } from 'csv-parse';
import { createInterface } from 'node:readline';
import { isUtf8 } from 'node:buffer';
import { Readable, Transform } from 'node:stream';

/** One data row as read: its number (data rows from 1), its fields, and its own cells for a rejects file. */
export interface RawRow {
  row: number;
  record?: Record<string, unknown>;
  cells: string[];
  /** why the row could not be read into fields at all */
  problem?: string;
  /** every cell empty: nothing to import */
  empty?: boolean;
}

/** The file itself cannot be read (no header, a quote never closed): no row after it can be trusted. */
export class ImportFileError extends Error {}

export interface RowStream {
  /** the file's own column names (CSV) or a single `record` column (JSON lines) */
  columns(): string[];
  rows: AsyncIterable<RawRow>;
}

export function readRows(input: Readable, format: 'csv' | 'ndjson' | 'amazon-connect'): RowStream {
  const text = utf8Text(input);
  return format === 'csv' ? csvRows(text) : jsonLines(text);
}

/**
 * The file's bytes, passed on unchanged once checked to be UTF-8, and refused at the first chunk
 * that is not: a spreadsheet saved as "CSV" rather than "CSV UTF-8" (Windows-1252) would
 * otherwise load "£" and accents as U+FFFD. A character split between chunks waits for the next.
 */
function utf8Text(input: Readable): Readable {
  let carry = Buffer.alloc(0);
  let checked = 0;
  const text = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const end = wholeCharactersEnd(data);
      const whole = data.subarray(0, end);
      if (!isUtf8(whole)) return done(notUtf8(checked));
      carry = Buffer.from(data.subarray(end));
      checked += end;
      done(null, whole);
    },
    flush(done) {
      done(carry.length ? notUtf8(checked) : null);
    },
  });
  input.on('error', (e) => text.destroy(e));
  return input.pipe(text);
}

/** Where the last whole UTF-8 character of `data` ends: before a lead byte whose sequence runs past the end. */
function wholeCharactersEnd(data: Buffer): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 4); i--) {
    const byte = data[i];
    if (byte < 0x80) return data.length; // ASCII: nothing pending
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return i + length > data.length ? i : data.length;
    }
  }
  return data.length; // only continuation bytes: isUtf8 decides
}

function notUtf8(before: number): ImportFileError {
  return new ImportFileError(
    `the file is not UTF-8 text (in the ${before ? `bytes after the first ${before.toLocaleString('en-GB')}` : 'first bytes'}): save it as "CSV UTF-8" or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8`,
  );
}

/**
 * CSV as spreadsheets write it (csv-parse: RFC 4180 quotes, CRLF or LF, a byte-order mark). The
 * first record is the header; a row with another number of cells than the header is rejected,
 * not fatal, and so is a stray quote inside an unquoted cell (kept as text for the validator).
 */
function csvRows(input: Readable): RowStream {
  let header: string[] | undefined;
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }));
  input.on('error', (e) => parser.destroy(e));
  async function* rows(): AsyncGenerator<RawRow> {
    let row = 0;
    try {
      for await (const cells of parser as AsyncIterable<string[]>) {
        if (!header) {
          header = checkedHeader(cells);
          continue;
        }
        row++;
        if (cells.length !== header.length) {
          yield { row, cells, problem: `has ${cells.length} cells, the header has ${header.length}` };
          continue;
        }
        const record: Record<string, unknown> = {};
        for (let i = 0; i < header.length; i++) record[header[i]] = cells[i];
        yield { row, record, cells, empty: cells.every((c) => c.trim() === '') };
      }
    } catch (e) {
      if (e instanceof ImportFileError) throw e;
      // csv-parse's own errors (CSV_…) are the file's; anything else (the upload cut off, a disk error) is passed on.
      const code = String((e as { code?: unknown }).code);
      if (!code.startsWith('CSV_')) throw e;
      // The code, not csv-parse's message: that can quote a cell, and cells may be personal data.
      throw new ImportFileError(`CSV unreadable after data row ${row}: ${CSV_PROBLEMS[code] ?? code}`);
    }
    if (!header) throw new ImportFileError('the file is empty: a CSV needs a header row of field names');
  }
  return { columns: () => header ?? [], rows: rows() };
}

const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by more text in the same cell',
  CSV_MAX_RECORD_SIZE: 'a row is too large',
};

function checkedHeader(cells: string[]): string[] {
  const names = cells.map((c) => c.trim());
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (!n) throw new ImportFileError(`header cell ${i + 1} is empty: every column needs a name`);
    if (seen.has(n)) throw new ImportFileError(`header names column "${n}" twice`);
    seen.add(n);
  });
  return names;
}

/** One JSON object a line; blank lines are not rows. */
function jsonLines(input: Readable): RowStream {
  async function* rows(): AsyncGenerator<RawRow> {
    let row = 0;
    let first = true;
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      const line = first && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      first = false;
      if (!line.trim()) continue;
      row++;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        yield { row, cells: [line], problem: 'not valid JSON' };
        continue;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) yield { row, cells: [line], problem: 'not a JSON object' };
      else yield { row, record: record as Record<string, unknown>, cells: [line] };
    }
  }
  return { columns: () => ['record'], rows: rows() };
}
