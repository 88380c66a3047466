import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BenchCase, type SubResult, scaled } from '../bench-case';
import { makeFloat64Array } from '../baselines/npy-header';
import { interleave, ratioOutcome, timeMs, toMegabytesPerSecond } from '../harness';
import { findExports } from '../subjects/load';
import { type StowagePacker, s3Connection, s3Endpoint, s3Packer } from '../subjects/stowage';

/** The large array (full run): 256 MiB, a multipart upload. */
const LARGE_BYTES = 256 * 2 ** 20;
/** The small array (full run): 1 MiB, one PutObject. */
const SMALL_BYTES = 2 ** 20;

/** The part size and queue `S3Store` uses by default; the bare upload uses the same. */
interface UploadTuning {
  readonly partSize: number;
  readonly queueSize: number;
}

/** Packs `array` through the S3 store then unpacks it; milliseconds for the round trip. */
async function stowageRoundTrip(
  packer: StowagePacker,
  array: Float64Array,
  key: string,
): Promise<number> {
  let ref: unknown;
  let back: unknown;
  const ms = await timeMs(async () => {
    ref = await packer.pack(array, key);
    back = await packer.unpack(ref, Float64Array);
  });
  if (!(back instanceof Float64Array) || back.length !== array.length)
    throw new Error('the S3 store round trip returned the wrong value');
  await packer.remove(ref);
  return ms;
}

/**
 * Puts the same bytes with the bare SDK (PutObject below the part size, lib-storage's `Upload`
 * at or above it, as `S3Store` does) and gets them back into one buffer; milliseconds.
 */
async function sdkRoundTrip(
  client: S3Client,
  bucket: string,
  array: Float64Array,
  key: string,
  tuning: UploadTuning,
): Promise<number> {
  const body = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  let back: Buffer | undefined;
  const ms = await timeMs(async () => {
    if (body.byteLength < tuning.partSize)
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
        }),
      );
    else
      await new Upload({
        client,
        partSize: tuning.partSize,
        queueSize: tuning.queueSize,
        params: { Bucket: bucket, Key: key, Body: body },
      }).done();
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const out = Buffer.allocUnsafe(got.ContentLength ?? 0);
    let filled = 0;
    for await (const chunk of got.Body as AsyncIterable<Buffer>) {
      chunk.copy(out, filled);
      filled += chunk.byteLength;
    }
    back = out.subarray(0, filled);
  });
  if (back?.byteLength !== body.byteLength)
    throw new Error('the bare SDK round trip returned the wrong size');
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return ms;
}

/**
 * `s3_vs_sdk`: a Float64Array packed and unpacked through `S3Store` (the `.npy` packager, record
 * and `latest` pointer included) vs the same bytes put and got with the bare AWS SDK, against the
 * same server and bucket, interleaved in one run. The main figure is 256 MiB (multipart on both
 * sides: lib-storage's `Upload` with `S3Store`'s part size and queue); 1 MiB (one PutObject) is
 * reported beside it. Both clients are built by `s3ClientConfig`, so retries and checksum
 * settings are the same. Target (issue 15): at least 0.9× the bare SDK. Skipped when the server
 * is down.
 */
export const s3VsSdk: BenchCase = {
  id: 's3_vs_sdk',
  title: '256 MiB packed + unpacked through S3Store vs the same bytes through the bare AWS SDK',
  target: { on: 'ratio', op: '>=', value: 0.9 },
  async run(ctx) {
    const endpoint = await s3Endpoint();
    if (typeof endpoint !== 'string') return { skipped: endpoint.missing };
    const found = findExports('@stowage/s3', ['s3ClientConfig', 'S3_DEFAULTS']);
    if ('missing' in found) return { skipped: found.missing };
    const config = found.exports['s3ClientConfig'] as (options: object) => S3ClientConfig;
    const tuning = found.exports['S3_DEFAULTS'] as UploadTuning;
    const connection = s3Connection(endpoint);
    const s3 = await s3Packer(endpoint, connection);
    if ('missing' in s3) return { skipped: s3.missing };
    const client = new S3Client(config(connection));
    try {
      const measure = async (bytes: number, label: string) => {
        const array = makeFloat64Array(scaled(bytes, ctx.scale, 8));
        let rep = 0;
        const samples = await interleave(
          () => stowageRoundTrip(s3, array, `${label}-stowage-${++rep}`),
          () => sdkRoundTrip(client, connection.bucket, array, `${label}-sdk-${rep}`, tuning),
          ctx.plan,
        );
        const moved = 2 * array.byteLength;
        const figures = ratioOutcome(samples, 'MB/s', {
          convert: (ms) => toMegabytesPerSecond(moved, ms),
        });
        return { array, ...figures };
      };
      const large = await measure(LARGE_BYTES, 'large');
      const small = await measure(SMALL_BYTES, 'small');
      const extra: SubResult[] = [
        {
          id: 'small_single_put',
          stowage: small.stowage,
          baseline: small.baseline,
          ratio: small.ratio,
          ratioMeaning: `S3Store MB/s ÷ bare PutObject + GetObject MB/s, ${(small.array.byteLength / 2 ** 20).toFixed(2)} MiB`,
        },
      ];
      return {
        stowage: large.stowage,
        baseline: large.baseline,
        ratio: large.ratio,
        ratioMeaning: 'S3Store round-trip MB/s ÷ bare SDK (lib-storage Upload + GetObject) MB/s',
        extra,
        notes: [
          `${(large.array.byteLength / 2 ** 20).toFixed(0)} MiB packed then unpacked; MB/s counts both ways`,
          `S3Store side includes the .npy header, the record and the latest pointer (small PUTs) and the record GET`,
          `part size ${tuning.partSize / 2 ** 20} MiB, queue ${tuning.queueSize}, both sides; endpoint ${endpoint}`,
          ...s3.notes,
        ],
      };
    } finally {
      client.destroy();
      await s3.close();
    }
  },
};
