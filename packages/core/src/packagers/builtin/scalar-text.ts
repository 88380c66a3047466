import { UnpackingError } from '../../errors/unpacking.error';

/** A builtin scalar kind written as a one-line text file. @internal */
export type ScalarKind = 'number' | 'boolean' | 'bigint' | 'date' | 'nullish';

/** Writes a scalar as exact text (`-0`, `NaN`, `Infinity`, ISO dates, `undefined`). @internal */
export function scalarToText(kind: ScalarKind, value: unknown): string {
  switch (kind) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'date': {
      const d = value as Date;
      return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
    }
    case 'nullish':
      return value === undefined ? 'undefined' : 'null';
    default:
      return String(value);
  }
}

/**
 * Reads a scalar back from its text.
 *
 * @throws UnpackingError (`SCALAR_INVALID`) when the text is not a value of that kind.
 */
export function scalarFromText(kind: ScalarKind, raw: string, where: string): unknown {
  const text = raw.trim();
  const fail = (): never => {
    throw new UnpackingError(
      `The file ${where} does not hold a ${kind} (it starts with ${JSON.stringify(text.slice(0, 40))}).`,
      {
        code: 'SCALAR_INVALID',
        details: { where, kind },
        fix: `Unpack it as the type it was logged as, or check that the file holds one ${kind}.`,
      },
    );
  };
  switch (kind) {
    case 'number': {
      const n = Number(text);
      if (text === '' || (Number.isNaN(n) && text !== 'NaN')) fail();
      return n;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : fail();
    case 'bigint':
      if (!/^-?\d+$/.test(text)) fail();
      return BigInt(text);
    case 'date': {
      const d = new Date(text);
      if (Number.isNaN(d.getTime()) && text !== 'Invalid Date') fail();
      return d;
    }
    case 'nullish':
      return text === 'undefined' ? undefined : text === 'null' || text === '' ? null : fail();
  }
}
