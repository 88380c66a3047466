import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnpackingError } from '@stowage/core';
import { main as chart } from './chart-packager';
import { main as csvReader, Table } from './csv-table-reader';
import { main as customPackagers } from './custom-packagers-config';
import { EvalSuite, main as evalSuite } from './eval-suite-packager';
import { main as magicBytes } from './magic-bytes-packager';
import { main as roundTrip, Point } from './point-round-trip';

describe('docs/writing-a-packager.md examples', () => {
  describe('when a chart is packed by a pack-only packager', () => {
    it('should store an svg plot and refuse to unpack it as a Chart', async () => {
      const { out, unpackError } = await chart();
      expect(out).toMatchObject({ kind: 'artifact', packager: 'charts.ChartPackager' });
      expect(out.kind === 'artifact' && out.artifact.fileName).toBe('chart.svg');
      expect(unpackError).toBeInstanceOf(UnpackingError);
      expect(unpackError).toMatchObject({ code: 'UNPACKING_NO_PACKAGER' });
    });
  });

  describe('when a csv file logged by hand is unpacked by an unpack-only packager', () => {
    it('should give a Table of its rows', async () => {
      const users = await csvReader();
      expect(users).toBeInstanceOf(Table);
      expect(users).toEqual(
        new Table(
          ['id', 'name'],
          [
            ['1', 'ada'],
            ['2', 'grace'],
          ],
        ),
      );
    });
  });

  describe('when a point makes the round trip as csv', () => {
    it('should record the packager and give back an equal Point', async () => {
      const { out, point } = await roundTrip();
      expect(out.kind === 'artifact' && out.artifact.packaging).toMatchObject({
        packager: 'geo.PointPackager',
        objectType: 'Point',
        artifactType: 'file',
        instructions: { format: 'csv' },
      });
      expect(point).toEqual(new Point(1, 2));
      expect(point).toBeInstanceOf(Point);
    });
  });

  describe('when an eval suite is logged with 1*evals and read back', () => {
    it('should log one output per table and bundle them into an EvalSuite', async () => {
      const { logged, suite } = await evalSuite();
      expect(logged.status).toBe('completed');
      expect(logged.results).toMatchObject({
        evals_squad: [[0.9, 0.8]],
        evals_trivia: [[0.7]],
        evals: { squad: [[0.9, 0.8]], trivia: [[0.7]] },
      });
      expect(suite).toEqual(new EvalSuite({ squad: [[0.9, 0.8]], trivia: [[0.7]] }));
      expect(suite).toBeInstanceOf(EvalSuite);
    });
  });

  describe('when a full-control packager checks the bytes', () => {
    it('should claim PNG bytes as a plot and leave other bytes to the builtins', async () => {
      const { png, other, back } = await magicBytes();
      expect(png).toMatchObject({ kind: 'artifact', packager: 'blobs.MagicBytes' });
      expect(png.kind === 'artifact' && png.artifact.fileName).toBe('image.png');
      expect(other.packager).not.toBe('blobs.MagicBytes');
      expect([...back]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    });
  });

  describe('when the custom packagers of a project are edited', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'docs-custom-packagers-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('should keep the added module and drop the removed one', async () => {
      expect(await customPackagers(root)).toEqual([
        { module: './src/packagers/image.packager#ImagePackager', mandatory: true },
      ]);
    });
  });
});
