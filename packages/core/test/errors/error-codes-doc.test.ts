import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/errors/error-codes';

const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'errors.md'), 'utf8');

describe('docs/errors.md', () => {
  describe('when compared with ERROR_CODES', () => {
    it.each(Object.keys(ERROR_CODES))('should document %s', (code) => {
      expect(doc).toContain(`\`${code}\``);
    });
  });
});
