// An artifact repository in S3 (here the local Swift test server), and s3:// URIs opened as data.
import { Artifact, MemoryStore, StoreArtifactRepository } from '@stowage/core';
import { S3Store, ensureBucket, s3UriResolver } from '@stowage/s3';
import type { S3ConnectionOptions } from '@stowage/s3';

export async function main(connection: S3ConnectionOptions, bucket: string) {
  // #region repository
  await ensureBucket({ ...connection, bucket }); // once, at setup (needs s3:CreateBucket)

  const store = new S3Store({ ...connection, bucket, prefix: 'team-a' });
  const repository = new StoreArtifactRepository({ store });

  // Three PUTs: the bytes (multipart when large), the record, the `latest` pointer.
  const logged = await repository.log(
    new Artifact({ key: 'weights', body: Buffer.from('0.1,0.2,0.3'), fileName: 'w.csv' }),
  );
  // On another machine, the same store options give the same artifact back, hash checked:
  const item = await repository.open(`store://weights@${logged.version}`);
  const text = await item.getText(); // '0.1,0.2,0.3'
  // #endregion

  // #region resolver
  const s3 = s3UriResolver(connection);
  const local = new StoreArtifactRepository({ store: new MemoryStore(), resolvers: { s3 } });
  await store.put('raw/iris.csv', Buffer.from('sepal,petal\n5.1,1.4\n'));
  const raw = await local.open(`s3://${bucket}/team-a/raw/iris.csv`);
  const csv = await raw.getText(); // a raw object: no record, no hash check
  // #endregion

  await local.dispose();
  await s3.close();
  await repository.dispose();
  await store.close();
  return { url: store.url, text, csv, sha256: logged.sha256 };
}
