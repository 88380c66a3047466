import { main as plainContainer } from './plain-container';
import { main as modelPackager } from './model-packager';
import { main as reportService } from './report-service';

describe('docs/dependency-injection.md examples', () => {
  describe('when a packager takes a service in its constructor', () => {
    it('should receive the service from the typedi container', async () => {
      expect(await modelPackager()).toEqual(['churn-model -> weights of churn']);
    });
  });

  describe('when a service of the container takes the manager', () => {
    it('should receive the manager built on that container and publish with it', async () => {
      expect(await reportService()).toBe('# Week 48');
    });
  });

  describe('when the container is a plain object', () => {
    it('should build packagers with new', async () => {
      const out = await plainContainer();
      expect(out).toMatchObject({ kind: 'artifact', packager: 'notes.NotePackager' });
    });
  });
});
