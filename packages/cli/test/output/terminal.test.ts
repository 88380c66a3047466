import { LocalStore, RunContext } from '@stowage/core';
import { colorEnabled, terminalStyle, terminalWidth } from '../../src/output/terminal';
import { assertBuilt, stowage, tempDir } from '../helpers/cli-process';
import { seedStore, type SeededStore } from '../helpers/seed-store';

const TTY = { write: () => true, isTTY: true, columns: 120 };
const PIPE = { write: () => true };
const BOLD = '\u001b[1m';

describe('colorEnabled', () => {
  describe('when no flag and no variable is set', () => {
    it('should colour a terminal and not a pipe', () => {
      expect([colorEnabled(TTY, {}), colorEnabled(PIPE, {})]).toEqual([true, false]);
    });
  });

  describe('when NO_COLOR is set', () => {
    it.each([
      ['1', false],
      ['0', false],
      ['anything', false],
      ['', true],
    ])('should treat NO_COLOR=%p as colour %p on a terminal', (value, expected) => {
      expect(colorEnabled(TTY, { NO_COLOR: value })).toBe(expected);
    });
  });

  describe('when FORCE_COLOR is set', () => {
    it.each([
      ['0', false],
      ['false', false],
      ['1', true],
      ['2', true],
      ['3', true],
      ['true', true],
    ])('should treat FORCE_COLOR=%p as colour %p, even on a pipe', (value, expected) => {
      expect(colorEnabled(PIPE, { FORCE_COLOR: value })).toBe(expected);
      expect(colorEnabled(TTY, { FORCE_COLOR: value })).toBe(expected);
    });

    it('should win over NO_COLOR, as in Node', () => {
      expect(colorEnabled(PIPE, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    });
  });

  describe('when --color or --no-color is given', () => {
    it('should win over every variable', () => {
      expect(colorEnabled(PIPE, { NO_COLOR: '1', FORCE_COLOR: '0' }, true)).toBe(true);
      expect(colorEnabled(TTY, { FORCE_COLOR: '3' }, false)).toBe(false);
    });
  });

  describe('when TERM is dumb', () => {
    it('should not colour a terminal', () => {
      expect(colorEnabled(TTY, { TERM: 'dumb' })).toBe(false);
    });
  });
});

describe('terminalWidth', () => {
  describe('when the stream is a terminal', () => {
    it('should take COLUMNS when it is a positive whole number, else the terminal width', () => {
      expect(terminalWidth(TTY, { COLUMNS: '80' })).toBe(80);
      expect(terminalWidth(TTY, { COLUMNS: 'wide' })).toBe(120);
      expect(terminalWidth(TTY, { COLUMNS: '0' })).toBe(120);
      expect(terminalWidth(TTY, {})).toBe(120);
    });
  });

  describe('when the stream is not a terminal', () => {
    it('should set no limit, whatever COLUMNS says', () => {
      expect(terminalWidth(PIPE, { COLUMNS: '40' })).toBeUndefined();
    });
  });

  describe('when --wide is given', () => {
    it('should set no limit on a terminal', () => {
      expect(terminalStyle(TTY, { COLUMNS: '40' }, { wide: true })).toEqual({
        color: true,
        width: undefined,
        wide: true,
      });
    });
  });
});

/** The built binary, its stdout marked as a terminal (fixtures/as-terminal.js) where stated. */
describe('stowage tables (terminal conventions)', () => {
  const dir = tempDir();
  const longName = 'nightly-retrain-of-the-ranking-model-for-team-a';
  let seeded: SeededStore;
  let longRun: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    assertBuilt();
    seeded = await seedStore(`${dir.path}/store`);
    const run = await RunContext.start({
      store: new LocalStore({ root: `${dir.path}/store` }),
      name: longName,
    });
    await run.logResults({ description: 'a result text long enough to be cut on a terminal' });
    longRun = (await run.complete()).id;
    env = { STOWAGE_STORE: `${dir.path}/store` };
  });
  afterAll(() => dir.remove());

  const table = async (
    args: string[],
    extraEnv: Record<string, string>,
    terminal = true,
  ): Promise<string[]> => {
    const { code, stdout, stderr } = await stowage(args, {
      cwd: dir.path,
      env: { ...env, ...extraEnv },
      terminal,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    return stdout.trimEnd().split('\n');
  };

  describe.each(['80', '40'])('when the terminal is %s columns wide', (columns) => {
    it('should print run ids and start times in full and let the name give way', async () => {
      const runs = JSON.parse(
        (await stowage(['runs', '--json'], { cwd: dir.path, env })).stdout,
      ) as { id: string; startedAt: string }[];
      const lines = await table(['runs'], { COLUMNS: columns });
      for (const run of runs) {
        const line = lines.find((l) => l.startsWith(`${run.id} `));
        expect(line).toContain(run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ''));
      }
      const long = lines.find((l) => l.startsWith(longRun)) ?? '';
      expect(long).toMatch(new RegExp(`^${longRun}  nightly…  completed  `));
      expect(long).not.toContain(longName);
    });

    it('should print artifact versions, creation times and run ids in full', async () => {
      const artifacts = JSON.parse(
        (await stowage(['artifacts', 'list', '--all', '--json'], { cwd: dir.path, env })).stdout,
      ) as { key: string; version: string; createdAt: string; producer: { runId: string } }[];
      const lines = await table(['artifacts', 'list', '--all'], { COLUMNS: columns });
      expect(lines).toHaveLength(artifacts.length + 1);
      for (const a of artifacts) {
        const line = lines.find((l) => l.includes(a.version)) ?? '';
        expect(line.startsWith(`${a.key} `)).toBe(true);
        expect(line).toContain(a.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ''));
        expect(line.endsWith(a.producer.runId)).toBe(true);
      }
      expect(lines.join('\n')).not.toMatch(/\d…/);
      expect(artifacts.map((a) => a.producer.runId)).toContain(seeded.trainRun);
    });
  });

  describe('when --wide is given on a 40-column terminal', () => {
    it('should cut nothing', async () => {
      const lines = await table(['runs', '--wide'], { COLUMNS: '40' });
      const long = lines.find((l) => l.startsWith(longRun)) ?? '';
      expect(long).toContain(`  ${longName}  completed  `);
      expect(long).toContain('description=a result text long enough to be cut on a terminal');
      expect(lines.join('\n')).not.toContain('…');
    });
  });

  describe('when stdout is a pipe', () => {
    it('should cut nothing, whatever COLUMNS says', async () => {
      const lines = await table(['runs'], { COLUMNS: '40' }, false);
      expect(lines.find((l) => l.startsWith(longRun))).toContain(longName);
    });
  });

  describe.each<[string, Record<string, string>, string[], boolean, boolean]>([
    ['a terminal', { NO_COLOR: '' }, [], true, true],
    ['a terminal with NO_COLOR=1', { NO_COLOR: '1' }, [], true, false],
    ['a terminal with FORCE_COLOR=0', { NO_COLOR: '', FORCE_COLOR: '0' }, [], true, false],
    ['a pipe with FORCE_COLOR=1', { FORCE_COLOR: '1' }, [], false, true],
    [
      'a pipe with FORCE_COLOR=1 and --no-color',
      { FORCE_COLOR: '1' },
      ['--no-color'],
      false,
      false,
    ],
    ['a terminal with NO_COLOR=1 and --color', { NO_COLOR: '1' }, ['--color'], true, true],
  ])('when stdout is %s', (_what, vars, flags, terminal, bold) => {
    it(`should ${bold ? '' : 'not '}bold the table header`, async () => {
      const lines = await table(['packagers', ...flags], vars, terminal);
      expect(lines[0]?.startsWith(BOLD)).toBe(bold);
      expect(lines[0]?.replace(BOLD, '')).toMatch(/^\s*#\s+PACKAGER\s/);
      expect(lines.join('\n').includes('\u001b')).toBe(bold);
    });
  });
});
