import { renderFields, renderTable } from '../../src/output/table';
import type { TerminalStyle } from '../../src/output/terminal';

const PIPE: TerminalStyle = { color: false, width: undefined, wide: false };

interface Row {
  readonly name: string;
  readonly size: number;
}

const rows: Row[] = [
  { name: 'model', size: 1200 },
  { name: 'a-much-longer-name', size: 3 },
];
const columns = [
  { header: 'NAME', value: (r: Row) => r.name, shrink: true },
  { header: 'SIZE', value: (r: Row) => String(r.size), right: true },
];

describe('renderTable', () => {
  describe('when the output is not a terminal', () => {
    it('should align columns without colour or cutting', () => {
      const text = renderTable(rows, columns, PIPE);
      expect(text).toBe(
        [
          'NAME                SIZE',
          'model               1200',
          'a-much-longer-name     3',
          '',
        ].join('\n'),
      );
    });
  });

  describe('when the terminal is narrower than the table', () => {
    it('should cut the widest column that may shrink and bold the header', () => {
      const text = renderTable(rows, columns, { color: true, width: 16, wide: false });
      const lines = text.split('\n');
      expect(lines[0]).toBe('\u001b[1mNAME        SIZE\u001b[0m');
      expect(lines[2]).toBe('a-much-lo…     3');
    });

    it('should never cut a column that may not shrink, even if the table overflows', () => {
      const ids = [{ id: '20261207T031135221Z-nfqt22nvzg', name: 'a-long-run-name' }];
      const text = renderTable(
        ids,
        [
          { header: 'ID', value: (r) => r.id },
          { header: 'NAME', value: (r) => r.name, shrink: true },
        ],
        { color: false, width: 20, wide: false },
      );
      expect(text.split('\n')[1]).toBe('20261207T031135221Z-nfqt22nvzg  a-long-…');
    });
  });

  describe('when a cell holds a newline', () => {
    it('should keep the row on one line', () => {
      const text = renderTable([{ name: 'a\nb', size: 1 }], columns, PIPE);
      expect(text.split('\n')[1]).toBe('a b      1');
    });
  });
});

describe('renderFields', () => {
  describe('when some values are undefined', () => {
    it('should align the labels and skip the missing values', () => {
      expect(
        renderFields([
          ['id', 'r1'],
          ['status', 'completed'],
          ['error', undefined],
        ]),
      ).toBe('id:     r1\nstatus: completed\n');
    });
  });
});
