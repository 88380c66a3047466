import { html } from '../../src/html/html';
import { headedTable } from '../../src/html/table';

describe(headedTable, () => {
  describe('when given headings and rows', () => {
    it('should put each heading in a column header and the rows in the body, in order', () => {
      const text = headedTable(
        ['name', html`<em>size</em>`],
        [
          html`<tr>
            <td>a</td>
          </tr>`,
          html`<tr>
            <td>b</td>
          </tr>`,
        ],
      ).text;
      const squeezed = text.replace(/>\s+</g, '><');
      expect(squeezed).toBe(
        '<table><thead><tr><th scope="col">name</th><th scope="col"><em>size</em></th></tr></thead>' +
          '<tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>',
      );
    });
  });

  describe('when a heading holds markup characters', () => {
    it('should escape a plain-string heading and the class name', () => {
      const text = headedTable(['<b>&'], [], { className: 'x"y' }).text;
      expect(text).toContain('<th scope="col">&lt;b&gt;&amp;</th>');
      expect(text).toContain('<table class="x&quot;y">');
      expect(text).not.toContain('<b>');
    });
  });
});
