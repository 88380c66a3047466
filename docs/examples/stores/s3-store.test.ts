import { createHash } from 'node:crypto';
import { deleteBucket } from '@stowage/s3';
import {
  connection,
  describeS3,
  uniqueBucket,
} from '../../../packages/s3/test/helpers/s3-test-server';
import { main } from './s3-store';

describeS3('docs/stores/s3.md examples', () => {
  describe('when logging to S3 and opening an s3:// URI', () => {
    it('should read back the artifact and the raw object', async () => {
      const bucket = uniqueBucket();
      try {
        const result = await main({ ...connection }, bucket);
        expect(result).toEqual({
          url: `s3://${bucket}/team-a`,
          text: '0.1,0.2,0.3',
          csv: 'sepal,petal\n5.1,1.4\n',
          sha256: createHash('sha256').update('0.1,0.2,0.3').digest('hex'),
        });
      } finally {
        await deleteBucket({ ...connection, bucket });
      }
    });
  });
});
