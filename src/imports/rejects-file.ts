import { stringify, Stringifier } from 'csv-stringify';
import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * `<file>.rejects.csv`: `row,problem`, then the row's own columns, one line per rejected row. The
 * file is opened at the first reject, and writing waits when the disk is slower than the reading.
 */
export class RejectsFile {
  private csv?: Stringifier;
  private file?: WriteStream;

  constructor(
    private readonly path: string,
    private readonly columns: () => string[],
  ) {}

  async add(row: number, problem: string, cells: string[]): Promise<void> {
    if (!this.csv) {
      this.file = createWriteStream(this.path);
      this.csv = stringify({ escape_formulas: true, record_delimiter: '\r\n' });
      this.csv.pipe(this.file);
      this.csv.write(['row', 'problem', ...this.columns()]);
    }
    if (!this.csv.write([String(row), problem, ...cells])) await once(this.csv, 'drain');
  }

  async close(): Promise<void> {
    if (!this.csv || !this.file) return;
    this.csv.end();
    await once(this.file, 'close');
  }
}
